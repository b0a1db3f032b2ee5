package io.emuflow.ml.inverse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emuflow.data.AtomicFiles;
import io.emuflow.data.Json;
import io.emuflow.data.Parameter;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.data.Standardizer;
import io.emuflow.ml.EpochRecord;
import io.emuflow.ml.ParamsFile;
import io.emuflow.ml.TrainingHistoryJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained inverse model: spectra -> features (log10, standardised) -> network -> standardised parameters
 * (regression) or one class per parameter (classification). A bundle is a directory with inverse.json
 * (study, parameters, inputs, k grid, settings, scalers, classes, training summary, history), network.json
 * (the DL4J graph configuration) and params.bin (the weights, little-endian, in DL4J's flattened order, so
 * that the same weights always give the same bytes).
 */
public final class InverseModel {
    static final String FORMAT = "emuflow-inverse/1";
    static final String BUNDLE_FILE = "inverse.json";
    // keys sorted: maps built with Map.of iterate in a per-JVM order, and a bundle must be the same bytes every run
    private static final ObjectMapper JSON = Json.SORTED;
    private static final int CHUNK = 4096;

    private final ComputationGraph network;
    private final InverseSettings settings;
    private final String study;
    private final List<Parameter> parameters;
    private final SpectrumFeatures features;
    private final BoxFeatures boxFeatures;
    private final Standardizer paramScaler;
    private final List<ParameterClasses> classes;
    private final List<EpochRecord> history;
    private final Map<String, Object> trainingSummary;
    private final Recalibration recalibration;

    InverseModel(ComputationGraph network, InverseSettings settings, String study, List<Parameter> parameters,
            SpectrumFeatures features, Standardizer paramScaler, List<EpochRecord> history, Map<String, Object> trainingSummary) {
        this(network, settings, study, parameters, features, null, paramScaler, history, trainingSummary, null);
    }

    /** A model of boxes (network cnn3d): its input pipeline is {@code boxFeatures}, it has no spectrum features. */
    InverseModel(ComputationGraph network, InverseSettings settings, String study, List<Parameter> parameters,
            BoxFeatures boxFeatures, Standardizer paramScaler, List<EpochRecord> history, Map<String, Object> trainingSummary) {
        this(network, settings, study, parameters, null, boxFeatures, paramScaler, history, trainingSummary, null);
    }

    private InverseModel(ComputationGraph network, InverseSettings settings, String study, List<Parameter> parameters,
            SpectrumFeatures features, BoxFeatures boxFeatures, Standardizer paramScaler, List<EpochRecord> history,
            Map<String, Object> trainingSummary, Recalibration recalibration) {
        this.network = network;
        this.recalibration = recalibration;
        this.boxFeatures = boxFeatures;
        this.settings = settings;
        this.study = study;
        this.parameters = List.copyOf(parameters);
        this.features = features;
        this.paramScaler = paramScaler;
        this.history = List.copyOf(history);
        this.trainingSummary = new LinkedHashMap<>(trainingSummary);
        if (paramScaler.columns() != parameters.size()) {
            throw new IllegalArgumentException("parameter scaler has " + paramScaler.columns() + " columns for " + parameters.size() + " parameters");
        }
        List<ParameterClasses> c = new ArrayList<>();
        for (Parameter p : parameters) {
            c.add(new ParameterClasses(p.name(), p.lower(), p.upper(), settings.classes()));
        }
        this.classes = List.copyOf(c);
    }

    public InverseSettings settings() { return settings; }
    public String study() { return study; }
    public List<Parameter> parameters() { return parameters; }
    /** The spectrum input pipeline; null for a model of boxes (see {@link #boxFeatures()}). */
    public SpectrumFeatures features() { return features; }
    /** The box input pipeline of a cnn3d model; null for a model of spectra. */
    public BoxFeatures boxFeatures() { return boxFeatures; }
    /** The names of the model's inputs: its spectra (targets), or its box channels. */
    public List<String> inputNames() { return boxFeatures != null ? boxFeatures.channels() : features.inputs(); }
    public Standardizer paramScaler() { return paramScaler; }
    /** The equal-width classes of each parameter (classifiers predict them; regressors are binned into them for comparison). */
    public List<ParameterClasses> classes() { return classes; }
    public List<EpochRecord> history() { return history; }
    public Map<String, Object> trainingSummary() { return new LinkedHashMap<>(trainingSummary); }

    /** The validation-fitted recalibration of a distributional head; null for a point head (or a bundle that predates it). */
    public Recalibration recalibration() { return recalibration; }

