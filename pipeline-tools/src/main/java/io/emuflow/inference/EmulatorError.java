package io.emuflow.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The emulator's own error as extra data covariance. The `evaluate` step records, per grid point k, percentiles
 * over the test split of |P_emu / P_true - 1| (metrics.json, "rel_error_bands"). The 68th percentile f(k) is the
 * 1-sigma relative error of a Gaussian-like error, so sigma_emu,i = f(k_i) |d_i| is added in quadrature to the
 * diagonal of the data covariance: C_ii += (f(k_i) d_i)^2 (f interpolated linearly in log k between grid points).
 * Errors at different k are treated as independent, and the test set's errors are pooled over the whole training
 * box (including every z), so this is an average, not a local, error.
 */
public final class EmulatorError {
    private final double[] k;
    private final double[] relative;
    private final String source;

    public EmulatorError(double[] k, double[] relative, String source) {
        if (k.length != relative.length || k.length < 2) {
            throw new IllegalArgumentException("emulator error: need a relative error per grid point (got " + k.length + " k and "
                    + relative.length + " values)");
        }
        this.k = k.clone();
        this.relative = relative.clone();
        this.source = source;
    }

    /** Reads the p68 band of an evaluate step's metrics.json. */
    public static EmulatorError fromMetrics(Path metricsJson) {
        try {
            JsonNode bands = new ObjectMapper().readTree(metricsJson.toFile()).path("rel_error_bands");
            JsonNode k = bands.path("k");
            JsonNode p68 = bands.path("p68");
            if (!k.isArray() || !p68.isArray()) {
                throw new IllegalArgumentException(metricsJson + " has no rel_error_bands with k and p68 (is it an evaluate step's metrics.json?)");
            }
            double[] kk = new double[k.size()];
            double[] ff = new double[p68.size()];
            for (int i = 0; i < kk.length; i++) {
                kk[i] = k.get(i).asDouble();
            }
            for (int i = 0; i < ff.length; i++) {
                ff[i] = p68.get(i).asDouble();
            }
            return new EmulatorError(kk, ff, metricsJson + " (" + bands.path("split").asText("?") + " split, p68)");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read emulator error from " + metricsJson + ": " + e.getMessage(), e);
        }
    }

    public String source() {
        return source;
    }

    /** Relative error at k (log-k interpolation, held constant beyond the grid's ends). */
    public double relativeAt(double kk) {
        if (kk <= k[0]) {
            return relative[0];
        }
        if (kk >= k[k.length - 1]) {
            return relative[k.length - 1];
        }
        int j = 0;
        while (k[j + 1] < kk) {
            j++;
        }
        double t = Math.log(kk / k[j]) / Math.log(k[j + 1] / k[j]);
        return (1 - t) * relative[j] + t * relative[j + 1];
    }

    /** The covariance with (f(k_i) d_i)^2 added to its diagonal (a new matrix). */
    public double[][] addTo(double[][] covariance, DataVector data) {
        double[][] out = new double[covariance.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = covariance[i].clone();
            double s = relativeAt(data.k()[i]) * data.value()[i];
            out[i][i] += s * s;
        }
        return out;
    }
}
