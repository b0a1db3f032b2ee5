package io.emuflow.cosmology;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.analysis.interpolation.SplineInterpolator;
import org.apache.commons.math3.analysis.polynomials.PolynomialSplineFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A Boltzmann-code correction to the Eisenstein & Hu 1998 spectrum with wiggles, calibrated on CLASS. This is this
 * project's own empirical method, not a published one; it has no paper or equation to cite. What it builds on does:
 * the EH98 transfer function ({@link EisensteinHu}, EH98 eqs. 2-24) with the A_s normalisation of {@link Primordial},
 * and the EH98 sound horizon s at the drag epoch (EH98 eq. 6) used to align the baryon oscillations.
 *
 * <p>Why it works: the ratio P_Boltzmann / P_EH at fixed k does not depend on A_s or n_s (both spectra share the
 * primordial spectrum), and its dependence on the remaining parameters is weak and smooth (early-universe physics
 * sets the transfer function through omega_b and omega_c; h enters only near the horizon).
 *
 * <p>How it is derived ({@link #fit}), exactly:
 * <ol>
 *   <li>For each calibration cosmology i, y_i(k) = ln(P_CLASS(k) / P_EH(k)) at z = 0, with P_EH the EH98 spectrum
 *       with wiggles from the same (H0, omega_b, omega_c, A_s, n_s), read by a natural cubic spline in ln k.</li>
 *   <li>The ratios are resampled on {@value #NODES} equally spaced nodes in x = ln(k s_i), s_i the EH98 sound horizon
 *       of cosmology i, over the x range that every calibration spectrum covers.</li>
 *   <li>At each node separately, an ordinary least-squares fit (QR decomposition) of y against the features
 *       (1, omega_b - 0.0224, omega_c - 0.12, h - 0.70), i.e. linear in (omega_b, omega_c, h) around a fiducial
 *       cosmology: 4 coefficients per node, 1200 in all. Nothing else is tuned.</li>
 * </ol>
 * Evaluation ({@link #apply}) is linear interpolation in x of the per-node prediction. Below the calibrated x range the
 * first value is held (both spectra tend to the same primordial shape on large scales); above it the correction
 * continues with the slope of its last {@value #TAIL} in x for one decade in k (to about 50/Mpc, the k_max of the
 * CLASS runs), so that the small-scale trend that Halofit's integrals feel at high redshift carries on, and is held
 * beyond. Outside the calibrated box of (omega_b, omega_c, h) (the range of the calibration spectra, widened by
 * {@value #MARGIN} of it on each side) the correction of the nearest point of the box is used ({@link #covers} tells
 * whether a cosmology is inside): a linear extrapolation far out is not to be trusted.
 *
 * <p>Data: the bundled calibration ({@link #bundled()}) is fitted on the z = 0 linear spectra of the 21 public CLASS
 * v3.3.4 cosmologies (../shared/reference/class/pk_public.csv; H0 60-80, omega_b 0.019-0.025, omega_c 0.10-0.14,
 * ln10As 2.7-3.3, n_s 0.90-1.02; T_cmb 2.7255 K, N_ur = 3.046, no massive neutrinos, flat LambdaCDM), 200 values of
 * k from 1e-4 to 5/Mpc each, shipped as the resource class_linear_z0.csv. It is calibrated inside that box on flat
 * LambdaCDM only (other redshifts follow from the growth ODE); for w0wa or curved cosmologies the same correction
 * multiplies the EH98 spectrum and its accuracy there is not measured. Because it is fitted to those
 * 21 cosmologies, accuracy against them is in-sample; the honest figures are the leave-one-out ones (each cosmology
 * predicted by a calibration on the other 20), in docs/accuracy.md, "Matter power spectrum", and held by
 * ClassAccuracyTest.
 */
public final class CalibratedCorrection {
    private static final int NODES = 300;
    /** Width in x of the end of the calibrated range whose slope continues the correction to higher k. */
    private static final double TAIL = 0.4;
    private static final double[] FIDUCIAL = {0.0224, 0.12, 0.70};

    /** One Boltzmann-code linear spectrum at z = 0 (k in 1/Mpc, P in Mpc^3). */
    public record Sample(CosmologyParams params, double[] k, double[] pLin) {}

    /** The calibrated box is the range of the calibration spectra widened by this fraction of it on each side. */
    private static final double MARGIN = 0.25;
    /** Continuation above the calibrated range: one decade in k. */
    private static final double EXTENSION = Math.log(10);

    private final double xMin;
    private final double dx;
    private final double[][] coefficients; // [node][feature]
    private final double[] lower; // box of the calibration spectra in (omega_b, omega_c, h)
    private final double[] upper;

    private CalibratedCorrection(double xMin, double dx, double[][] coefficients, double[] lower, double[] upper) {
        this.xMin = xMin;
        this.dx = dx;
        this.coefficients = coefficients;
        this.lower = lower;
        this.upper = upper;
    }

    private static final class Bundled {
        static final CalibratedCorrection INSTANCE = fit(readResource("class_linear_z0.csv"));
    }

    /** The calibration on the bundled CLASS spectra. */
    public static CalibratedCorrection bundled() {
        return Bundled.INSTANCE;
    }

    /** The CLASS spectra the bundled calibration is fitted to (for validation, e.g. leave-one-out). */
    public static List<Sample> bundledSamples() {
        return readResource("class_linear_z0.csv");
    }

    /** (omega_b, omega_c, h) of a cosmology. */
    private static double[] point(CosmologyParams p) {
        return new double[] {p.omegaB(), p.omegaC(), p.h()};
    }

    /** Regression features of a point: (1, omega_b, omega_c, h) relative to the fiducial. */
    private static double[] features(double[] point) {
        return new double[] {1, point[0] - FIDUCIAL[0], point[1] - FIDUCIAL[1], point[2] - FIDUCIAL[2]};
    }

    /** Whether (omega_b, omega_c, h) lies inside the calibrated box. */
    public boolean covers(CosmologyParams p) {
        double[] x = point(p);
        for (int i = 0; i < x.length; i++) {
            if (x[i] < lower[i] || x[i] > upper[i]) {
                return false;
            }
        }
        return true;
    }

    /** A readable description of the calibrated box. */
    public String box() {
        return String.format(java.util.Locale.ROOT, "omega_b in [%.4f, %.4f], omega_c in [%.4f, %.4f], H0 in [%.2f, %.2f]",
                lower[0], upper[0], lower[1], upper[1], 100 * lower[2], 100 * upper[2]);
    }

    static double soundHorizon(CosmologyParams p) {
        Background b = Background.of(p);
        return EisensteinHu.of(b, Background.T_CMB).soundHorizon();
    }

    /** Fits the correction to Boltzmann-code spectra (at least 5 cosmologies). */
    public static CalibratedCorrection fit(List<Sample> samples) {
        int n = samples.size();
        int nFeatures = FIDUCIAL.length + 1;
        double[] lower = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] upper = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        if (n < nFeatures + 1) {
            throw new IllegalArgumentException("the correction needs at least " + (nFeatures + 1) + " calibration spectra, got " + n);
        }
        // common x = ln(k s) range covered by every sample
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        List<PolynomialSplineFunction> residuals = new ArrayList<>();
        double[] horizons = new double[n];
        double[][] design = new double[n][];
        for (int i = 0; i < n; i++) {
            Sample s = samples.get(i);
            horizons[i] = soundHorizon(s.params());
            double[] x = point(s.params());
            design[i] = features(x);
            for (int f = 0; f < x.length; f++) {
                lower[f] = Math.min(lower[f], x[f]);
                upper[f] = Math.max(upper[f], x[f]);
            }
            MatterPowerSpectrum eh = MatterPowerSpectrum.create(s.params(), LinearModel.EH_WIGGLE);
            double[] lnK = new double[s.k().length];
            double[] lnRatio = new double[s.k().length];
            for (int j = 0; j < lnK.length; j++) {
                lnK[j] = Math.log(s.k()[j]);
                lnRatio[j] = Math.log(s.pLin()[j] / eh.linearToday(s.k()[j]));
            }
            residuals.add(new SplineInterpolator().interpolate(lnK, lnRatio));
            lo = Math.max(lo, lnK[0] + Math.log(horizons[i]));
            hi = Math.min(hi, lnK[lnK.length - 1] + Math.log(horizons[i]));
        }
        double dx = (hi - lo) / (NODES - 1);
        double[][] y = new double[n][NODES];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < NODES; j++) {
                double lnK = lo + j * dx - Math.log(horizons[i]);
                PolynomialSplineFunction r = residuals.get(i);
                double[] knots = r.getKnots();
                y[i][j] = r.value(Math.max(knots[0], Math.min(knots[knots.length - 1], lnK)));
            }
        }
        DecompositionSolver solver = new QRDecomposition(new Array2DRowRealMatrix(design)).getSolver();
        RealMatrix beta = solver.solve(new Array2DRowRealMatrix(y)); // features x nodes
        double[][] coefficients = new double[NODES][nFeatures];
        for (int j = 0; j < NODES; j++) {
            for (int f = 0; f < nFeatures; f++) {
                coefficients[j][f] = beta.getEntry(f, j);
            }
        }
        for (int f = 0; f < lower.length; f++) {
            double margin = MARGIN * (upper[f] - lower[f]);
            lower[f] -= margin;
            upper[f] += margin;
        }
        return new CalibratedCorrection(lo, dx, coefficients, lower, upper);
    }

    /** The correction for one cosmology, ready to evaluate at any k. */
    public Applied apply(CosmologyParams p) {
        double[] x = point(p);
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(lower[i], Math.min(upper[i], x[i]));
        }
        double[] f = features(x);
        double[] values = new double[NODES];
        for (int j = 0; j < NODES; j++) {
            double sum = 0;
            for (int i = 0; i < f.length; i++) {
                sum += coefficients[j][i] * f[i];
            }
            values[j] = sum;
        }
        int tailNodes = Math.max(1, (int) Math.round(TAIL / dx));
        double slope = (values[NODES - 1] - values[NODES - 1 - tailNodes]) / (tailNodes * dx);
        return new Applied(xMin, dx, values, slope, Math.log(soundHorizon(p)));
    }

    /** ln(P_Boltzmann / P_EH) of one cosmology on the node grid, linearly interpolated in x = ln(k s). */
    public static final class Applied {
        private final double xMin;
        private final double dx;
        private final double[] values;
        private final double highSlope;
        private final double lnS;

        private Applied(double xMin, double dx, double[] values, double highSlope, double lnS) {
            this.xMin = xMin;
            this.dx = dx;
            this.values = values;
            this.highSlope = highSlope;
            this.lnS = lnS;
        }

        public double logRatio(double k) {
            double t = (Math.log(k) + lnS - xMin) / dx;
            if (t <= 0) {
                return values[0];
            }
            if (t >= values.length - 1) {
                return values[values.length - 1] + highSlope * Math.min(EXTENSION, (t - (values.length - 1)) * dx);
            }
            int i = (int) t;
            double w = t - i;
            return (1 - w) * values[i] + w * values[i + 1];
        }
    }

    /** Reads CLASS spectra (columns id, H0, omega_b, omega_c, ln10As, n_s, k_1_per_Mpc, P_lin_Mpc3) from a resource. */
    static List<Sample> readResource(String name) {
        InputStream in = CalibratedCorrection.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing calibration resource " + name);
        }
        Map<Integer, List<double[]>> rows = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine();
            String line;
            while ((line = reader.readLine()) != null) {
                String[] parts = line.split(",");
                double[] row = new double[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    row[i] = Double.parseDouble(parts[i]);
                }
                rows.computeIfAbsent((int) row[0], id -> new ArrayList<>()).add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Sample> samples = new ArrayList<>();
        for (List<double[]> r : rows.values()) {
            double[] first = r.get(0);
            CosmologyParams p = CosmologyParams.lcdm(first[1], first[2], first[3], first[4], first[5]);
            samples.add(new Sample(p, r.stream().mapToDouble(v -> v[6]).toArray(), r.stream().mapToDouble(v -> v[7]).toArray()));
        }
        return samples;
    }
}