    /** The same model (sharing its network) with {@code r} as its recalibration. */
    InverseModel withRecalibration(Recalibration r) {
        return new InverseModel(network, settings, study, parameters, features, boxFeatures, paramScaler, history, trainingSummary, r);
    }

    public boolean isClassifier() {
        return settings.task() == InverseSettings.Task.CLASSIFICATION;
    }

    public List<String> parameterNames() {
        return parameters.stream().map(Parameter::name).toList();
    }

    /** The network's weights as doubles, in DL4J's flattened order. */
    public double[] weights() {
        return network.params().toDoubleVector();
    }

    ComputationGraph network() {
        return network;
    }

    /**
     * Predicted parameter values, [N][P]: the inverse-standardised regression output, or for a classifier the
     * centre of the most probable class.
     */
    public double[][] predict(SpectrumDataset data) {
        checkDataset(data);
        if (settings.distributional()) {
            Mixture1D[][] posteriors = predictDistributions(data);
            double[][] out = new double[posteriors.length][parameters.size()];
            for (int i = 0; i < out.length; i++) {
                for (int p = 0; p < out[i].length; p++) {
                    out[i][p] = posteriors[i][p].mean();
                }
            }
            return out;
        }
        if (!isClassifier()) {
            return paramScaler.inverse(rawOutputs(data)[0]);
        }
        int[][] predictedClasses = predictClasses(data);
        double[][] out = new double[predictedClasses.length][parameters.size()];
        for (int i = 0; i < out.length; i++) {
            for (int p = 0; p < out[i].length; p++) {
                out[i][p] = classes.get(p).centre(predictedClasses[i][p]);
            }
        }
        return out;
    }

    /**
     * Predicted posterior of every sample's parameters, [N][P], in the parameters' units: one independent Gaussian or
     * mixture per parameter (heads {@code gaussian} and {@code mixture}; {@link MixtureHead}). Refused for a point head.
     */
    public Mixture1D[][] predictDistributions(SpectrumDataset data) {
        checkDataset(data);
        if (!settings.distributional()) {
            throw new IllegalArgumentException("model '" + settings.name() + "' has a point head: it predicts no distribution");
        }
        MixtureHead head = new MixtureHead(parameters.size(), settings.components(), MixtureHead.VARIANCE_FLOOR);
        double[][] raw = rawOutputs(data)[0];
        Mixture1D[][] out = new Mixture1D[raw.length][];
        for (int i = 0; i < raw.length; i++) {
            out[i] = head.decode(raw[i]);
            for (int p = 0; p < out[i].length; p++) {
                out[i][p] = out[i][p].affine(paramScaler.mean()[p], paramScaler.std()[p]); // standardised -> parameter units
            }
        }
        return out;
    }

    /**
     * The posteriors the model delivers, [N][P]: {@link #predictDistributions} passed through the bundle's recalibration
     * (setting {@code calibration}; {@link Recalibration}), or as they are when it has none. Every interval, quantile,
     * PIT value, coverage and TARP draw of evaluate-inverse comes from here.
     */
    public Posterior1D[][] predictPosteriors(SpectrumDataset data) {
        Mixture1D[][] raw = predictDistributions(data);
        return recalibration == null ? raw : recalibration.apply(raw);
    }

