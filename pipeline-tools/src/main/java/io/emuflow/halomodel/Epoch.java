package io.emuflow.halomodel;

/**
 * What the fits need to know about one redshift.
 *
 * @param z redshift
 * @param omegaMz Omega_m(z)
 * @param growth D(z) / D(0)
 * @param deltaMean the mass definition's overdensity relative to the mean matter density
 * @param deltaC the linear collapse threshold used by the Sheth-Tormen fits ({@link CollapseThreshold})
 */
public record Epoch(double z, double omegaMz, double growth, double deltaMean, double deltaC) {
    public static Epoch of(LinearTheory linear, double z, MassDefinition definition, CollapseThreshold threshold) {
        if (!(z >= 0 && z <= 20)) {
            throw new IllegalArgumentException("redshift z = " + z + " is outside [0, 20]");
        }
        double omegaMz = linear.omegaM(z);
        return new Epoch(z, omegaMz, linear.growth(z), definition.deltaMean(omegaMz), threshold.value(omegaMz));
    }
}
