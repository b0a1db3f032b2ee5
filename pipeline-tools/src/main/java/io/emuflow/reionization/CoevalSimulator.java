package io.emuflow.reionization;

import io.emuflow.cosmology.LinearGrowth;
import io.emuflow.cosmology.Sigma8Power;
import io.emuflow.fields.Box;
import io.emuflow.fields.Fft3;
import io.emuflow.fields.GaussianRandomField;
import io.emuflow.fields.KSpace;
import io.emuflow.fields.SphericalPowerSpectrum;
import io.emuflow.fields.Zeldovich;

/**
 * Coeval 21-cm boxes in the manner of 21cmFAST (Mesinger, Furlanetto &amp; Cen 2011): Gaussian initial conditions
 * with the linear spectrum of {@link ReionCosmology#linearPower}, Zel'dovich displacement to redshift z with a cloud-in-cell
 * deposit, excursion-set ionization, brightness temperature and its spherically averaged power spectrum. The steps
 * are separate so that one set of initial conditions serves many redshifts and one perturbed field many sets of
 * astrophysical parameters.
 *
 * <p>21cmFAST draws its initial conditions on a grid {@code s} times finer (DIM = s HII_DIM, s = 3 by default),
 * smooths them with a real-space top-hat of the low-resolution cell's volume and moves s^3 particles per
 * low-resolution cell. This class draws directly on the low-resolution grid, applies the same top-hat window, and
 * deposits s^3 sub-particles per cell ({@link Zeldovich#evolvedDensity}); it leaves out only the aliasing of
 * the fine grid's smoothed sub-cell modes, which are a small fraction of the power (top-hat window squared below
 * 0.1 beyond the low-resolution Nyquist frequency). With s = 1 there is no window and one particle per cell.
 */
public final class CoevalSimulator {
    /** 21cmFAST's INITIAL_REDSHIFT: particles start at their Lagrangian positions at z = 300. */
    public static final double INITIAL_REDSHIFT = 300;
    /** Number of log-spaced k bins of the reference spectra. */
    public static final int SPECTRUM_BINS = 20;

    private final Box box;
    private final ReionCosmology cosmology;
    private final Sigma8Power power;
    private final LinearGrowth growth;
    private final ExcursionSet excursionSet;
    private final SphericalPowerSpectrum spectrum;
    private final int subparticles;
    private final boolean poisson;

    /** Initial conditions: the displacement per unit growth and the linear density at z = 0. */
    public record InitialConditions(long seed, Zeldovich.Displacement displacement) {}

    /** One ionized box: neutral fraction, brightness temperature (mK) and their means. */
    public record Coeval(double redshift, double[] neutralFraction, double[] brightnessTemperature,
            double meanNeutralFraction, double meanBrightnessTemperature) {}

    /**
     * @param subparticles s, the initial-conditions oversampling per cell side (21cmFAST's DIM / HII_DIM)
     * @param poisson apply 21cmFAST v3's sub-grid halo scatter to partially ionized cells ({@link SubgridHalos})
     */
    public CoevalSimulator(Box box, ReionCosmology cosmology, int subparticles, boolean poisson) {
        if (subparticles < 1 || subparticles > 8) {
            throw new IllegalArgumentException("initial-conditions oversampling must lie in [1, 8], got " + subparticles);
        }
        this.box = box;
        this.cosmology = cosmology;
        this.power = cosmology.linearPower();
        this.growth = cosmology.growth();
        this.excursionSet = new ExcursionSet(cosmology, power, growth);
        this.spectrum = new SphericalPowerSpectrum(box, SPECTRUM_BINS);
        this.subparticles = subparticles;
        this.poisson = poisson;
    }

    public Box box() {
        return box;
    }

    public ReionCosmology cosmology() {
        return cosmology;
    }

    public Sigma8Power linearPower() {
        return power;
    }

    public LinearGrowth growth() {
        return growth;
    }

    public SphericalPowerSpectrum spectrum() {
        return spectrum;
    }

    public InitialConditions initialConditions(long seed) {
        double[] deltaK = GaussianRandomField.spectrum(box, power::power, seed);
        if (subparticles > 1) {
            double radius = ExcursionSet.L_FACTOR * box.cellSize();
            KSpace.multiplyInPlace(box, deltaK, k -> KSpace.topHatWindow(k * radius));
        }
        return new InitialConditions(seed, Zeldovich.displacement(box, deltaK));
    }

    public PerturbedField perturb(InitialConditions ic, double redshift) {
        if (!(redshift >= 0 && redshift < INITIAL_REDSHIFT)) {
            throw new IllegalArgumentException("redshift must lie in [0, " + INITIAL_REDSHIFT + "), got " + redshift);
        }
        double initialGrowth = growth.normalized(INITIAL_REDSHIFT);
        double[] density = Zeldovich.evolvedDensity(box, ic.displacement(), growth.normalized(redshift) - initialGrowth,
                initialGrowth, subparticles);
        for (int c = 0; c < density.length; c++) {
            density[c] = Math.max(density[c], -1 + ExcursionSet.FRACT_FLOAT_ERR);
        }
        return new PerturbedField(box, redshift, density, Fft3.forward(box, density));
    }

    /** Ionizes a perturbed field; {@code seed} drives the Poisson sampling of the last filter step. */
    public Coeval ionize(PerturbedField field, AstroParams astro, long seed) {
        double[] neutral = excursionSet.neutralFraction(field, astro, seed, poisson);
        double[] tb = BrightnessTemperature.box(cosmology, field.redshift(), neutral, field.density());
        return new Coeval(field.redshift(), neutral, tb, mean(neutral), mean(tb));
    }

    /** Delta^2(k) in mK^2 of a brightness temperature box, on {@link SphericalPowerSpectrum#centres()}. */
    public double[] delta2(double[] brightnessTemperature) {
        return spectrum.dimensionless(brightnessTemperature);
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
