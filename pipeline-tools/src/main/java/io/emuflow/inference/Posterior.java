package io.emuflow.inference;

/**
 * log posterior = log prior + log likelihood of the free parameters, for a batch of points: points outside the
 * prior's support get -infinity without a model call; the rest go to the model in one batch.
 */
public final class Posterior implements BatchLogDensity {
    private final PredictiveModel model;
    private final Likelihood likelihood;
    private long modelRows;

    public Posterior(PredictiveModel model, Likelihood likelihood) {
        if (likelihood.size() != model.size()) {
            throw new IllegalArgumentException("the covariance is for " + likelihood.size() + " values, the data vector has " + model.size());
        }
        this.model = model;
        this.likelihood = likelihood;
    }

    public ParameterSpace space() {
        return model.space();
    }

    public PredictiveModel model() {
        return model;
    }

    /** Parameter points sent to the model so far. */
    public long modelRows() {
        return modelRows;
    }

    @Override
    public double[] evaluate(double[][] points) {
        double[] out = new double[points.length];
        int[] inside = new int[points.length];
        int n = 0;
        for (int i = 0; i < points.length; i++) {
            out[i] = model.space().logPrior(points[i]);
            if (out[i] > Double.NEGATIVE_INFINITY) {
                inside[n++] = i;
            }
        }
        if (n == 0) {
            return out;
        }
        double[][] batch = new double[n][];
        for (int j = 0; j < n; j++) {
            batch[j] = points[inside[j]];
        }
        double[][] predicted = model.predict(batch);
        modelRows += n;
        for (int j = 0; j < n; j++) {
            out[inside[j]] += likelihood.logLikelihood(predicted[j]);
        }
        return out;
    }

    /** The log likelihood alone (nested sampling draws from the prior itself). */
    public BatchLogDensity logLikelihood() {
        return points -> {
            double[][] predicted = model.predict(points);
            modelRows += points.length;
            double[] out = new double[points.length];
            for (int i = 0; i < points.length; i++) {
                out[i] = likelihood.logLikelihood(predicted[i]);
            }
            return out;
        };
    }
}
