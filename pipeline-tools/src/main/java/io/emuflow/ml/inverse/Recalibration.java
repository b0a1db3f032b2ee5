package io.emuflow.ml.inverse;

import com.fasterxml.jackson.databind.JsonNode;
import io.emuflow.data.SpectrumDataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The recalibration of a distributional inverse model, fitted on the validation split after training and stored in the
 * bundle (recalibration.json, format {@value #FORMAT}); applied by {@link InverseModel#predictPosteriors} and so by
 * every figure computed from the posteriors (coverage, PIT, interval widths, TARP). Per parameter, by the model's
 * {@code calibration} setting:
 * <ul>
 *   <li>{@code quantile}: a monotone map of the predicted CDF ({@link QuantileMap}; Kuleshov, Fenner and Ermon 2018,
 *       Algorithm 1), fitted on the validation PIT values;</li>
 *   <li>{@code sigma}: one factor on every predicted sigma that minimises the validation NLL ({@link SigmaScaling};
 *       Levi et al. 2019);</li>
 *   <li>{@code none}: the network's mixtures as they are.</li>
 * </ul>
 * Point estimates (the mixture mean) are not changed by any of them. Fitting is deterministic (no random numbers).
 */
public final class Recalibration {
    /** How the posteriors are recalibrated. */
    public enum Method { QUANTILE, SIGMA, NONE }

    static final String FORMAT = "emuflow-inverse-recalibration/1";
    static final String FILE = "recalibration.json";

    private final Method method;
    private final String fittedOn;
    private final int samples;
    private final List<String> parameters;
    private final List<QuantileMap> maps;
    private final double[] factors;

    private Recalibration(Method method, String fittedOn, int samples, List<String> parameters, List<QuantileMap> maps, double[] factors) {
        this.method = method;
        this.fittedOn = fittedOn;
        this.samples = samples;
        this.parameters = List.copyOf(parameters);
        this.maps = maps == null ? null : List.copyOf(maps);
        this.factors = factors == null ? null : factors.clone();
        if (method == Method.QUANTILE && (maps == null || maps.size() != parameters.size())
                || method == Method.SIGMA && (factors == null || factors.length != parameters.size())) {
            throw new IllegalArgumentException("recalibration '" + name(method) + "' needs one map or factor per parameter " + parameters);
        }
    }

    /** Fits {@code method} per parameter on held-out posteriors [N][P] and their true values [N][P]. */
    public static Recalibration fit(Method method, List<String> parameters, Mixture1D[][] posteriors, double[][] truth, String fittedOn) {
        if (posteriors.length != truth.length || posteriors.length == 0) {
            throw new IllegalArgumentException("recalibration needs held-out samples: " + posteriors.length + " posteriors for "
                    + truth.length + " true values");
        }
        int P = parameters.size();
        List<QuantileMap> maps = method == Method.QUANTILE ? new ArrayList<>() : null;
        double[] factors = method == Method.SIGMA ? new double[P] : null;
        for (int p = 0; p < P && method != Method.NONE; p++) {
            Mixture1D[] column = column(posteriors, p);
            double[] y = new double[truth.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = truth[i][p];
            }
            if (method == Method.QUANTILE) {
                maps.add(QuantileMap.fit(Calibration.pit(column, y)));
            } else {
                factors[p] = SigmaScaling.fit(column, y);
            }
        }
        return new Recalibration(method, fittedOn, posteriors.length, parameters, maps, factors);
    }

    /** The model's validation-fitted recalibration (by its {@code calibration} setting), attached to it. */
    static InverseModel attach(InverseModel model, SpectrumDataset validation) {
        if (!model.settings().distributional()) {
            return model;
        }
        Recalibration r = fit(model.settings().calibration(), model.parameterNames(), model.predictDistributions(validation),
                validation.params(), "validation");
        return model.withRecalibration(r);
    }

    public Method method() {
        return method;
    }

    /** Held-out samples it was fitted on. */
    public int samples() {
        return samples;
    }

    /** The map of parameter p (method quantile). */
    public QuantileMap map(int p) {
        return maps.get(p);
    }

    /** The sigma factor of parameter p (method sigma). */
    public double factor(int p) {
        return factors[p];
    }

    /** Parameter p's posterior recalibrated. */
    public Posterior1D apply(int p, Mixture1D posterior) {
        return switch (method) {
            case QUANTILE -> new RecalibratedPosterior(posterior, maps.get(p));
            case SIGMA -> posterior.widened(factors[p]);
            case NONE -> posterior;
        };
    }

    /** Every posterior [N][P] recalibrated. */
    public Posterior1D[][] apply(Mixture1D[][] posteriors) {
        Posterior1D[][] out = new Posterior1D[posteriors.length][];
        for (int i = 0; i < out.length; i++) {
            if (posteriors[i].length != parameters.size()) {
                throw new IllegalArgumentException("sample " + i + " has " + posteriors[i].length + " posteriors, the recalibration "
                        + parameters.size() + " parameters");
            }
            out[i] = new Posterior1D[posteriors[i].length];
            for (int p = 0; p < out[i].length; p++) {
                out[i][p] = apply(p, posteriors[i][p]);
            }
        }
        return out;
    }

    static String name(Method method) {
        return method.name().toLowerCase(Locale.ROOT);
    }

    /** The document stored in the bundle. */
    Map<String, Object> describe() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("method", name(method));
        doc.put("reference", switch (method) {
            case QUANTILE -> "Kuleshov, Fenner and Ermon 2018 (ICML), Algorithm 1: isotonic map of the predicted CDF, piecewise linear";
            case SIGMA -> "Levi et al. 2019 (arXiv:1905.11659): sigma scaling by validation NLL";
            case NONE -> "none";
        });
        doc.put("fitted_on", fittedOn);
        doc.put("samples", samples);
        List<Map<String, Object>> perParameter = new ArrayList<>();
        for (int p = 0; p < parameters.size(); p++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", parameters.get(p));
            if (method == Method.QUANTILE) {
                m.put("x", maps.get(p).x());
                m.put("y", maps.get(p).y());
            } else if (method == Method.SIGMA) {
                m.put("factor", factors[p]);
            }
            perParameter.add(m);
        }
        doc.put("parameters", perParameter);
        return doc;
    }

    /** The figures for metrics.json: method, where and on how many samples it was fitted, per parameter knots or factor. */
    Map<String, Object> summary() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", name(method));
        out.put("fitted_on", fittedOn);
        out.put("samples", samples);
        Map<String, Object> perParameter = new LinkedHashMap<>();
        for (int p = 0; p < parameters.size() && method != Method.NONE; p++) {
            if (method == Method.SIGMA) {
                perParameter.put(parameters.get(p), Map.of("factor", factors[p]));
            } else {
                QuantileMap m = maps.get(p);
                Map<String, Object> q = new LinkedHashMap<>();
                q.put("knots", m.size());
                // where the nominal interval ends land on the model's own CDF: (1 - c)/2 and (1 + c)/2 through R^-1
                for (double level : Calibration.LEVELS) {
                    int percent = (int) Math.round(level * 100);
                    q.put("levels_" + percent, new double[] {m.inverse(0.5 - level / 2), m.inverse(0.5 + level / 2)});
                }
                perParameter.put(parameters.get(p), q);
            }
        }
        out.put("parameters", perParameter);
        return out;
    }

    /** Reads the document written by {@link #describe}; {@code parameters} are the model's, in order. */
    static Recalibration fromJson(JsonNode doc, List<String> parameters) {
        if (!FORMAT.equals(doc.path("format").asText())) {
            throw new IllegalArgumentException(FILE + " has format '" + doc.path("format").asText() + "', expected " + FORMAT);
        }
        Method method;
        try {
            method = Method.valueOf(doc.path("method").asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(FILE + " has method '" + doc.path("method").asText() + "', expected quantile, sigma or none");
        }
        JsonNode list = doc.path("parameters");
        if (list.size() != parameters.size()) {
            throw new IllegalArgumentException(FILE + " has " + list.size() + " parameters, the model " + parameters.size());
        }
        List<QuantileMap> maps = method == Method.QUANTILE ? new ArrayList<>() : null;
        double[] factors = method == Method.SIGMA ? new double[parameters.size()] : null;
        for (int p = 0; p < parameters.size(); p++) {
            JsonNode entry = list.get(p);
            if (!parameters.get(p).equals(entry.path("name").asText())) {
                throw new IllegalArgumentException(FILE + " parameter " + p + " is '" + entry.path("name").asText() + "', the model's '"
                        + parameters.get(p) + "'");
            }
            if (method == Method.QUANTILE) {
                maps.add(new QuantileMap(doubles(entry.get("x")), doubles(entry.get("y"))));
            } else if (method == Method.SIGMA) {
                factors[p] = entry.path("factor").asDouble(Double.NaN);
                if (!(factors[p] > 0)) {
                    throw new IllegalArgumentException(FILE + " sigma factor of " + parameters.get(p) + " is " + factors[p]);
                }
            }
        }
        return new Recalibration(method, doc.path("fitted_on").asText(), doc.path("samples").asInt(), parameters, maps, factors);
    }

    private static double[] doubles(JsonNode node) {
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException(FILE + ": expected a number array");
        }
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asDouble();
        }
        return out;
    }

    private static Mixture1D[] column(Mixture1D[][] rows, int p) {
        Mixture1D[] out = new Mixture1D[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][p];
        }
        return out;
    }
}
