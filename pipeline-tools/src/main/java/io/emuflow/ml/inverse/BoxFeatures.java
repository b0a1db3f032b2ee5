package io.emuflow.ml.inverse;

import com.fasterxml.jackson.databind.JsonNode;
import io.emuflow.data.BoxColumn;
import io.emuflow.data.SpectrumDataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The input pipeline of a 3D CNN: the named {@code /boxes/<name>} channels of a sample, each scaled by its transform
 * (see {@link BoxSettings}: {@code max} divides by the training split's largest value, {@code log10} gives
 * log10(value) / 15 with empty cells 0, {@code none} keeps the value), stacked as [N, C, D, D, D] (NCDHW). The
 * scales are fitted on the training split only and stored in the model bundle. Boxes are read from the dataset
 * file a row at a time ({@link BoxColumn}), so that only one minibatch is ever in memory.
 *
 * @param scales per channel: the divisor of a {@code max} channel (1 for the others)
 */
public record BoxFeatures(List<String> channels, List<String> transforms, double[] scales, int dim) {
    /** log10(M) / 15: the reference's scaling of the summed halo mass (M in M_sun/h, halos up to ~1e15). */
    static final double LOG_SCALE = 15;

    public BoxFeatures {
        channels = List.copyOf(channels);
        transforms = List.copyOf(transforms);
        scales = scales.clone();
        if (transforms.size() != channels.size() || scales.length != channels.size()) {
            throw new IllegalArgumentException("box features need one transform and one scale per channel " + channels);
        }
        for (double s : scales) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("box feature scales must be positive, got " + s);
            }
        }
    }

    /** Checks the training split's boxes and fits the {@code max} scales on it, one box in memory at a time. */
    public static BoxFeatures fit(SpectrumDataset train, BoxSettings settings) {
        List<String> channels = settings.channels();
        int dim = dimOf(train, channels, "the training split");
        List<String> transforms = new ArrayList<>();
        double[] scales = new double[channels.size()];
        float[] row = new float[dim * dim * dim];
        for (int c = 0; c < channels.size(); c++) {
            String transform = settings.transforms().get(channels.get(c));
            transforms.add(transform);
            scales[c] = 1;
            if (!transform.equals("max")) {
                continue;
            }
            BoxColumn column = train.boxes().get(channels.get(c));
            double max = 0;
            for (int i = 0; i < column.rows(); i++) {
                column.read(i, row);
                for (float v : row) {
                    max = Math.max(max, v);
                }
            }
            scales[c] = max > 0 ? max : 1; // an all-empty channel stays all zeros
        }
        return new BoxFeatures(channels, transforms, scales, dim);
    }

    /** The common side D of the named boxes of a dataset; a one-line error names a missing or misshapen box. */
    static int dimOf(SpectrumDataset data, List<String> channels, String what) {
        int dim = -1;
        for (String name : channels) {
            BoxColumn column = data.boxes().get(name);
            if (column == null) {
                throw new IllegalArgumentException("box channel '" + name + "' is missing from " + what + " (it has /boxes/"
                        + data.boxes().keySet() + ")");
            }
            int d = column.spec().dim();
            if (dim >= 0 && d != dim) {
                throw new IllegalArgumentException("box channel '" + name + "' of " + what + " is " + d + "^3 cells, channel '"
                        + channels.get(0) + "' is " + dim + "^3: every channel needs the same grid");
            }
            dim = d;
        }
        return dim;
    }

    /** Refuses a dataset that lacks a channel or whose boxes are not {@code dim}^3. */
    public void check(SpectrumDataset data, String what) {
        int d = dimOf(data, channels, what);
        if (d != dim) {
            throw new IllegalArgumentException("box channel '" + channels.get(0) + "' of " + what + " is " + d + "^3 cells, the model reads "
                    + dim + "^3");
        }
    }

    public int cells() {
        return dim * dim * dim;
    }

    /** A reader of scaled minibatches from one dataset (not thread-safe: it reuses its buffers). */
    public Batches batches(SpectrumDataset data, DataType type, String what) {
        check(data, what);
        return new Batches(data, type);
    }

    /**
     * Scaled minibatches [n, C, D, D, D] of a dataset's rows, optionally each sample under a random cube symmetry. The
     * host buffer and the ND4J array of each minibatch size are made once and refilled, so that a long epoch leaves no
     * garbage of box size behind (the heap and the native memory stay at a few minibatches whatever N).
     */
    public final class Batches {
        private final List<BoxColumn> columns = new ArrayList<>();
        private final DataType type;
        private final float[] raw = new float[cells()];
        private final float[] scaled = new float[cells()];
        private final Map<Integer, float[]> hostBuffers = new java.util.HashMap<>();
        private final Map<Integer, INDArray> arrays = new java.util.HashMap<>();

        private Batches(SpectrumDataset data, DataType type) {
            for (String name : channels) {
                columns.add(data.boxes().get(name));
            }
            this.type = type;
        }

        /**
         * Rows {@code rows[from..to)} as the network's input. With {@code augment} non-null every sample draws one of
         * the 48 cube symmetries (the same for all its channels) from it, in row order. The array is this reader's and
         * is overwritten by the next call for the same number of rows: use it before asking for the next minibatch.
         */
        public INDArray input(int[] rows, int from, int to, SplittableRandom augment) {
            int n = to - from;
            int cells = cells();
            float[] out = hostBuffers.computeIfAbsent(n, k -> new float[k * channels.size() * cells]);
            for (int i = 0; i < n; i++) {
                int symmetry = augment == null ? 0 : augment.nextInt(CubeSymmetry.COUNT);
                for (int c = 0; c < channels.size(); c++) {
                    columns.get(c).read(rows[from + i], raw);
                    scale(c, rows[from + i]);
                    CubeSymmetry.apply(symmetry, scaled, 0, out, (i * channels.size() + c) * cells, dim);
                }
            }
            INDArray array = arrays.computeIfAbsent(n, k -> Nd4j.create(type, k, channels.size(), dim, dim, dim));
            if (type == DataType.FLOAT) {
                array.data().setData(out);
            } else {
                array.assign(Nd4j.create(out, new long[] {n, channels.size(), dim, dim, dim}, 'c'));
            }
            return array;
        }

        private void scale(int c, int row) {
            String transform = transforms.get(c);
            float inverse = (float) (1 / scales[c]);
            for (int j = 0; j < raw.length; j++) {
                float v = raw[j];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("box channel '" + channels.get(c) + "' has the non-finite value " + v + " in row " + row
                            + ", cell " + j);
                }
                scaled[j] = switch (transform) {
                    case "max" -> v * inverse;
                    case "log10" -> v > 0 ? (float) (Math.log10(v) / LOG_SCALE) : 0f;
                    default -> v;
                };
            }
        }
    }

    /** The bundle's record of the pipeline (inverse.json "input"). */
    Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("boxes", channels);
        out.put("transforms", transforms);
        out.put("scales", scales);
        out.put("dim", dim);
        out.put("log10_scale", LOG_SCALE);
        return out;
    }

    static BoxFeatures fromJson(JsonNode node) {
        List<String> channels = new ArrayList<>();
        node.get("boxes").forEach(n -> channels.add(n.asText()));
        List<String> transforms = new ArrayList<>();
        node.get("transforms").forEach(n -> transforms.add(n.asText()));
        double[] scales = new double[node.get("scales").size()];
        for (int i = 0; i < scales.length; i++) {
            scales[i] = node.get("scales").get(i).asDouble();
        }
        return new BoxFeatures(channels, transforms, scales, node.get("dim").asInt());
    }
}
