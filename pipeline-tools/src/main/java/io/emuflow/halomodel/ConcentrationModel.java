package io.emuflow.halomodel;

import java.util.Locale;

/** Concentration-mass relations c(M, z) of NFW halos; masses in M_sun/h. FoF masses use the 200m parameters. */
public enum ConcentrationModel {
    /**
     * Duffy et al. 2008 (MNRAS 390, L64, eq. 4 and Table 1, NFW, full sample, 0 &lt;= z &lt;= 2):
     * c = A (M / 2e12 M_sun/h)^B (1 + z)^C with (A, B, C) = (5.71, -0.084, -0.47) for 200c,
     * (7.85, -0.081, -0.71) for vir and (10.14, -0.081, -1.01) for 200m.
     */
    DUFFY08("duffy08"),
    /**
     * Bhattacharya et al. 2013 (ApJ 766, 32, Table 2): c = A D(z)^B nu^C with nu = delta_c / sigma(M, z),
     * delta_c = 1.686 and (A, B, C) = (5.9, 0.54, -0.35) for 200c, (7.7, 0.9, -0.29) for vir and (9.0, 1.15, -0.29)
     * for 200m.
     */
    BHATTACHARYA13("bhattacharya13");

    private final String label;

    ConcentrationModel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static ConcentrationModel parse(String name) {
        for (ConcentrationModel m : values()) {
            if (m.label.equals(name.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("concentration '" + name + "' is unknown (duffy08, bhattacharya13)");
    }

    /**
     * @param mass halo mass in M_sun/h
     * @param sigmaZ sigma(M, z) (the growth included)
     */
    public double concentration(double mass, double sigmaZ, Epoch epoch, MassDefinition definition) {
        if (this == DUFFY08) {
            double[] p = switch (definition) {
                case M200C -> new double[] {5.71, -0.084, -0.47};
                case VIR -> new double[] {7.85, -0.081, -0.71};
                case M200M, FOF -> new double[] {10.14, -0.081, -1.01};
            };
            return p[0] * Math.pow(mass / 2e12, p[1]) * Math.pow(1 + epoch.z(), p[2]);
        }
        double[] p = switch (definition) {
            case M200C -> new double[] {5.9, 0.54, -0.35};
            case VIR -> new double[] {7.7, 0.9, -0.29};
            case M200M, FOF -> new double[] {9.0, 1.15, -0.29};
        };
        return p[0] * Math.pow(epoch.growth(), p[1]) * Math.pow(1.686 / sigmaZ, p[2]);
    }
}
