package io.emuflow.halomodel;

/**
 * The halo population of one cosmology at one redshift on the settings' mass grid: masses, mass function, bias,
 * concentration and NFW scale radius per bin (h units: M_sun/h, Mpc/h). Also serves dn/dlog10 M and b(M) at any mass.
 */
public final class Halos {
    private final LinearTheory linear;
    private final HaloModelSettings settings;
    private final Epoch epoch;
    final double[] mass;
    /** dn/dlog10 M times the bin width: the number density of halos in each bin, (h/Mpc)^3. */
    final double[] number;
    final double[] bias;
    final double[] concentration;
    final double[] scaleRadius;
    final double width;
    /** Low-mass end where the mass outside the grid is put back (half a decade below the grid, 10^5.5 for 1e6). */
    final double lowMass;
    final double lowConcentration;
    final double lowScaleRadius;

    public Halos(LinearTheory linear, double z, HaloModelSettings settings) {
        this.linear = linear;
        this.settings = settings;
        this.epoch = Epoch.of(linear, z, settings.massDefinition(), settings.threshold());
        int n = settings.bins();
        width = (settings.log10MMax() - settings.log10MMin()) / n;
        mass = new double[n];
        number = new double[n];
        bias = new double[n];
        concentration = new double[n];
        scaleRadius = new double[n];
        for (int i = 0; i < n; i++) {
            double m = Math.pow(10, settings.log10MMin() + (i + 0.5) * width);
            mass[i] = m;
            double sigma = linear.sigma(m) * epoch.growth();
            number[i] = dndlog10m(m, sigma) * width;
            bias[i] = settings.bias().bias(sigma, epoch);
            concentration[i] = settings.concentration().concentration(m, sigma, epoch, settings.massDefinition());
            scaleRadius[i] = radius(m) / concentration[i];
        }
        lowMass = Math.pow(10, settings.log10MMin() - 0.5);
        lowConcentration = settings.concentration().concentration(lowMass, linear.sigma(lowMass) * epoch.growth(), epoch,
                settings.massDefinition());
        lowScaleRadius = radius(lowMass) / lowConcentration;
    }

    public Epoch epoch() {
        return epoch;
    }

    public LinearTheory linear() {
        return linear;
    }

    public HaloModelSettings settings() {
        return settings;
    }

    /** Comoving radius R_Delta (Mpc/h) of a halo of mass M (M_sun/h) in the settings' mass definition. */
    public double radius(double m) {
        return MassDefinition.radius(m, epoch.deltaMean(), linear.rhoM());
    }

    /** dn/dlog10 M in (h/Mpc)^3 at mass M (M_sun/h): ln 10 f(sigma) (rho_m / M) |d ln sigma / d ln M|. */
    public double dndlog10m(double m) {
        return dndlog10m(m, linear.sigma(m) * epoch.growth());
    }

    /** Halo bias at mass M (M_sun/h). */
    public double bias(double m) {
        return settings.bias().bias(linear.sigma(m) * epoch.growth(), epoch);
    }

    private double dndlog10m(double m, double sigma) {
        double f = settings.massFunction().multiplicity(sigma, epoch, settings.massDefinition() == MassDefinition.FOF);
        return Math.log(10) * f * linear.rhoM() / m * Math.abs(linear.dlnSigmaDlnM(m));
    }
}
