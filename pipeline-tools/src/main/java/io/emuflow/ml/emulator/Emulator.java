package io.emuflow.ml.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emuflow.data.AtomicFiles;
import io.emuflow.data.Json;
import io.emuflow.data.Parameter;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained emulator: raw parameters -> standardised inputs -> network -> (PCA coefficients ->) standardised
 * log10 target -> log10 target. A bundle is a directory with emulator.json (metadata, settings, scalers, PCA,
 * history), network.json (the DL4J configuration) and params.bin (the network's parameters, little-endian,
 * in DL4J's flattened order), so that the same weights always give the same bytes.
 */
public final class Emulator {
    static final String FORMAT = "emuflow-emulator/1";
    // keys sorted: maps built with Map.of iterate in a per-JVM order, and a bundle must be the same bytes every run
    private static final ObjectMapper JSON = Json.SORTED;
    private static final int CHUNK = 8192;

    private final MultiLayerNetwork network;
    private final Standardizer paramScaler;
    private final Standardizer targetScaler;
    private final Pca pca;
    private final EmulatorMetadata metadata;
    private final ModelSettings settings;
    private final List<EpochRecord> history;
    private final Map<String, Object> trainingSummary;
    /** Network output -> log10 target is affine: out D + offset (D is m x K with PCA, diagonal `scale` without). */
    private final INDArray decoder;
    private final double[] offset;
    private final double[] scale;
    /** Network output -> standardised target (PCA only): out P + pcaMean. */
    private final INDArray pcaDecoder;
    private final INDArray pcaMean;

    Emulator(MultiLayerNetwork network, Standardizer paramScaler, Standardizer targetScaler, Pca pca, EmulatorMetadata metadata,
            ModelSettings settings, List<EpochRecord> history, Map<String, Object> trainingSummary) {
        this.network = network;
        this.paramScaler = paramScaler;
        this.targetScaler = targetScaler;
        this.pca = pca;
        this.metadata = metadata;
        this.settings = settings;
        this.history = List.copyOf(history);
        this.trainingSummary = new LinkedHashMap<>(trainingSummary);
        if (paramScaler.columns() != metadata.paramNames().size()) {
            throw new IllegalArgumentException("parameter scaler has " + paramScaler.columns() + " columns for "
                    + metadata.paramNames().size() + " parameters");
        }
        int k = targetScaler.columns();
        if (metadata.grid() != null && metadata.outputs() != k) {
            throw new IllegalArgumentException("target scaler has " + k + " columns for " + metadata.targetNames().size()
                    + " target(s) on a grid of " + metadata.grid().length);
        }
        double[] tMean = targetScaler.mean();
        double[] tStd = targetScaler.std();
        if (pca == null) {
            decoder = null;
            pcaDecoder = null;
            pcaMean = null;
            scale = tStd.clone();
            offset = tMean.clone();
        } else {
            double[][] d = new double[pca.size()][k];
            double[] e = new double[k];
            for (int c = 0; c < pca.size(); c++) {
                for (int j = 0; j < k; j++) {
                    d[c][j] = pca.coefficientStd()[c] * pca.components()[c][j] * tStd[j];
                }
            }
            for (int j = 0; j < k; j++) {
                e[j] = pca.mean()[j] * tStd[j] + tMean[j];
            }
            decoder = Nd4j.create(d);
            double[][] p = new double[pca.size()][k];
            for (int c = 0; c < pca.size(); c++) {
                for (int j = 0; j < k; j++) {
                    p[c][j] = pca.coefficientStd()[c] * pca.components()[c][j];
                }
            }
            pcaDecoder = Nd4j.create(p);
            pcaMean = Nd4j.createFromArray(pca.mean()).reshape(1, k);
            scale = null;
            offset = e;
        }
    }

    public EmulatorMetadata metadata() {
        return metadata;
    }

    public ModelSettings settings() {
        return settings;
    }

    public List<EpochRecord> history() {
        return history;
    }

    public Standardizer paramScaler() {
        return paramScaler;
    }

    public Standardizer targetScaler() {
        return targetScaler;
    }

    /** The PCA basis of the targets, or null when the network predicts the targets directly. */
    public Pca pca() {
        return pca;
    }

    /** How training went: stages, best validation loss, epochs, seconds (also in emulator.json). */
    public Map<String, Object> trainingSummary() {
        return new LinkedHashMap<>(trainingSummary);
    }

    /** The same emulator with more entries in its training summary (e.g. the sha256 of the data it was trained on). */
    public Emulator withSummary(Map<String, Object> extra) {
        Map<String, Object> merged = new LinkedHashMap<>(trainingSummary);
        merged.putAll(extra);
        return new Emulator(network, paramScaler, targetScaler, pca, metadata, settings, history, merged);
    }

    /** Shape of the network: inputs, hidden widths, outputs, parameter count, data type. */
    public Map<String, Object> architecture() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("inputs", paramScaler.columns());
        a.put("hidden_layers", settings.hiddenLayers());
        a.put("activation", settings.activation().key());
        a.put("network_outputs", pca == null ? targetScaler.columns() : pca.size());
        a.put("pca_components", pca == null ? null : pca.size());
        a.put("pca_scaling", pca == null ? null : pca.scaling().key());
        a.put("outputs", targetScaler.columns());
        a.put("parameters", network.numParams());
        a.put("data_type", network.getLayerWiseConfigurations().getDataType().name().toLowerCase(java.util.Locale.ROOT));
        a.put("dropout", settings.dropout());
        return a;
    }

    MultiLayerNetwork network() {
        return network;
    }

    /** The network's parameters as doubles, in DL4J's flattened order (used by tests and exporters). */
    public double[] parameters() {
        return network.params().toDoubleVector();
    }

    /** log10 of the target for each row of raw parameters. */
    public double[][] predictLog10(double[][] params) {
        checkParams(params);
        double[][] out = new double[params.length][];
        for (int start = 0; start < params.length; start += CHUNK) {
            int end = Math.min(params.length, start + CHUNK);
            double[][] chunk = java.util.Arrays.copyOfRange(params, start, end);
            double[][] result = predictChunk(chunk);
            System.arraycopy(result, 0, out, start, result.length);
        }
        return out;
    }

    /** The target itself (10^log10, or as learnt with target_transform: none) for each row of raw parameters. */
    public double[][] predict(double[][] params) {
        double[][] log10 = predictLog10(params);
        if (settings.linearTarget()) {
            return log10;
        }
        for (double[] row : log10) {
            for (int j = 0; j < row.length; j++) {
                row[j] = Math.pow(10, row[j]);
            }
        }
        return log10;
    }

    /** Mean squared error of the standardised log10 target on some data (the scale of the validation loss). */
    public double standardisedLoss(TrainingData data) {
        double[][] predicted = predictLog10(data.inputs());
        double[] mean = targetScaler.mean();
        double[] std = targetScaler.std();
        double sum = 0;
        long count = 0;
        for (int i = 0; i < predicted.length; i++) {
            for (int j = 0; j < predicted[i].length; j++) {
                double d = (predicted[i][j] - data.targets()[i][j]) / std[j];
                sum += d * d;
                count++;
            }
        }
        return sum / count;
    }

    /** Network outputs (standardised target or PCA coefficients) for standardised inputs, as an ND4J array. */
    synchronized INDArray networkOutput(INDArray standardisedInputs) {
        return network.output(standardisedInputs, false);
    }

    /**
     * Log10 targets as rows of doubles from network outputs. Without PCA each output is scaled and shifted on its way
     * into the rows; with PCA the coefficients go through one float64 GEMM first. Reading ND4J's buffer in bulk and
     * writing the rows in one loop avoids three 8-16 MB ND4J temporaries per 10,000 rows (docs/benchmarks.md).
     */
    double[][] decodeRows(INDArray networkOutput) {
        INDArray out = decoder == null ? networkOutput : networkOutput.castTo(DataType.DOUBLE).mmul(decoder);
        if (out.dataType() != DataType.FLOAT && out.dataType() != DataType.DOUBLE) {
            out = out.castTo(DataType.DOUBLE);
        }
        if (out.ordering() != 'c' || out.isView() || out.offset() != 0) {
            out = out.dup('c');
        }
        int n = (int) out.rows();
        int k = (int) out.columns();
        double[][] rows = new double[n][k];
        java.nio.ByteBuffer bytes = out.data().asNio().order(java.nio.ByteOrder.nativeOrder());
        if (out.dataType() == DataType.FLOAT) {
            java.nio.FloatBuffer buffer = bytes.asFloatBuffer();
            float[] row = new float[k];
            for (int i = 0; i < n; i++) {
                buffer.get(i * k, row);
                for (int j = 0; j < k; j++) {
                    rows[i][j] = row[j];
                }
                shift(rows[i], scale, offset);
            }
        } else {
            java.nio.DoubleBuffer buffer = bytes.asDoubleBuffer();
            for (int i = 0; i < n; i++) {
                buffer.get(i * k, rows[i]);
                shift(rows[i], scale, offset);
            }
        }
        return rows;
    }

    /** row = row * factor + shift (factor null: row + shift), in the order ND4J's mulRowVector/addiRowVector used. */
    private static void shift(double[] row, double[] factor, double[] shift) {
        if (factor == null) {
            for (int j = 0; j < row.length; j++) {
                row[j] += shift[j];
            }
        } else {
            for (int j = 0; j < row.length; j++) {
                row[j] = row[j] * factor[j] + shift[j];
            }
        }
    }

    /** Standardised log10 targets (double) from network outputs. */
    INDArray decodeStandardised(INDArray networkOutput) {
        INDArray out = networkOutput.castTo(DataType.DOUBLE);
        if (pcaDecoder == null) {
            return out.dup();
        }
        return out.mmul(pcaDecoder).addiRowVector(pcaMean);
    }

    private double[][] predictChunk(double[][] params) {
        int n = params.length;
        int p = paramScaler.columns();
        double[] mean = paramScaler.mean();
        double[] std = paramScaler.std();
        // bulk copies in and out: element-wise access to ND4J arrays from Java costs a native call per element
        DataType type = network.getLayerWiseConfigurations().getDataType();
        INDArray x;
        if (type == DataType.DOUBLE) {
            double[] flat = new double[n * p];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) {
                    flat[i * p + j] = (params[i][j] - mean[j]) / std[j];
                }
            }
            x = Nd4j.create(flat, new long[] {n, p}, DataType.DOUBLE);
        } else {
            float[] flat = new float[n * p];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) {
                    flat[i * p + j] = (float) ((params[i][j] - mean[j]) / std[j]);
                }
            }
            x = Nd4j.create(flat, new long[] {n, p}, DataType.FLOAT);
        }
        return decodeRows(networkOutput(x));
    }

    private void checkParams(double[][] params) {
        int p = metadata.paramNames().size();
        for (int i = 0; i < params.length; i++) {
            if (params[i].length != p) {
                throw new IllegalArgumentException("parameter row " + i + " has " + params[i].length + " values; the emulator takes "
                        + p + " " + metadata.paramNames());
            }
            for (int j = 0; j < p; j++) {
                if (!Double.isFinite(params[i][j])) {
                    throw new IllegalArgumentException("parameter " + metadata.paramNames().get(j) + " of row " + i + " is " + params[i][j]);
                }
            }
        }
    }

    // ---------------------------------------------------------------- bundle

    /** Writes the bundle directory (through a temporary directory renamed into place). */
    public void save(Path bundle) {
        AtomicFiles.write(bundle, dir -> {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("network.json"), network.getLayerWiseConfigurations().toJson(), StandardCharsets.UTF_8);
            ParamsFile.write(dir.resolve("params.bin"), network.params());
            Files.writeString(dir.resolve("emulator.json"), JSON.writeValueAsString(describe()) + "\n", StandardCharsets.UTF_8);
        });
    }

    private Map<String, Object> describe() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("study", metadata.study());
        meta.put("param_names", metadata.paramNames());
        meta.put("target_name", metadata.targetName());
        meta.put("target_names", metadata.targetNames());
        meta.put("grid_name", metadata.gridName());
        meta.put("grid", metadata.grid());
        if (!metadata.box().isEmpty()) {
            List<Map<String, Object>> box = new ArrayList<>();
            for (Parameter p : metadata.box()) { // ordered maps: the bundle's bytes must not depend on the JVM
                Map<String, Object> range = new LinkedHashMap<>();
                range.put("name", p.name());
                range.put("units", p.units());
                range.put("lower", p.lower());
                range.put("upper", p.upper());
                box.add(range);
            }
            meta.put("box", box);
        }
        doc.put("metadata", meta);
        doc.put("settings", settings.toMap());
        doc.put("network", Map.of(
                "data_type", network.getLayerWiseConfigurations().getDataType().name(),
                "parameters", network.numParams(),
                "params_file", "params.bin"));
        doc.put("param_scaler", Map.of("mean", paramScaler.mean(), "std", paramScaler.std()));
        doc.put("target_scaler", Map.of("mean", targetScaler.mean(), "std", targetScaler.std()));
        if (pca != null) {
            doc.put("pca", Map.of("mean", pca.mean(), "components", pca.components(), "coefficient_std", pca.coefficientStd(),
                    "scaling", pca.scaling().key()));
        }
        TrainingHistoryJson.put(doc, trainingSummary, history);
        return doc;
    }

    /** Reads a bundle written by {@link #save}. */
    public static Emulator load(Path bundle) {
        Path json = bundle.resolve("emulator.json");
        if (!Files.isRegularFile(json)) {
            throw new IllegalArgumentException(bundle + " is not a model bundle (no emulator.json)");
        }
        try {
            JsonNode doc = JSON.readTree(json.toFile());
            if (!FORMAT.equals(doc.path("format").asText())) {
                throw new IllegalArgumentException(json + " has format '" + doc.path("format").asText() + "', expected " + FORMAT);
            }
            JsonNode meta = doc.get("metadata");
            List<String> names = new ArrayList<>();
            meta.get("param_names").forEach(n -> names.add(n.asText()));
            List<String> targets = new ArrayList<>();
            if (meta.has("target_names")) {
                meta.get("target_names").forEach(n -> targets.add(n.asText()));
            } else { // bundles written before multi-output emulators
                targets.add(meta.get("target_name").asText());
            }
            List<Parameter> box = new ArrayList<>();
            if (meta.has("box")) { // bundles written before the box was recorded have none
                meta.get("box").forEach(p -> box.add(new Parameter(p.get("name").asText(), p.path("units").asText(""),
                        p.get("lower").asDouble(), p.get("upper").asDouble())));
            }
            EmulatorMetadata metadata = new EmulatorMetadata(meta.get("study").asText(), names, targets,
                    doubles(meta.get("grid")), meta.get("grid_name").asText(), box);
            @SuppressWarnings("unchecked")
            Map<String, Object> settingsMap = JSON.convertValue(doc.get("settings"), LinkedHashMap.class);
            ModelSettings settings = ModelSettings.fromMap(settingsMap);
            Standardizer paramScaler = new Standardizer(doubles(doc.at("/param_scaler/mean")), doubles(doc.at("/param_scaler/std")));
            Standardizer targetScaler = new Standardizer(doubles(doc.at("/target_scaler/mean")), doubles(doc.at("/target_scaler/std")));
            Pca pca = null;
            if (doc.has("pca")) {
                JsonNode p = doc.get("pca");
                double[][] components = JSON.convertValue(p.get("components"), double[][].class);
                // bundles written before pca_scaling existed scaled every component to unit variance
                Pca.Scaling scaling = p.has("scaling") ? Pca.Scaling.parse(p.get("scaling").asText()) : Pca.Scaling.PER_COMPONENT;
                pca = new Pca(doubles(p.get("mean")), components, doubles(p.get("coefficient_std")), scaling);
            }
            List<EpochRecord> history = TrainingHistoryJson.history(doc);
            @SuppressWarnings("unchecked")
            Map<String, Object> summary = JSON.convertValue(doc.get("training"), LinkedHashMap.class);
            MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(
                    Files.readString(bundle.resolve("network.json"), StandardCharsets.UTF_8));
            MultiLayerNetwork network = new MultiLayerNetwork(conf);
            INDArray params = ParamsFile.read(bundle.resolve("params.bin"), conf.getDataType());
            network.init(params, false);
            if (network.numParams() != params.length()) {
                throw new IllegalArgumentException(bundle + ": params.bin has " + params.length() + " values, the network needs "
                        + network.numParams());
            }
            return new Emulator(network, paramScaler, targetScaler, pca, metadata, settings, history, summary == null ? Map.of() : summary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model bundle " + bundle + ": " + e.getMessage(), e);
        } catch (NullPointerException e) {
            throw new IllegalArgumentException(json + " lacks a required field", e);
        }
    }

    private static double[] doubles(JsonNode node) {
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException("expected a number array in emulator.json");
        }
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asDouble();
        }
        return out;
    }
}
