package io.emuflow.inference;

/**
 * A cosmic-variance-limited Gaussian likelihood of the lensed TT, TE and EE spectra on a sky fraction f_sky, with
 * the multipoles 2..l_max taken as bandpowers at the model's multipole nodes (every l to 29, then every 5th: each
 * node stands for the multipoles nearest to it, and its variance is divided by their number).
 *
 * <p>At each node the three spectra have the Gaussian covariance of cross spectra (Wick's theorem; Knox 1995,
 * Phys. Rev. D 52, 4307, for the f_sky and 2l+1 mode count; Kamionkowski, Kosowsky & Stebbins 1997, Phys. Rev. D
 * 55, 7368, for the cross terms): Cov(C^XY, C^WZ) = (C^XW C^YZ + C^XZ C^YW) / ((2l+1) f_sky), i.e. for (TT, TE, EE)
 * <pre>
 *   [ 2 TT^2      2 TT TE          2 TE^2  ]
 *   [ 2 TT TE     TT EE + TE^2     2 EE TE ]  / ((2l + 1) f_sky n_l)
 *   [ 2 TE^2      2 EE TE          2 EE^2  ]
 * </pre>
 * evaluated at the fiducial spectra (fixed, so the likelihood is Gaussian in the data). Spectra in l(l+1) C_l / 2pi
 * work unchanged: the factor is the same for data, model and covariance at a given l. The data vector is TT at every
 * node, then TE, then EE.
 */
public final class CmbLikelihood implements Likelihood {
    private final double[] data;
    private final int nodes;
    /** Per node, the inverse covariance (row-major 3 x 3). */
    private final double[][] inverse;
    private final double logNormalisation;

    /**
     * @param ell the multipole nodes (increasing integers)
     * @param fiducial {TT, TE, EE} at the nodes, for the covariance
     * @param data {TT, TE, EE} at the nodes, the measured spectra
     */
    public CmbLikelihood(double[] ell, double[][] fiducial, double[][] data, double fSky) {
        if (!(fSky > 0 && fSky <= 1)) {
            throw new IllegalArgumentException("f_sky " + fSky + " is outside (0, 1]");
        }
        if (fiducial.length != 3 || data.length != 3) {
            throw new IllegalArgumentException("the CMB likelihood takes three spectra (TT, TE, EE)");
        }
        this.nodes = ell.length;
        for (int s = 0; s < 3; s++) {
            if (fiducial[s].length != nodes || data[s].length != nodes) {
                throw new IllegalArgumentException("spectrum " + s + " has " + data[s].length + " values for " + nodes + " multipole nodes");
            }
        }
        double[] multipoles = multipolesPerNode(ell);
        this.data = new double[3 * nodes];
        this.inverse = new double[nodes][];
        double logNorm = 0;
        for (int j = 0; j < nodes; j++) {
            double tt = fiducial[0][j];
            double te = fiducial[1][j];
            double ee = fiducial[2][j];
            double modes = (2 * ell[j] + 1) * fSky * multipoles[j];
            double[][] c = {
                {2 * tt * tt, 2 * tt * te, 2 * te * te},
                {2 * tt * te, tt * ee + te * te, 2 * ee * te},
                {2 * te * te, 2 * ee * te, 2 * ee * ee}};
            for (double[] row : c) {
                for (int k = 0; k < 3; k++) {
                    row[k] /= modes;
                }
            }
            double det = c[0][0] * (c[1][1] * c[2][2] - c[1][2] * c[2][1]) - c[0][1] * (c[1][0] * c[2][2] - c[1][2] * c[2][0])
                    + c[0][2] * (c[1][0] * c[2][1] - c[1][1] * c[2][0]);
            if (!(det > 0) || !(tt > 0) || !(ee > 0)) {
                throw new IllegalArgumentException("the fiducial spectra give no positive-definite covariance at l = " + (long) ell[j]
                        + " (TT " + tt + ", TE " + te + ", EE " + ee + ")");
            }
            inverse[j] = new double[] {
                (c[1][1] * c[2][2] - c[1][2] * c[2][1]) / det, (c[0][2] * c[2][1] - c[0][1] * c[2][2]) / det, (c[0][1] * c[1][2] - c[0][2] * c[1][1]) / det,
                (c[1][2] * c[2][0] - c[1][0] * c[2][2]) / det, (c[0][0] * c[2][2] - c[0][2] * c[2][0]) / det, (c[0][2] * c[1][0] - c[0][0] * c[1][2]) / det,
                (c[1][0] * c[2][1] - c[1][1] * c[2][0]) / det, (c[0][1] * c[2][0] - c[0][0] * c[2][1]) / det, (c[0][0] * c[1][1] - c[0][1] * c[1][0]) / det};
            logNorm -= 0.5 * (Math.log(det) + 3 * Math.log(2 * Math.PI));
            for (int s = 0; s < 3; s++) {
                if (!Double.isFinite(data[s][j])) {
                    throw new IllegalArgumentException("data spectrum " + s + " is " + data[s][j] + " at l = " + (long) ell[j]);
                }
                this.data[s * nodes + j] = data[s][j];
            }
        }
        this.logNormalisation = logNorm;
    }

    /** How many integer multipoles in [first node, last node] are nearest to each node (ties go to the lower node). */
    static double[] multipolesPerNode(double[] ell) {
        double[] count = new double[ell.length];
        int j = 0;
        for (long l = (long) ell[0]; l <= (long) ell[ell.length - 1]; l++) {
            while (j + 1 < ell.length && Math.abs(ell[j + 1] - l) < Math.abs(l - ell[j])) {
                j++;
            }
            count[j]++;
        }
        return count;
    }

    @Override
    public int size() {
        return data.length;
    }

    @Override
    public double logLikelihood(double[] model) {
        double chi2 = 0;
        for (int j = 0; j < nodes; j++) {
            double r0 = data[j] - model[j];
            double r1 = data[nodes + j] - model[nodes + j];
            double r2 = data[2 * nodes + j] - model[2 * nodes + j];
            double[] m = inverse[j];
            chi2 += r0 * (m[0] * r0 + m[1] * r1 + m[2] * r2) + r1 * (m[3] * r0 + m[4] * r1 + m[5] * r2)
                    + r2 * (m[6] * r0 + m[7] * r1 + m[8] * r2);
        }
        return Double.isFinite(chi2) ? logNormalisation - 0.5 * chi2 : Double.NEGATIVE_INFINITY;
    }
}
