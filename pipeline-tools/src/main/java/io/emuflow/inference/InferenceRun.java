package io.emuflow.inference;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs one sampler on a {@link Posterior} and collects what the outputs need. The ensemble starts from the
 * {@code walkers} best of {@code 16 x walkers} prior draws (ranked by log posterior, evaluated in one batch), so that
 * the walkers begin spread around the bulk of the posterior rather than over the whole training box; the first half
 * of the chain is then discarded as warm-up.
 */
public final class InferenceRun {
    /** One run: equal-weight (ensemble) or weighted (nested) posterior draws, the summary and the sampler's own result. */
    public record Outcome(String sampler, List<String> names, double[][] samples, double[] weights, PosteriorSummary summary,
            EnsembleSampler.Result ensemble, NestedSampler.Result nested, boolean converged, double seconds, long modelRows) {}

    private InferenceRun() {}

    public static Outcome ensemble(Posterior posterior, EnsembleSampler.Settings settings) {
        long start = System.nanoTime();
        long rowsBefore = posterior.modelRows();
        double[][] initial = startingPoints(posterior, settings.walkers(), settings.seed());
        EnsembleSampler.Result result = new EnsembleSampler(settings).run(posterior, initial);
        double[][] samples = result.flatSamples();
        List<String> names = posterior.space().free();
        return new Outcome("ensemble", names, samples, null, PosteriorSummary.of(names, samples, null), result, null,
                result.converged(), (System.nanoTime() - start) / 1e9, posterior.modelRows() - rowsBefore);
    }

    public static Outcome nested(Posterior posterior, NestedSampler.Settings settings) {
        long start = System.nanoTime();
        long rowsBefore = posterior.modelRows();
        ParameterSpace space = posterior.space();
        NestedSampler.Result result = new NestedSampler(settings).run(posterior.logLikelihood(), space::fromUnit, space.dimension());
        List<String> names = space.free();
        double[] weights = result.weights();
        return new Outcome("nested", names, result.samples(), weights, PosteriorSummary.of(names, result.samples(), weights), null, result,
                result.converged(), (System.nanoTime() - start) / 1e9, posterior.modelRows() - rowsBefore);
    }

    /** The {@code walkers} highest-posterior of 16 x walkers prior draws (a seeded generator of its own). */
    static double[][] startingPoints(Posterior posterior, int walkers, long seed) {
        ParameterSpace space = posterior.space();
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int draws = 16 * walkers;
        double[][] points = new double[draws][];
        for (int i = 0; i < draws; i++) {
            double[] u = new double[space.dimension()];
            for (int d = 0; d < u.length; d++) {
                u[d] = random.nextDouble();
            }
            points[i] = space.fromUnit(u);
        }
        double[] lp = posterior.evaluate(points);
        Integer[] order = new Integer[draws];
        for (int i = 0; i < draws; i++) {
            order[i] = i;
        }
        // highest first; ties broken by draw order so the choice is reproducible
        Arrays.sort(order, (a, b) -> lp[a] != lp[b] ? Double.compare(lp[b], lp[a]) : Integer.compare(a, b));
        double[][] out = new double[walkers][];
        for (int w = 0; w < walkers; w++) {
            if (!(lp[order[w]] > Double.NEGATIVE_INFINITY)) {
                throw new IllegalArgumentException("fewer than " + walkers + " of " + draws + " prior draws have a finite posterior");
            }
            out[w] = points[order[w]];
        }
        return out;
    }
}
