package io.emuflow.reionization;

import io.emuflow.cosmology.LinearGrowth;
import io.emuflow.cosmology.Sigma8Power;
import io.emuflow.fields.Box;
import io.emuflow.fields.Fft3;
import io.emuflow.fields.KSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Excursion-set ionization of an evolved density box (Furlanetto, Zaldarriaga &amp; Hernquist 2004; Mesinger &amp;
 * Furlanetto 2007; Mesinger, Furlanetto &amp; Cen 2011, section 2.2), following 21cmFAST v3's find_HII_bubbles with
 * a mass-independent efficiency, no spin-temperature or recombination terms and the central-cell flagging
 * (FIND_BUBBLE_ALGORITHM = 2):
 *
 * <ol>
 *   <li>The density is smoothed with a sharp k-space filter of radius R, from R_BUBBLE_MAX down to the cell
 *       scale in steps of 1.1 (after the first step the radii are cell_R 1.1^n, so that every R_BUBBLE_MAX
 *       shares them).</li>
 *   <li>At each R the conditional collapsed fraction f(x) = erfc[(delta_c - delta_R) / (sqrt 2 D sqrt(sigma_min^2
 *       - sigma_R^2))] is rescaled so that its box mean equals the Sheth-Tormen mean collapsed fraction
 *       above M_min (the rescaling corrects the evolved, non-linear density of the box).</li>
 *   <li>A cell is ionized when zeta f &gt; 1 at any R. At the cell scale, still-neutral cells are partially
 *       ionized, x_HI = 1 - zeta f, where f first goes through 21cmFAST v3's sub-grid halo scatter
 *       ({@link SubgridHalos}: scaled by N / 5 with N ~ Poisson(5) when the cell holds fewer than 5 halos of M_min
 *       on average, and zero below a fifth of a halo).</li>
 * </ol>
 * M_min follows from ION_Tvir_MIN ({@link HaloAbundance#minimumMass}). When zeta times the mean collapsed
 * fraction is below 1e-5 the box is declared neutral (x_HI = 1; 21cmFAST would use RECFAST's residual ionization,
 * about 2e-4, which is not modelled here).
 */
public final class ExcursionSet {
    /** Radius of the sphere with a cell's volume over the cell side, (4 pi / 3)^(-1/3). */
    public static final double L_FACTOR = 0.620350491;
    static final double R_BUBBLE_MIN = 0.620350491;
    static final double DELTA_R_FACTOR = 1.1;
    static final double FRACT_FLOAT_ERR = 1e-7;
    static final double HII_ROUND_ERR = 1e-5;

    private final ReionCosmology cosmology;
    private final Sigma8Power power;
    private final LinearGrowth growth;

    /** The cosmology's linear power and growth ({@link ReionCosmology#linearPower}, {@link ReionCosmology#growth}). */
    public ExcursionSet(ReionCosmology cosmology, Sigma8Power power, LinearGrowth growth) {
        this.cosmology = cosmology;
        this.power = power;
        this.growth = growth;
    }

    /** One filtering step: radius, whether the unfiltered cell-scale field is used, and its erfc scale. */
    record Step(double radius, boolean unfiltered, boolean last, double erfcScale) {}

    /** The filter radii 21cmFAST uses for this box and parameters, stopping where R no longer exceeds M_min. */
    List<Step> steps(Box box, double redshift, AstroParams astro) {
        double cellRadius = L_FACTOR * box.cellSize();
        double rMax = Math.min(astro.rBubbleMax(), L_FACTOR * box.length());
        double minimumMass = HaloAbundance.minimumMass(cosmology, redshift, astro.tVir());
        double sigmaMin = power.sigma(cosmology.radiusOfMass(minimumMass));
        double d = growth.normalized(redshift);

        // the largest radius of the aligned sequence cell_R 1.1^n that does not exceed R_max
        double stored = 0;
        double r = Math.max(R_BUBBLE_MIN, cellRadius);
        while (r - rMax <= FRACT_FLOAT_ERR) {
            r *= DELTA_R_FACTOR;
            if (r >= rMax) {
                stored = r / DELTA_R_FACTOR;
            }
        }
        List<Step> steps = new ArrayList<>();
        r = rMax;
        boolean first = true;
        boolean last = false;
        while (!last && minimumMass < cosmology.massOfRadius(r)) {
            if (r / DELTA_R_FACTOR - cellRadius <= FRACT_FLOAT_ERR || r / DELTA_R_FACTOR - R_BUBBLE_MIN <= FRACT_FLOAT_ERR) {
                last = true;
                r = Math.max(cellRadius, R_BUBBLE_MIN);
            }
            double sigmaR = power.sigma(r);
            double variance = 2 * (sigmaMin * sigmaMin - sigmaR * sigmaR);
            if (variance < 0) {
                break; // the filter scale is below M_min
            }
            boolean unfiltered = last && r - cellRadius <= FRACT_FLOAT_ERR;
            steps.add(new Step(r, unfiltered, last, 1 / (d * Math.sqrt(variance))));
            if (first) {
                r = stored;
                first = false;
            } else {
                r /= DELTA_R_FACTOR;
            }
        }
        return steps;
    }

    /**
     * Neutral fraction box of a perturbed field.
     *
     * @param poissonSeed seeds the Poisson sampling of the halos in the cells at the last step
     * @param poisson whether to apply 21cmFAST v3's sub-grid halo scatter at the last step ({@link SubgridHalos})
     */
    public double[] neutralFraction(PerturbedField field, AstroParams astro, long poissonSeed, boolean poisson) {
        Box box = field.box();
        double z = field.redshift();
        double[] neutral = new double[box.cells()];
        Arrays.fill(neutral, 1.0);
        double minimumMass = HaloAbundance.minimumMass(cosmology, z, astro.tVir());
        double meanCollapsed = HaloAbundance.shethTormenFraction(power.sigma(cosmology.radiusOfMass(minimumMass)), growth.normalized(z));
        if (meanCollapsed * astro.zeta() < HII_ROUND_ERR) {
            return neutral;
        }
        double threshold = 1 / astro.zeta();
        double pixelMass = cosmology.rhoMatter() * box.cellVolume();
        SplittableRandom random = new SplittableRandom(poissonSeed);
        List<Step> steps = steps(box, z, astro);
        double[] pending = null; // second field of an inverse-transform pair, for the next step
        double[] packed = new double[field.spectrum().length];
        double[] collapsed = new double[box.cells()];
        for (int s = 0; s < steps.size(); s++) {
            Step step = steps.get(s);
            double[] smoothed;
            if (step.unfiltered()) {
                smoothed = field.density().clone();
            } else if (pending != null) {
                smoothed = pending;
                pending = null;
            } else {
                boolean pairable = s + 1 < steps.size() && !steps.get(s + 1).unfiltered();
                double second = pairable ? steps.get(s + 1).radius() : Double.NaN;
                KSpace.sharpKPacked(box, field.spectrum(), step.radius(), second, packed);
                double[][] pair = Fft3.inversePacked(box, packed);
                smoothed = pair[0];
                pending = pairable ? pair[1] : null;
            }
            double sum = 0;
            for (int c = 0; c < smoothed.length; c++) {
                double delta = Math.max(smoothed[c], -1 + FRACT_FLOAT_ERR);
                smoothed[c] = delta;
                double f = HaloAbundance.erfc((HaloAbundance.DELTA_C - delta) * step.erfcScale());
                collapsed[c] = f;
                sum += f;
            }
            double meanBox = Math.max(sum / smoothed.length, FRACT_FLOAT_ERR);
            double rescale = meanCollapsed / meanBox;
            double neutralSum = 0;
            for (int c = 0; c < smoothed.length; c++) {
                double f = rescale * collapsed[c];
                if (f > threshold) {
                    neutral[c] = 0;
                } else if (step.last() && neutral[c] > 1e-30) {
                    neutral[c] = partialNeutral(f, smoothed[c], pixelMass, minimumMass, astro.zeta(), random, poisson);
                }
                neutralSum += neutral[c];
            }
            if (neutralSum == 0) {
                break;
            }
        }
        return neutral;
    }

    /**
     * Neutral fraction 1 - zeta f of a cell left partially ionized at the cell scale; with {@code poisson}, f goes
     * through 21cmFAST v3's treatment of sub-grid halos ({@link SubgridHalos}) first. The mean number of M_min
     * halos uses the uncapped f and the cell's mass (1 + delta) rho_m V_cell, as 21cmFAST does.
     */
    private static double partialNeutral(double f, double delta, double pixelMass, double minimumMass, double zeta,
            SplittableRandom random, boolean poisson) {
        double fc = f;
        if (poisson) {
            fc = SubgridHalos.collapsedFraction(f, f * pixelMass * (1 + delta) / minimumMass, random);
        }
        fc = Math.min(fc, 1);
        double x = 1 - fc * zeta;
        return x < 0 ? 0 : Math.min(x, 1);
    }
}
