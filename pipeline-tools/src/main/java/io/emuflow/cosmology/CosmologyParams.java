package io.emuflow.cosmology;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of one cosmology as users and studies give them.
 *
 * @param h0 Hubble constant in km/s/Mpc
 * @param omegaB physical baryon density Omega_b h^2
 * @param omegaC physical cold dark matter density Omega_c h^2
 * @param ln10As ln(10^10 A_s), A_s at the pivot 0.05/Mpc
 * @param nS scalar spectral index
 * @param w0 dark-energy equation of state today (w0waCDM, Chevallier & Polarski 2001; Linder 2003)
 * @param wa its time derivative, w(a) = w0 + wa (1 - a)
 * @param omegaK curvature density Omega_k (0 = flat)
 */
public record CosmologyParams(double h0, double omegaB, double omegaC, double ln10As, double nS, double w0, double wa, double omegaK) {
    /** Names accepted by {@link #fromMap}, required first. */
    public static final List<String> REQUIRED = List.of("H0", "omega_b", "omega_c", "ln10As", "n_s");
    public static final List<String> OPTIONAL = List.of("w0", "wa", "Omega_k");

    public CosmologyParams {
        check(h0, "H0", 20, 150);
        check(omegaB, "omega_b", 1e-3, 0.1);
        check(omegaC, "omega_c", 0.01, 0.5);
        // wide, 0 to 7 (A_s = 1e-10 to 1.1e-7): spectra normalised to sigma_8 over the halo boxes' range need ln10As
        // from about 0.8 (Omega_m 0.6, sigma_8 0.4) to 6.4 (Omega_m 0.1, sigma_8 1.2)
        check(ln10As, "ln10As", 0.0, 7.0);
        check(nS, "n_s", 0.5, 1.5);
        check(w0, "w0", -3, 0);
        check(wa, "wa", -3, 3);
        check(omegaK, "Omega_k", -0.5, 0.5);
        if (w0 + wa > 0) {
            throw new IllegalArgumentException("w0 + wa = " + (w0 + wa) + " must be <= 0 (dark energy would dominate the early universe)");
        }
        double h = h0 / 100;
        double omegaM = (omegaB + omegaC) / (h * h);
        if (omegaM + omegaK >= 1) {
            throw new IllegalArgumentException("Omega_m + Omega_k = " + (omegaM + omegaK) + " leaves no room for dark energy (need < 1)");
        }
    }

    /** A flat LambdaCDM cosmology. */
    public static CosmologyParams lcdm(double h0, double omegaB, double omegaC, double ln10As, double nS) {
        return new CosmologyParams(h0, omegaB, omegaC, ln10As, nS, -1, 0, 0);
    }

    /**
     * Reads H0, omega_b, omega_c, ln10As, n_s and optionally w0 (default -1), wa (0) and Omega_k (0).
     *
     * @throws IllegalArgumentException for unknown or missing names and unphysical values
     */
    public static CosmologyParams fromMap(Map<String, Double> values) {
        Set<String> unknown = new LinkedHashSet<>(values.keySet());
        unknown.removeAll(REQUIRED);
        unknown.removeAll(OPTIONAL);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown cosmological parameter(s) " + unknown + " (known: " + REQUIRED + " and optionally " + OPTIONAL + ")");
        }
        for (String name : REQUIRED) {
            if (values.get(name) == null) {
                throw new IllegalArgumentException("missing cosmological parameter '" + name + "' (required: " + REQUIRED + ")");
            }
        }
        return new CosmologyParams(values.get("H0"), values.get("omega_b"), values.get("omega_c"), values.get("ln10As"),
                values.get("n_s"), values.getOrDefault("w0", -1.0), values.getOrDefault("wa", 0.0), values.getOrDefault("Omega_k", 0.0));
    }

    public double h() {
        return h0 / 100;
    }

    /** Primordial amplitude A_s at the pivot {@link Primordial#PIVOT_K}. */
    public double aS() {
        return 1e-10 * Math.exp(ln10As);
    }

    /** Omega_b + Omega_c today. */
    public double omegaMatter() {
        return (omegaB + omegaC) / (h() * h());
    }

    private static void check(double value, String name, double lo, double hi) {
        if (!Double.isFinite(value) || value < lo || value > hi) {
            throw new IllegalArgumentException("cosmological parameter " + name + " = " + value + " is outside the physical range [" + lo + ", " + hi + "]");
        }
    }
}
