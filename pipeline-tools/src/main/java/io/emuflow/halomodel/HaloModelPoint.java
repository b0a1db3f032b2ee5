package io.emuflow.halomodel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One parameter point of the halo-model emulator as users name it: Omega_c (or Omega_m), Omega_b, h, sigma_8, n_s
 * and the HOD's alpha, sigma, M_th (or log10_M_th), M_prime (or log10_M_prime), beta; masses in M_sun/h.
 * Evaluates the ten spectra in the units of the command line and the study: k in 1/Mpc, P in Mpc^3.
 */
public record HaloModelPoint(double omegaM, double omegaB, double h, double sigma8, double nS, Hod hod) {
    /** The names a point takes, cosmology first (Omega_m may replace Omega_c; M_th, M_prime may be given in log10). */
    public static final List<String> NAMES = List.of("Omega_c", "Omega_b", "h", "sigma_8", "n_s", "alpha", "sigma", "log10_M_th",
            "log10_M_prime", "beta");
    /** CMB temperature for the transfer function (K). */
    public static final double T_CMB = 2.7255;

    /** Reads a point from named values; unknown, missing or doubly given names are one-line errors. */
    public static HaloModelPoint fromMap(Map<String, Double> values) {
        List<String> known = new ArrayList<>(NAMES);
        known.addAll(List.of("Omega_m", "M_th", "M_prime"));
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown halo-model parameter '" + name + "' (known: " + known + ")");
            }
        }
        double omegaB = required(values, "Omega_b");
        double omegaM;
        if (values.containsKey("Omega_m") == values.containsKey("Omega_c")) {
            throw new IllegalArgumentException("give exactly one of Omega_m and Omega_c");
        }
        omegaM = values.containsKey("Omega_m") ? values.get("Omega_m") : values.get("Omega_c") + omegaB;
        double mTh = mass(values, "M_th");
        double mPrime = mass(values, "M_prime");
        Hod hod = new Hod(required(values, "alpha"), required(values, "sigma"), mTh, mPrime, required(values, "beta"));
        return new HaloModelPoint(omegaM, omegaB, required(values, "h"), required(values, "sigma_8"), required(values, "n_s"), hod);
    }

    /** {k, P_lin, P_mm_1h, ...} in 1/Mpc and Mpc^3 at redshift z: [10][k.length] in the order of {@link HaloModel#NAMES}. */
    public double[][] spectra(double[] k, double z, HaloModelSettings settings) {
        LinearTheory linear = linear();
        Halos halos = new Halos(linear, z, settings);
        double[] kh = new double[k.length];
        for (int i = 0; i < k.length; i++) {
            if (!(k[i] > 0 && Double.isFinite(k[i]))) {
                throw new IllegalArgumentException("wavenumber k = " + k[i] + " 1/Mpc must be positive and finite");
            }
            kh[i] = k[i] / h;
        }
        double[][] out = HaloModel.spectra(halos, hod, kh);
        double h3 = h * h * h;
        for (double[] row : out) {
            for (int i = 0; i < row.length; i++) {
                row[i] /= h3;
            }
        }
        return out;
    }

    public LinearTheory linear() {
        return new LinearTheory(omegaM, omegaB, h, sigma8, nS, T_CMB);
    }

    private static double mass(Map<String, Double> values, String name) {
        boolean linear = values.containsKey(name);
        boolean log = values.containsKey("log10_" + name);
        if (linear == log) {
            throw new IllegalArgumentException("give exactly one of " + name + " and log10_" + name + " (M_sun/h)");
        }
        double m = linear ? values.get(name) : Math.pow(10, values.get("log10_" + name));
        if (!(m > 0 && Double.isFinite(m))) {
            throw new IllegalArgumentException(name + " = " + m + " must be a positive mass (M_sun/h)");
        }
        return m;
    }

    private static double required(Map<String, Double> values, String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing halo-model parameter '" + name + "'");
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("halo-model parameter " + name + " = " + v + " is not finite");
        }
        return v;
    }
}
