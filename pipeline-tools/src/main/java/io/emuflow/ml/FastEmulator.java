package io.emuflow.ml;

import io.emuflow.ml.layers.CosmoPowerActivation;
import io.emuflow.ml.layers.CosmoPowerParamInitializer;
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
public final class FastEmulator {
    /** Activations the fast path evaluates. */
    enum Kind { IDENTITY, COSMOPOWER, RELU, LEAKYRELU, TANH, SIGMOID, GELU_SIGMOID, GELU_TANH, ELU, SWISH }

    /** A dense layer (W stored row by row: W[i * out + j]) followed by its activation. */
    record Dense(int in, int out, float[] w, float[] b, Kind kind, float[] alpha, float[] beta, float slope) {}

    private final List<Dense> layers;
    private final double[] paramMean;
    private final double[] paramStd;
    /** log10 target = networkOutput . decoder + offset (decoder m x K, row-major), or out * scale + offset. */
    private final double[] decoder;
    private final double[] scale;
    private final double[] offset;
    private final float[][] buffers;
    private final Kernels kernels;

    private FastEmulator(List<Dense> layers, double[] paramMean, double[] paramStd, double[] decoder, double[] scale, double[] offset,
            Kernels kernels) {
        this.layers = layers;
        this.paramMean = paramMean;
        this.paramStd = paramStd;
        this.decoder = decoder;
        this.scale = scale;
        this.offset = offset;
        this.kernels = kernels;
        int widest = layers.get(0).in();
        for (Dense d : layers) {
            widest = Math.max(widest, d.out());
        }
        buffers = new float[][] {new float[widest], new float[widest]};
    }

    /** The fast path of an emulator, using the Vector API when it is available. */
    public static FastEmulator of(Emulator emulator) {
        return of(emulator, Kernels.best());
    }

    static FastEmulator of(Emulator emulator, Kernels kernels) {
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
            IActivation activation = ((BaseLayer) layer.conf().getLayer()).getActivationFn();
            if (i + 1 < all.length && all[i + 1] instanceof CosmoPowerActivation cp) {
                if (!(activation instanceof ActivationIdentity)) {
                    throw new IllegalStateException("a CosmoPower layer must follow a linear dense layer");
                }
                float[] alpha = cp.getParam(CosmoPowerParamInitializer.ALPHA).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).toFloatVector();
                float[] beta = cp.getParam(CosmoPowerParamInitializer.BETA).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).toFloatVector();
                layers.add(new Dense(in, out, flat, b, Kind.COSMOPOWER, alpha, beta, 0f));
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
                kernels);
    }

    private static Kind kind(IActivation a) {
        if (a instanceof ActivationIdentity) {
            return Kind.IDENTITY;
        } else if (a instanceof ActivationReLU) {
            return Kind.RELU;
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

    /** An independent copy for another thread (shares the read-only weights). */
    public FastEmulator copy() {
        return new FastEmulator(layers, paramMean, paramStd, decoder, scale, offset, kernels);
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
        float[] y = buffers[1];
        for (int i = 0; i < params.length; i++) {
            x[i] = (float) ((params[i] - paramMean[i]) / paramStd[i]);
        }
        for (Dense layer : layers) {
            kernels.dense(layer, x, y);
            activate(layer, y);
            float[] t = x;
            x = y;
            y = t;
        }
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

    private void activate(Dense layer, float[] y) {
        int n = layer.out();
        switch (layer.kind()) {
            case IDENTITY -> { }
            case COSMOPOWER -> kernels.cosmopower(y, layer.alpha(), layer.beta(), n);
            case RELU -> {
                for (int j = 0; j < n; j++) {
                    y[j] = Math.max(y[j], 0f);
                }
            }
            case LEAKYRELU -> {
                for (int j = 0; j < n; j++) {
                    y[j] = y[j] < 0 ? layer.slope() * y[j] : y[j];
                }
            }
            case TANH -> {
                for (int j = 0; j < n; j++) {
                    y[j] = (float) Math.tanh(y[j]);
                }
            }
            case SIGMOID -> {
                for (int j = 0; j < n; j++) {
                    y[j] = (float) (1 / (1 + Math.exp(-y[j])));
                }
            }
            case GELU_SIGMOID -> {
                for (int j = 0; j < n; j++) {
                    y[j] = (float) (y[j] / (1 + Math.exp(-1.702 * y[j])));
                }
            }
            case GELU_TANH -> {
                for (int j = 0; j < n; j++) {
                    double v = y[j];
                    y[j] = (float) (0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v))));
                }
            }
            case ELU -> {
                for (int j = 0; j < n; j++) {
                    y[j] = y[j] < 0 ? (float) (layer.slope() * Math.expm1(y[j])) : y[j];
                }
            }
            case SWISH -> {
                for (int j = 0; j < n; j++) {
                    y[j] = (float) (y[j] / (1 + Math.exp(-y[j])));
                }
            }
        }
    }

    /** The inner loops; a Vector API version replaces the scalar one when the module is present. */
    interface Kernels {
        String name();

        /** y = x W + b. */
        void dense(Dense layer, float[] x, float[] y);

        /** y = (beta + sigmoid(alpha y) (1 - beta)) y, in place. */
        void cosmopower(float[] y, float[] alpha, float[] beta, int n);

        static Kernels best() {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
                try {
                    return (Kernels) Class.forName("io.emuflow.ml.VectorKernels").getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException | LinkageError e) {
                    return new ScalarKernels();
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
        public void dense(Dense layer, float[] x, float[] y) {
            int out = layer.out();
            float[] w = layer.w();
            System.arraycopy(layer.b(), 0, y, 0, out);
            for (int i = 0; i < layer.in(); i++) {
                float xi = x[i];
                int base = i * out;
                for (int j = 0; j < out; j++) {
                    y[j] += xi * w[base + j];
                }
            }
        }

        @Override
        public void cosmopower(float[] y, float[] alpha, float[] beta, int n) {
            for (int j = 0; j < n; j++) {
                float v = y[j];
                float s = (float) (1 / (1 + Math.exp(-alpha[j] * v)));
                y[j] = (beta[j] + s * (1 - beta[j])) * v;
            }
        }
    }
}
