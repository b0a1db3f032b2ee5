package io.emuflow.halos;

import io.emuflow.cosmology.CosmologyParams;
import io.emuflow.cosmology.LinearModel;
import io.emuflow.cosmology.MatterPowerSpectrum;
import io.emuflow.fields.Box;
import io.emuflow.fields.GaussianRandomField;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * One halo box: Gaussian initial conditions of the z = 0 linear spectrum (Eisenstein &amp; Hu 1998 with baryon
 * wiggles, normalised to sigma_8), 2LPT particles at {@code aStart} ({@link Lpt2}), a FastPM particle-mesh run to
 * z = 0 ({@link ParticleMesh}), and friends-of-friends halos ({@link FriendsOfFriends}). Lengths in Mpc/h, masses in
 * M_sun/h. Omega_b, h and n_s are fixed at the Quijote values (Villaescusa-Navarro et al. 2020, ApJS 250, 2); the
 * universe is flat LambdaCDM with massless neutrinos.
 */
public final class HaloSimulation {
    public static final double OMEGA_B = 0.049;
    public static final double HUBBLE = 0.6711;
    public static final double N_S = 0.9624;
    /** Range of Omega_m the simulation accepts (the growth fits and the linear spectrum are tested over it). */
    public static final double OMEGA_M_MIN = 0.1;
    public static final double OMEGA_M_MAX = 0.6;
    public static final double SIGMA8_MIN = 0.4;
    public static final double SIGMA8_MAX = 1.2;

    private final HaloBoxConfig config;

    /** The outcome: halos, the particles at z = 0 and the initial linear field (z = 0 amplitude) in Fourier space. */
    public record Result(HaloCatalog halos, Particles particles, double[] linearDeltaK, double particleMass) {}

    public HaloSimulation(HaloBoxConfig config) {
        this.config = config;
    }

    public HaloBoxConfig config() {
        return config;
    }

    /** Checks Omega_m and sigma_8 (IllegalArgumentException naming the parameter). */
    public static void checkCosmology(double omegaM, double sigma8) {
        if (!(omegaM >= OMEGA_M_MIN && omegaM <= OMEGA_M_MAX)) {
            throw new IllegalArgumentException("Omega_m = " + omegaM + " is outside the halo simulator's range [" + OMEGA_M_MIN + ", "
                    + OMEGA_M_MAX + "]");
        }
        if (!(sigma8 >= SIGMA8_MIN && sigma8 <= SIGMA8_MAX)) {
            throw new IllegalArgumentException("sigma_8 = " + sigma8 + " is outside the halo simulator's range [" + SIGMA8_MIN + ", "
                    + SIGMA8_MAX + "]");
        }
    }

    /** Linear P(k, z = 0) in (Mpc/h)^3 with k in h/Mpc: P_h(k) = P(k h) h^3 of the cosmology package's spectrum. */
    public static DoubleUnaryOperator linearPower(double omegaM, double sigma8) {
        checkCosmology(omegaM, sigma8);
        double h2 = HUBBLE * HUBBLE;
        CosmologyParams params = CosmologyParams.lcdm(100 * HUBBLE, OMEGA_B * h2, (omegaM - OMEGA_B) * h2, 3.0, N_S);
        MatterPowerSpectrum spectrum = MatterPowerSpectrum.withSigma8(params, sigma8, LinearModel.EH_WIGGLE);
        double h3 = h2 * HUBBLE;
        return k -> spectrum.linearToday(k * HUBBLE) * h3;
    }

    /** Simulates one box; the same (cosmology, seed) gives bit-identical output. */
    public Result run(double omegaM, double sigma8, long seed) {
        return run(omegaM, linearPower(omegaM, sigma8), seed);
    }

    /** Simulates one box from a given z = 0 linear spectrum (k in h/Mpc, P in (Mpc/h)^3). */
    public Result run(double omegaM, DoubleUnaryOperator power, long seed) {
        LcdmGrowth growth = new LcdmGrowth(omegaM);
        Box grid = new Box(config.particleGrid(), config.boxLength());
        double[] deltaK = GaussianRandomField.spectrum(grid, power, seed);
        Lpt2.Displacements psi = Lpt2.of(grid, deltaK);
        // the lattice sits half a mesh cell off the mesh nodes, where the CIC kernel is smooth in the displacement
        Particles particles = Particles.fromLpt(grid, psi, growth, config.aStart(), 0.5 / config.meshFactor());
        new ParticleMesh(config.particleGrid() * config.meshFactor(), config.boxLength(), growth)
                .evolve(particles, config.aStart(), 1.0, config.steps());
        double particleMass = config.particleMass(omegaM);
        List<int[]> groups = FriendsOfFriends.groups(particles.position(), config.boxLength(),
                config.linkingLength() * particles.spacing(), config.minParticles());
        List<int[]> kept = new ArrayList<>();
        for (int[] g : groups) {
            if (g.length * particleMass >= config.minMass()) {
                kept.add(g);
            }
        }
        return new Result(HaloCatalog.fromGroups(particles, kept, particleMass, 1.0), particles, deltaK, particleMass);
    }
}