    /** Predicted class of each parameter, [N][P]: the most probable class, or the class of the regressed value. */
    public int[][] predictClasses(SpectrumDataset data) {
        checkDataset(data);
        int n = data.size();
        int[][] out = new int[n][parameters.size()];
        if (!isClassifier()) {
            double[][] values = predict(data);
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < out[i].length; p++) {
                    out[i][p] = classes.get(p).classOf(values[i][p]);
                }
            }
            return out;
        }
        double[][][] probabilities = rawOutputs(data);
        for (int p = 0; p < parameters.size(); p++) {
            for (int i = 0; i < n; i++) {
                out[i][p] = argmax(probabilities[p][i]);
            }
        }
        return out;
    }

    /** True classes of every sample's parameters, [N][P]. */
    public int[][] trueClasses(SpectrumDataset data) {
        checkDataset(data);
        int[][] out = new int[data.size()][parameters.size()];
        for (int i = 0; i < out.length; i++) {
            for (int p = 0; p < out[i].length; p++) {
                out[i][p] = classes.get(p).classOf(data.params()[i][p]);
            }
        }
        return out;
    }

    private static int argmax(double[] row) {
        int best = 0;
        for (int j = 1; j < row.length; j++) {
            if (row[j] > row[best]) {
                best = j;
            }
        }
        return best;
    }

    /** Network outputs per head, [heads][N][units], computed in chunks. */
    double[][][] rawOutputs(SpectrumDataset data) {
        if (boxFeatures != null) {
            return new double[][][] {BoxPredictor.outputs(network, boxFeatures, data)};
        }
        double[][] x = features.standardised(data);
        int heads = network.getConfiguration().getNetworkOutputs().size();
        double[][][] out = new double[heads][x.length][];
        for (int start = 0; start < x.length; start += CHUNK) {
            int end = Math.min(x.length, start + CHUNK);
            INDArray[] result = network.output(false, networkInput(Arrays.copyOfRange(x, start, end)));
            for (int h = 0; h < heads; h++) {
                double[][] rows = result[h].castTo(DataType.DOUBLE).toDoubleMatrix();
                System.arraycopy(rows, 0, out[h], start, rows.length);
            }
        }
        return out;
    }

    /** Standardised features [N][C*L] as the network's input: as they are (dense) or [N, C(+1), L] (CNN). */
    INDArray networkInput(double[][] standardised) {
        DataType type = network.getConfiguration().getDataType();
        return toNetworkShape(matrix(standardised, settings, features, type), settings, features);
    }

    /** Features as one row per sample, [N, channels * L], with the coordinate channel appended for a CNN that uses it. */
    static INDArray matrix(double[][] standardised, InverseSettings settings, SpectrumFeatures features, DataType type) {
        if (settings.network() == InverseSettings.Network.DENSE || !settings.coordinateChannel()) {
            return Nd4j.create(standardised).castTo(type);
        }
        int width = features.channels() * features.length();
        double[] coordinate = coordinate(features.grid());
        double[][] rows = new double[standardised.length][width + coordinate.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(standardised[i], 0, rows[i], 0, width);
            System.arraycopy(coordinate, 0, rows[i], width, coordinate.length);
        }
        return Nd4j.create(rows).castTo(type);
    }

    /** Rows [N, channels * L] as the network's input: unchanged for a dense network, [N, channels, L] (NCW) for a CNN. */
    static INDArray toNetworkShape(INDArray rows, InverseSettings settings, SpectrumFeatures features) {
        if (settings.network() == InverseSettings.Network.DENSE) {
            return rows;
        }
        long n = rows.size(0);
        int length = features.length();
        return rows.dup('c').reshape('c', n, rows.size(1) / length, length);
    }

    /**
     * A channel holding log10 k standardised over the grid (CoordConv, Liu et al. 2018): lets the convolutions
     * know where in k they are, which the global pooling would otherwise hide.
     */
    static double[] coordinate(double[] grid) {
        double[] out = new double[grid.length];
        double mean = 0;
        for (int j = 0; j < grid.length; j++) {
            out[j] = Math.log10(grid[j]);
            mean += out[j] / grid.length;
        }
        double var = 0;
        for (double v : out) {
            var += (v - mean) * (v - mean) / grid.length;
        }
        double std = var > 0 ? Math.sqrt(var) : 1;
        for (int j = 0; j < out.length; j++) {
            out[j] = (out[j] - mean) / std;
        }
        return out;
    }

    private void checkDataset(SpectrumDataset data) {
        if (!data.study().equals(study)) {
            throw new IllegalArgumentException("dataset of study '" + data.study() + "' given to a model of study '" + study + "'");
        }
        if (!data.parameterNames().equals(parameterNames())) {
            throw new IllegalArgumentException("the dataset's parameters " + data.parameterNames() + " differ from the model's " + parameterNames());
        }
    }

    // ---------------------------------------------------------------- bundle

    /** Writes the bundle directory (through a temporary directory renamed into place). */
    public void save(Path bundle) {
        AtomicFiles.write(bundle, dir -> {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("network.json"), network.getConfiguration().toJson(), StandardCharsets.UTF_8);
            ParamsFile.write(dir.resolve("params.bin"), network.params());
            Files.writeString(dir.resolve(BUNDLE_FILE), JSON.writeValueAsString(describe()) + "\n", StandardCharsets.UTF_8);
            if (recalibration != null) {
                Files.writeString(dir.resolve(Recalibration.FILE), JSON.writeValueAsString(recalibration.describe()) + "\n", StandardCharsets.UTF_8);
            }
        });
    }

    private Map<String, Object> describe() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("study", study);
        List<Map<String, Object>> params = new ArrayList<>();
        for (Parameter p : parameters) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("units", p.units());
            m.put("lower", p.lower());
            m.put("upper", p.upper());
            params.add(m);
        }
        doc.put("parameters", params);
        doc.put("settings", settings.toMap());
        Map<String, Object> input = new LinkedHashMap<>();
        if (boxFeatures != null) {
            input.putAll(boxFeatures.describe());
        } else {
            input.put("targets", features.inputs());
            input.put("grid", features.grid());
            input.put("log10", features.log10());
            input.put("log_offset", features.logOffset());
            input.put("scaler", Map.of("mean", features.scaler().mean(), "std", features.scaler().std()));
        }
        doc.put("input", input);
        doc.put("param_scaler", Map.of("mean", paramScaler.mean(), "std", paramScaler.std()));
        List<Map<String, Object>> edges = new ArrayList<>();
        for (ParameterClasses c : classes) {
            edges.add(Map.of("parameter", c.parameter(), "edges", c.edges()));
        }
        doc.put("classes", edges);
        doc.put("network", Map.of("data_type", network.getConfiguration().getDataType().name(), "parameters", network.numParams(),
                "params_file", "params.bin"));
        TrainingHistoryJson.put(doc, trainingSummary, history);
        return doc;
    }

    /** Reads a bundle written by {@link #save}. */
    public static InverseModel load(Path bundle) {
        Path json = bundle.resolve(BUNDLE_FILE);
        if (!Files.isRegularFile(json)) {
            throw new IllegalArgumentException(bundle + " is not an inverse model bundle (no " + BUNDLE_FILE + ")");
        }
        try {
            JsonNode doc = JSON.readTree(json.toFile());
            if (!FORMAT.equals(doc.path("format").asText())) {
                throw new IllegalArgumentException(json + " has format '" + doc.path("format").asText() + "', expected " + FORMAT);
            }
            List<Parameter> parameters = new ArrayList<>();
            for (JsonNode p : doc.get("parameters")) {
                parameters.add(new Parameter(p.get("name").asText(), p.get("units").asText(), p.get("lower").asDouble(), p.get("upper").asDouble()));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> settingsMap = JSON.convertValue(doc.get("settings"), LinkedHashMap.class);
            InverseSettings settings = InverseSettings.fromMap(settingsMap);
            JsonNode input = doc.get("input");
            Standardizer paramScaler = new Standardizer(doubles(doc.at("/param_scaler/mean")), doubles(doc.at("/param_scaler/std")));
            List<EpochRecord> history = TrainingHistoryJson.history(doc);
            @SuppressWarnings("unchecked")
            Map<String, Object> summary = JSON.convertValue(doc.get("training"), LinkedHashMap.class);
            ComputationGraph network = network(bundle);
            if (input.has("boxes")) {
                return new InverseModel(network, settings, doc.get("study").asText(), parameters, BoxFeatures.fromJson(input), paramScaler,
                        history, summary == null ? Map.of() : summary);
            }
            List<String> targets = new ArrayList<>();
            input.get("targets").forEach(t -> targets.add(t.asText()));
            SpectrumFeatures features = new SpectrumFeatures(targets, doubles(input.get("grid")), input.get("log10").asBoolean(),
                    input.get("log_offset").asDouble(),
                    new Standardizer(doubles(input.at("/scaler/mean")), doubles(input.at("/scaler/std"))));
            InverseModel model = new InverseModel(network, settings, doc.get("study").asText(), parameters, features, paramScaler, history,
                    summary == null ? Map.of() : summary);
            Path recalibration = bundle.resolve(Recalibration.FILE);
            if (Files.isRegularFile(recalibration)) {
                return model.withRecalibration(Recalibration.fromJson(JSON.readTree(recalibration.toFile()), model.parameterNames()));
            }
            if (settings.distributional() && settingsMap.containsKey("calibration") && settings.calibration() != Recalibration.Method.NONE) {
                throw new IllegalArgumentException(bundle + " asks for calibration '" + Recalibration.name(settings.calibration())
                        + "' but has no " + Recalibration.FILE);
            }
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model bundle " + bundle + ": " + e.getMessage(), e);
        } catch (NullPointerException e) {
            throw new IllegalArgumentException(json + " lacks a required field", e);
        }
    }

    private static ComputationGraph network(Path bundle) throws IOException {
        ComputationGraphConfiguration conf = ComputationGraphConfiguration.fromJson(
                Files.readString(bundle.resolve("network.json"), StandardCharsets.UTF_8));
        ComputationGraph network = new ComputationGraph(conf);
        INDArray params = ParamsFile.read(bundle.resolve("params.bin"), conf.getDataType());
        network.init(params, false);
        if (network.numParams() != params.length()) {
            throw new IllegalArgumentException(bundle + ": params.bin has " + params.length() + " values, the network needs " + network.numParams());
        }
        return network;
    }

    private static double[] doubles(JsonNode node) {
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException("expected a number array in " + BUNDLE_FILE);
        }
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asDouble();
        }
        return out;
    }
}
