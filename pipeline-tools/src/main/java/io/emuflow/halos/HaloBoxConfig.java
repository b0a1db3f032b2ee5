package io.emuflow.halos;

/**
 * How a halo box is simulated.
 *
 * @param boxLength side of the periodic box in Mpc/h
 * @param particleGrid particles per side (n^3 particles)
 * @param meshFactor particle-mesh cells per particle side (FastPM's B; 2 by default)
 * @param steps particle-mesh steps, linear in a, from {@code aStart} to a = 1
 * @param aStart scale factor of the 2LPT initial conditions
 * @param linkingLength friends-of-friends linking length in units of the mean interparticle spacing (0.2)
 * @param minParticles fewest particles a halo may have
 * @param minMass halo mass cut in M_sun/h (halos lighter than it are dropped; 0 keeps every group)
 */
public record HaloBoxConfig(double boxLength, int particleGrid, int meshFactor, int steps, double aStart, double linkingLength,
        int minParticles, double minMass) {

    public HaloBoxConfig {
        require(boxLength > 0 && boxLength < 1e5, "box length must lie in (0, 1e5) Mpc/h, got " + boxLength);
        require(particleGrid >= 8 && particleGrid <= 512 && particleGrid % 2 == 0,
                "the particle grid must be an even number in [8, 512], got " + particleGrid);
        require(meshFactor >= 1 && meshFactor <= 4, "the mesh factor must be 1 to 4 mesh cells per particle, got " + meshFactor);
        require(steps >= 1 && steps <= 1000, "the number of particle-mesh steps must lie in [1, 1000], got " + steps);
        require(aStart > 0 && aStart < 1, "the starting scale factor must lie in (0, 1), got " + aStart);
        require(linkingLength > 0 && linkingLength < 1, "the linking length must lie in (0, 1) mean spacings, got " + linkingLength);
        require(minParticles >= 2, "a halo needs at least 2 particles, got " + minParticles);
        require(minMass >= 0 && Double.isFinite(minMass), "the halo mass cut must be a mass >= 0 in M_sun/h, got " + minMass);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Mass of one particle in M_sun/h for a given Omega_m. */
    public double particleMass(double omegaM) {
        double spacing = boxLength / particleGrid;
        return HaloCatalog.RHO_CRIT * omegaM * spacing * spacing * spacing;
    }
}
