package io.emuflow.ml.inverse;

/**
 * Layout, decoding and negative log-likelihood of the distributional heads of an inverse regressor.
 *
 * <p>For P parameters and K components the network's linear output row holds one block per parameter: a Gaussian
 * head (K = 1) has blocks [mu, s] (width 2); a mixture head (K > 1) has blocks [mu_1..mu_K, s_1..s_K, a_1..a_K]
 * (width 3K). s is the log-variance and a the mixture logits: the variance is var = floor + exp(s) (the floor keeps
 * the likelihood bounded when a component collapses onto a point) and the weights are softmax(a) (Bishop 1994,
 * "Mixture density networks", NCRG/94/004, eqs. 25-27). The parameters' posteriors are independent 1D mixtures,
 * one per parameter; correlations between parameters are not modelled.
 *
 * <p>Negative log-likelihood of one standardised value y (Bishop 1994 eq. 29), with the log-sum-exp of the
 * log-weights log pi_k = a_k - LSE(a) and log N_k = -(log 2 pi + log var_k + (y - mu_k)^2 / var_k) / 2:
 * L = -LSE_k(log pi_k + log N_k). Its gradient uses the responsibilities gamma_k = pi_k N_k / sum_j pi_j N_j
 * (Bishop 1994 eqs. 33-35): dL/dmu_k = -gamma_k (y - mu_k) / var_k; dL/ds_k = gamma_k (1 - (y - mu_k)^2 / var_k)
 * exp(s_k) / (2 var_k); dL/da_k = pi_k - gamma_k. For K = 1 this is the Gaussian NLL (gamma = 1).
 */
public final class MixtureHead {
    /** Default variance floor, in standardised units (a std of 1e-3 of the parameter's training spread). */
    public static final double VARIANCE_FLOOR = 1e-6;
    /** exp(s) is capped at exp(MAX_LOG_VARIANCE) so that an untrained network cannot overflow the variance. */
    static final double MAX_LOG_VARIANCE = 30;
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final int parameters;
    private final int components;
    private final double varianceFloor;

    public MixtureHead(int parameters, int components, double varianceFloor) {
        if (parameters < 1 || components < 1) {
            throw new IllegalArgumentException("a distributional head needs at least one parameter and one component, got "
                    + parameters + " and " + components);
        }
        if (!(varianceFloor > 0)) {
            throw new IllegalArgumentException("the variance floor must be positive, got " + varianceFloor);
        }
        this.parameters = parameters;
        this.components = components;
        this.varianceFloor = varianceFloor;
    }

    public int parameters() { return parameters; }
    public int components() { return components; }
    public double varianceFloor() { return varianceFloor; }

    /** Output units per parameter: 2 for a Gaussian, 3K for a mixture. */
    public int block() {
        return components == 1 ? 2 : 3 * components;
    }

    /** Output units of the network: P blocks. */
    public int width() {
        return parameters * block();
    }

    private double variance(double s) {
        return varianceFloor + Math.exp(Math.min(s, MAX_LOG_VARIANCE));
    }

    /** The P mixtures (standardised units) encoded by one output row. */
    public Mixture1D[] decode(double[] row) {
        checkRow(row);
        Mixture1D[] out = new Mixture1D[parameters];
        int K = components;
        for (int p = 0; p < parameters; p++) {
            int o = p * block();
            double[] w = new double[K];
            double[] m = new double[K];
            double[] s = new double[K];
            double[] logPi = logWeights(row, o);
            for (int k = 0; k < K; k++) {
                w[k] = Math.exp(logPi[k]);
                m[k] = row[o + k];
                s[k] = Math.sqrt(variance(row[o + K + k]));
            }
            out[p] = new Mixture1D(w, m, s);
        }
        return out;
    }

    /** log pi_k = a_k - LSE(a) for the block at offset o (0 for a Gaussian). */
    private double[] logWeights(double[] row, int o) {
        int K = components;
        double[] logPi = new double[K];
        if (K == 1) {
            return logPi;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < K; k++) {
            max = Math.max(max, row[o + 2 * K + k]);
        }
        double sum = 0;
        for (int k = 0; k < K; k++) {
            sum += Math.exp(row[o + 2 * K + k] - max);
        }
        double lse = max + Math.log(sum);
        for (int k = 0; k < K; k++) {
            logPi[k] = row[o + 2 * K + k] - lse;
        }
        return logPi;
    }

    /**
     * NLL of one sample's standardised parameters y[P] under the output row, summed over the parameters; if
     * {@code gradient} is not null it receives dL/d(row) (same length as the row).
     */
    public double nll(double[] row, double[] y, double[] gradient) {
        checkRow(row);
        if (y.length != parameters) {
            throw new IllegalArgumentException("expected " + parameters + " parameter values, got " + y.length);
        }
        int K = components;
        double total = 0;
        double[] logJoint = new double[K];
        for (int p = 0; p < parameters; p++) {
            int o = p * block();
            double[] logPi = logWeights(row, o);
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < K; k++) {
                double var = variance(row[o + K + k]);
                double d = y[p] - row[o + k];
                logJoint[k] = logPi[k] - 0.5 * (LOG_2PI + Math.log(var) + d * d / var);
                max = Math.max(max, logJoint[k]);
            }
            double sum = 0;
            for (int k = 0; k < K; k++) {
                sum += Math.exp(logJoint[k] - max);
            }
            double logLikelihood = max + Math.log(sum);
            total -= logLikelihood;
            if (gradient == null) {
                continue;
            }
            for (int k = 0; k < K; k++) {
                double gamma = Math.exp(logJoint[k] - logLikelihood);
                double s = row[o + K + k];
                double var = variance(s);
                double d = y[p] - row[o + k];
                gradient[o + k] = -gamma * d / var;
                double dVar = s < MAX_LOG_VARIANCE ? Math.exp(s) : 0;
                gradient[o + K + k] = gamma * 0.5 * (1 - d * d / var) * dVar / var;
                if (K > 1) {
                    gradient[o + 2 * K + k] = Math.exp(logPi[k]) - gamma;
                }
            }
        }
        return total;
    }

    private void checkRow(double[] row) {
        if (row.length != width()) {
            throw new IllegalArgumentException("a head of " + parameters + " parameters and " + components + " components has "
                    + width() + " outputs, got " + row.length);
        }
    }
}
