package io.emuflow.inference;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mean, standard deviation, median and the central 68% and 95% intervals (quantiles 0.16/0.84 and 0.025/0.975) of
 * each parameter from posterior draws with weights (all equal for an MCMC chain). Weighted quantiles: the smallest
 * draw whose cumulative normalised weight reaches q.
 */
public record PosteriorSummary(List<String> names, double[] mean, double[] std, double[] median, double[][] interval68,
        double[][] interval95) {

    public static PosteriorSummary of(List<String> names, double[][] samples, double[] weights) {
        int dim = names.size();
        int n = samples.length;
        double[] w = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            w[i] = weights == null ? 1 : weights[i];
            total += w[i];
        }
        double[] mean = new double[dim];
        double[] std = new double[dim];
        double[] median = new double[dim];
        double[][] i68 = new double[dim][];
        double[][] i95 = new double[dim][];
        for (int d = 0; d < dim; d++) {
            double m = 0;
            for (int i = 0; i < n; i++) {
                m += w[i] * samples[i][d];
            }
            m /= total;
            double v = 0;
            for (int i = 0; i < n; i++) {
                v += w[i] * (samples[i][d] - m) * (samples[i][d] - m);
            }
            mean[d] = m;
            std[d] = Math.sqrt(v / total);
            final int dd = d;
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(samples[a][dd], samples[b][dd]));
            double[] q = quantiles(samples, order, w, total, d, new double[] {0.025, 0.16, 0.5, 0.84, 0.975});
            median[d] = q[2];
            i68[d] = new double[] {q[1], q[3]};
            i95[d] = new double[] {q[0], q[4]};
        }
        return new PosteriorSummary(List.copyOf(names), mean, std, median, i68, i95);
    }

    private static double[] quantiles(double[][] samples, Integer[] order, double[] w, double total, int d, double[] qs) {
        double[] out = new double[qs.length];
        double cumulative = 0;
        int q = 0;
        for (int i = 0; i < order.length && q < qs.length; i++) {
            cumulative += w[order[i]] / total;
            while (q < qs.length && cumulative >= qs[q]) {
                out[q++] = samples[order[i]][d];
            }
        }
        while (q < qs.length) {
            out[q++] = samples[order[order.length - 1]][d];
        }
        return out;
    }

    /** name -> {mean, std, median, interval_68, interval_95} (for posterior.json). */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int d = 0; d < names.size(); d++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("mean", mean[d]);
            p.put("std", std[d]);
            p.put("median", median[d]);
            p.put("interval_68", interval68[d]);
            p.put("interval_95", interval95[d]);
            out.put(names.get(d), p);
        }
        return out;
    }
}
