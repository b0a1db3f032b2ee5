package io.emuflow.ml.emulator;

import io.emuflow.ml.layers.CosmoPowerActivation;
import io.emuflow.ml.layers.CosmoPowerDenseLayer;
import io.emuflow.ml.layers.CosmoPowerDenseParamInitializer;
import io.emuflow.ml.layers.CosmoPowerParamInitializer;
import io.emuflow.ml.layers.GatePass;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * A pure-Java forward pass of an {@link Emulator} for single calls inside a sampler (no ND4J, no native
 * calls, no allocation per call apart from the result). Float32 like the network; the dense layers are
 * written as "out += x_i * W_i" row updates, a loop shape HotSpot's C2 compiles to SIMD instructions, and
 * the JDK Vector API kernel is used instead when the jdk.incubator.vector module is present.
 *
 * <p>Not thread-safe (it keeps scratch buffers): give each thread its own {@link #copy()}.
 */
public final class FastEmulator implements AutoCloseable {
    /** Activations the fast path evaluates. */
    enum Kind { IDENTITY, COSMOPOWER, RELU, SELU, LEAKYRELU, TANH, SIGMOID, GELU_SIGMOID, GELU_TANH, ELU, SWISH }

    /** SELU's constants (Klambauer et al. 2017, eq. 14; the values ND4J's selu op uses). */
    static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    static final double SELU_LAMBDA = 1.0507009873554804934193349852946;

    /** A dense layer (W stored row by row: W[i * out + j]) followed by its activation. */
    record Dense(int in, int out, float[] w, float[] b, Kind kind, float[] alpha, float[] beta, float slope) {}

    /**
     * A dense layer laid out for streaming: the columns are cut into panels of {@link #WIDTH} (the last one padded
     * with zero weights), and each panel's [in x WIDTH] block is contiguous, so a kernel reads every weight once, in
     * order. Bias, alpha and beta are padded to the same width (padded outputs are exactly 0 and are never read).
     */
    record Packed(int in, int out, int panels, int splitPanel, float[] weights, float[] b, Kind kind, float[] alpha, float[] beta,
            float slope) {
        static final int WIDTH = 16;
        /** Layers with fewer weights than this run on one thread (a hand-off costs more than it saves). */
        static final int MIN_SPLIT_WEIGHTS = 16_384;

        static Packed of(Dense d) {
            int panels = (d.out() + WIDTH - 1) / WIDTH;
            int padded = panels * WIDTH;
            float[] weights = new float[d.in() * padded];
            for (int p = 0; p < panels; p++) {
                for (int i = 0; i < d.in(); i++) {
                    for (int c = 0; c < WIDTH && p * WIDTH + c < d.out(); c++) {
                        weights[(p * d.in() + i) * WIDTH + c] = d.w()[i * d.out() + p * WIDTH + c];
                    }
                }
            }
            int split = panels >= 2 && d.in() * padded >= MIN_SPLIT_WEIGHTS ? panels / 2 : panels;
            return new Packed(d.in(), d.out(), panels, split, weights, pad(d.b(), padded), d.kind(), pad(d.alpha(), padded),
                    pad(d.beta(), padded), d.slope());
        }

        int padded() {
            return panels * WIDTH;
        }

        private static float[] pad(float[] v, int n) {
            return v == null ? null : java.util.Arrays.copyOf(v, n);
        }
    }

    private final List<Dense> layers;
    private final List<Packed> packed;
    private final double[] paramMean;
    private final double[] paramStd;
    /** log10 target = networkOutput . decoder + offset (decoder m x K, row-major), or out * scale + offset. */
    private final double[] decoder;
    private final double[] scale;
    private final double[] offset;
    /** buffers[l % 2] holds the input of layer l (so each layer's input and output buffers are fixed). */
    private final float[][] buffers;
    private final Kernels kernels;
    /** Runs the second half of the columns of the big layers on another core; null when single-threaded. */
    private final ColumnSplitter splitter;

    private FastEmulator(List<Dense> layers, double[] paramMean, double[] paramStd, double[] decoder, double[] scale, double[] offset,
            Kernels kernels, int threads) {
        if (threads < 1 || threads > 2) {
            throw new IllegalArgumentException("the fast path runs on 1 or 2 threads, got " + threads);
        }
        this.layers = layers;
        this.packed = layers.stream().map(Packed::of).toList();
        this.paramMean = paramMean;
        this.paramStd = paramStd;
        this.decoder = decoder;
        this.scale = scale;
        this.offset = offset;
        this.kernels = kernels;
        int widest = layers.get(0).in();
        for (Packed d : packed) {
            widest = Math.max(widest, d.padded());
        }
        buffers = new float[][] {new float[widest], new float[widest]};
        this.splitter = threads == 2 ? new ColumnSplitter(this::runUpperHalf) : null;
    }

    /** The fast path of an emulator, using the Vector API when it is available. */
    public static FastEmulator of(Emulator emulator) {
        return of(emulator, Kernels.best(), 1);
    }

    /** The fast path of a model shipped in the jar, e.g. {@code FastEmulator.pretrained("pk-emulator")}. */
    public static FastEmulator pretrained(String name) {
        return of(Pretrained.emulator(name));
    }

    /**
     * The fast path on {@code threads} (1 or 2) threads. With 2, a second thread computes half of the columns of
     * every large layer, so each core streams half of the weights, which then stay in its own L2 cache; same
     * numbers as with 1 thread (every column is summed in the same order). Close it to stop that thread.
     */
    public static FastEmulator of(Emulator emulator, int threads) {
        return of(emulator, Kernels.best(), threads);
    }

    static FastEmulator of(Emulator emulator, Kernels kernels) {
        return of(emulator, kernels, 1);
    }

    static FastEmulator of(Emulator emulator, Kernels kernels, int threads) {
        List<Dense> layers = new ArrayList<>();
        Layer[] all = emulator.network().getLayers();
        for (int i = 0; i < all.length; i++) {
            Layer layer = all[i];
            if (layer instanceof CosmoPowerActivation) {
                throw new IllegalStateException("a CosmoPower layer must follow a dense layer");
            }
            float[][] w = layer.getParam("W").castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).toFloatMatrix();
            float[] b = layer.getParam("b").castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).toFloatVector();
            int in = w.length;
            int out = w[0].length;
            float[] flat = new float[in * out];
            for (int r = 0; r < in; r++) {
                System.arraycopy(w[r], 0, flat, r * out, out);
            }
            if (layer instanceof CosmoPowerDenseLayer fused) { // dense + CosmoPower in one layer (NetworkFactory's default)
                layers.add(new Dense(in, out, flat, b, Kind.COSMOPOWER, floats(fused, CosmoPowerDenseParamInitializer.ALPHA),
                        floats(fused, CosmoPowerDenseParamInitializer.BETA), 0f));
                continue;
            }
            IActivation activation = ((BaseLayer) layer.conf().getLayer()).getActivationFn();
            if (i + 1 < all.length && all[i + 1] instanceof CosmoPowerActivation cp) {
                if (!(activation instanceof ActivationIdentity)) {
                    throw new IllegalStateException("a CosmoPower layer must follow a linear dense layer");
                }
                layers.add(new Dense(in, out, flat, b, Kind.COSMOPOWER, floats(cp, CosmoPowerParamInitializer.ALPHA),
                        floats(cp, CosmoPowerParamInitializer.BETA), 0f));
                i++;
            } else {
                float slope = activation instanceof ActivationLReLU l ? (float) l.getAlpha()
                        : activation instanceof ActivationELU e ? (float) e.getAlpha() : 0f;
                layers.add(new Dense(in, out, flat, b, kind(activation), null, null, slope));
            }
        }
        int k = emulator.targetScaler().columns();
        double[] tMean = emulator.targetScaler().mean();
        double[] tStd = emulator.targetScaler().std();
        Pca pca = emulator.pca();
        double[] decoder = null;
        double[] scale = null;
        double[] offset = new double[k];
        if (pca == null) {
            scale = tStd.clone();
            offset = tMean.clone();
        } else {
            decoder = new double[pca.size() * k];
            for (int c = 0; c < pca.size(); c++) {
                for (int j = 0; j < k; j++) {
                    decoder[c * k + j] = pca.coefficientStd()[c] * pca.components()[c][j] * tStd[j];
                }
            }
            for (int j = 0; j < k; j++) {
                offset[j] = pca.mean()[j] * tStd[j] + tMean[j];
            }
        }
        return new FastEmulator(List.copyOf(layers), emulator.paramScaler().mean(), emulator.paramScaler().std(), decoder, scale, offset,
                kernels, threads);
    }

    private static float[] floats(Layer layer, String param) {
        return layer.getParam(param).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).toFloatVector();
    }

    private static Kind kind(IActivation a) {
        if (a instanceof ActivationIdentity) {
            return Kind.IDENTITY;
        } else if (a instanceof ActivationReLU) {
            return Kind.RELU;
        } else if (a instanceof ActivationSELU) {
            return Kind.SELU;
        } else if (a instanceof ActivationLReLU) {
            return Kind.LEAKYRELU;
        } else if (a instanceof ActivationTanH) {
            return Kind.TANH;
        } else if (a instanceof ActivationSigmoid) {
            return Kind.SIGMOID;
        } else if (a instanceof ActivationGELU g) {
            return g.isPrecise() ? Kind.GELU_TANH : Kind.GELU_SIGMOID;
        } else if (a instanceof ActivationELU) {
            return Kind.ELU;
        } else if (a instanceof ActivationSwish) {
            return Kind.SWISH;
        }
        throw new IllegalArgumentException("the fast path does not support the activation " + a);
    }

    /** The dense layers with their activations (read-only; used by the HDF5 exporter). */
    List<Dense> layers() {
        return layers;
    }

    /** An independent copy for another thread (shares the read-only weights; same thread count). */
    public FastEmulator copy() {
        return new FastEmulator(layers, paramMean, paramStd, decoder, scale, offset, kernels, threads());
    }

    /** Threads a call runs on (1, or 2 with a column splitter). */
    public int threads() {
        return splitter == null ? 1 : 2;
    }

    /** Stops the second thread, if any; the emulator then runs on one thread. */
    @Override
    public void close() {
        if (splitter != null) {
            splitter.close();
        }
    }

    /** Which kernel runs the dense layers ("vector-api" or "scalar"). */
    public String kernel() {
        return kernels.name();
    }

    public int outputs() {
        return offset.length;
    }

    /** log10 of the target for one parameter set, written into {@code result} (length = grid size). */
    public void predictLog10(double[] params, double[] result) {
        if (params.length != paramMean.length) {
            throw new IllegalArgumentException("the emulator takes " + paramMean.length + " parameters, got " + params.length);
        }
        float[] x = buffers[0];
        for (int i = 0; i < params.length; i++) {
            x[i] = (float) ((params[i] - paramMean[i]) / paramStd[i]);
        }
        for (int l = 0; l < packed.size(); l++) {
            Packed layer = packed.get(l);
            int split = splitter == null ? layer.panels() : layer.splitPanel();
            if (split < layer.panels()) {
                splitter.start(l);
                computeColumns(l, 0, split);
                splitter.await();
            } else {
                computeColumns(l, 0, layer.panels());
            }
        }
        x = buffers[packed.size() % 2];
        int m = layers.get(layers.size() - 1).out();
        int k = offset.length;
        if (decoder == null) {
            for (int j = 0; j < k; j++) {
                result[j] = x[j] * scale[j] + offset[j];
            }
        } else {
            System.arraycopy(offset, 0, result, 0, k);
            for (int c = 0; c < m; c++) {
                double a = x[c];
                int base = c * k;
                for (int j = 0; j < k; j++) {
                    result[j] += a * decoder[base + j];
                }
            }
        }
    }

    public double[] predictLog10(double[] params) {
        double[] out = new double[offset.length];
        predictLog10(params, out);
        return out;
    }

    public double[][] predictLog10(double[][] params) {
        double[][] out = new double[params.length][];
        for (int i = 0; i < params.length; i++) {
            out[i] = predictLog10(params[i]);
        }
        return out;
    }

    /** Columns [16 p0, 16 p1) of layer l: dense product, then activation. */
    private void computeColumns(int l, int p0, int p1) {
        Packed layer = packed.get(l);
        float[] y = buffers[(l + 1) % 2];
        kernels.dense(layer, buffers[l % 2], y, p0, p1);
        activate(layer, y, p0 * Packed.WIDTH, p1 * Packed.WIDTH);
    }

    /** What the second thread runs for layer l. */
    private void runUpperHalf(int l) {
        Packed layer = packed.get(l);
        computeColumns(l, layer.splitPanel(), layer.panels());
    }

    private void activate(Packed layer, float[] y, int from, int n) {
        switch (layer.kind()) {
            case IDENTITY -> { }
            case COSMOPOWER -> kernels.cosmopower(y, layer.alpha(), layer.beta(), from, n);
            case RELU -> {
                for (int j = from; j < n; j++) {
                    y[j] = Math.max(y[j], 0f);
                }
            }
            case SELU -> {
                // Klambauer et al. 2017, eq. 2: lambda x for x > 0, lambda alpha (e^x - 1) otherwise
                for (int j = from; j < n; j++) {
                    y[j] = y[j] > 0 ? (float) (SELU_LAMBDA * y[j]) : (float) (SELU_LAMBDA * SELU_ALPHA * Math.expm1(y[j]));
                }
            }
            case LEAKYRELU -> {
                for (int j = from; j < n; j++) {
                    y[j] = y[j] < 0 ? layer.slope() * y[j] : y[j];
                }
            }
            case TANH -> {
                for (int j = from; j < n; j++) {
                    y[j] = (float) Math.tanh(y[j]);
                }
            }
            case SIGMOID -> {
                for (int j = from; j < n; j++) {
                    y[j] = (float) (1 / (1 + Math.exp(-y[j])));
                }
            }
            case GELU_SIGMOID -> {
                for (int j = from; j < n; j++) {
                    y[j] = (float) (y[j] / (1 + Math.exp(-1.702 * y[j])));
                }
            }
            case GELU_TANH -> {
                for (int j = from; j < n; j++) {
                    double v = y[j];
                    y[j] = (float) (0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v))));
                }
            }
            case ELU -> {
                for (int j = from; j < n; j++) {
                    y[j] = y[j] < 0 ? (float) (layer.slope() * Math.expm1(y[j])) : y[j];
                }
            }
            case SWISH -> {
                for (int j = from; j < n; j++) {
                    y[j] = (float) (y[j] / (1 + Math.exp(-y[j])));
                }
            }
        }
    }

    /** The inner loops; a Vector API version replaces the scalar one when the module is present. */
    interface Kernels {
        String name();

        /** y = x W + b for the columns of panels [p0, p1). */
        void dense(Packed layer, float[] x, float[] y, int p0, int p1);

        /** y = (beta + sigmoid(alpha y) (1 - beta)) y, in place, for j in [from, to). */
        void cosmopower(float[] y, float[] alpha, float[] beta, int from, int to);

        static Kernels best() {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
                try {
                    if (VectorKernels.supported()) {
                        return new VectorKernels();
                    }
                } catch (LinkageError e) {
                    return new ScalarKernels(); // the module is there but the CPU or JVM cannot use it
                }
            }
            return new ScalarKernels();
        }
    }

    /** Plain loops; the row-update shape lets C2 auto-vectorise the dense layer. */
    static final class ScalarKernels implements Kernels {
        @Override
        public String name() {
            return "scalar";
        }

        @Override
        public void dense(Packed layer, float[] x, float[] y, int p0, int p1) {
            int in = layer.in();
            int w = Packed.WIDTH;
            float[] weights = layer.weights();
            for (int p = p0; p < p1; p++) {
                int col = p * w;
                System.arraycopy(layer.b(), col, y, col, w);
                int base = p * in * w;
                for (int i = 0; i < in; i++) {
                    float xi = x[i];
                    int row = base + i * w;
                    for (int c = 0; c < w; c++) {
                        y[col + c] += xi * weights[row + c];
                    }
                }
            }
        }

        @Override
        public void cosmopower(float[] y, float[] alpha, float[] beta, int from, int to) {
            for (int j = from; j < to; j++) {
                y[j] = GatePass.cosmopower(y[j], alpha[j], beta[j]);
            }
        }
    }
}
