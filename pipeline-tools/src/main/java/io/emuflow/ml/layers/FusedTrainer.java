package io.emuflow.ml.layers;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * A lean training step for networks built only from {@link CosmoPowerDense} layers and a {@link GemmOutput} layer
 * (float32, Adam, no dropout, regularisation, gradient normalisation or listeners): the same mathematics as
 * {@code MultiLayerNetwork.fit} on those layers (MSE gradient, division by the minibatch size, ND4J's Adam, params -=
 * update), on the network's own flattened parameter, gradient and Adam-state arrays, so that the network is trained in
 * place and everything else (validation, saving, a later DL4J fit) sees the same state.
 *
 * <p>Why: about a third of the CPU of a DL4J epoch went outside the arithmetic that matters (docs/benchmarks.md). {@code Nd4j.gemm} on the
 * layers' mixed c/f-order operands cost about twice a direct {@code cblas_sgemm} on the same buffers (ND4J
 * rearranges operands), ND4J's Adam op takes about 7 ms of CPU per step for 0.9 M parameters (scalar sqrt and
 * division), and bias, gate and their gradients took a dozen element-wise ops and row broadcasts. Here every product is
 * one {@code cblas_sgemm} into preallocated arrays, the activation and its gradient (with their column sums) are one
 * pass each, and Adam is one pass ({@link TrainKernels}); the first layer's input gradient is not computed.
 *
 * <p>Equivalence to the DL4J path: the same formulas in float32, with a different order of some sums (column sums row
 * by row instead of by GEMV, the sigmoid from {@link VectorMath#exp}), so results agree to float rounding, not to the
 * bit (FusedTrainerTest: weights within 1e-6 of the largest after each of seven steps). Deterministic: the same seed, data and
 * OpenBLAS thread count give the same bits, with or without the Vector API.
 */
public final class FusedTrainer {
    private static final TrainKernels KERNELS = pickKernels();
    /** Below this many elements one thread does a pass (splitting costs more than it saves). */
    private static final long PARALLEL_ELEMENTS = 1L << 16;
    /** Threads for the element-wise passes: -Demuflow.trainPassThreads, else OMP_NUM_THREADS (as OpenBLAS), else the cores. */
    private static final int THREADS = threads();

    private final MultiLayerNetwork network;
    private final int[] widths; // inputs, hidden widths, outputs
    private final int hidden; // number of CosmoPowerDense layers
    private final long[] offsets; // flattened offset of each layer's parameters (W first, 'f' order, then b, alpha, beta)
    private final float[][] bias;
    private final float[][] alpha;
    private final float[][] beta;
    private final float[][] gradB;
    private final float[][] gradAlpha;
    private final float[][] gradBeta;
    private final float[] sse;
    private int capacity;
    private INDArray[] z; // per hidden layer: z (kept), then dL/dz of that layer in backprop
    private INDArray[] s; // per hidden layer: sigmoid(alpha z)
    private INDArray[] act; // per layer: output (the last is the network output, then its dL/dz)
    private INDArray[] eps; // per hidden layer: dL/dy of that layer (the next layer's input gradient)

    private FusedTrainer(MultiLayerNetwork network, int[] widths) {
        this.network = network;
        this.widths = widths;
        this.hidden = widths.length - 2;
        offsets = new long[hidden + 2];
        int layers = hidden + 1;
        bias = new float[layers][];
        alpha = new float[hidden][];
        beta = new float[hidden][];
        gradB = new float[layers][];
        gradAlpha = new float[hidden][];
        gradBeta = new float[hidden][];
        long at = 0;
        for (int l = 0; l < layers; l++) {
            offsets[l] = at;
            int in = widths[l];
            int out = widths[l + 1];
            at += (long) in * out + (l < hidden ? 3L * out : out);
            bias[l] = new float[out];
            gradB[l] = new float[out];
            if (l < hidden) {
                alpha[l] = new float[out];
                beta[l] = new float[out];
                gradAlpha[l] = new float[out];
                gradBeta[l] = new float[out];
            }
        }
        offsets[layers] = at;
        sse = new float[widths[widths.length - 1]];
    }

    /** The lean trainer for {@code network}, or empty where it does not apply (DL4J's fit then trains it). */
    public static Optional<FusedTrainer> of(MultiLayerNetwork network) {
        Layer[] layers = network.getLayers();
        if (layers.length < 2 || network.params().dataType() != DataType.FLOAT || !network.getListeners().isEmpty()
                || !network.getLayerWiseConfigurations().getConf(0).isMiniBatch()) {
            return Optional.empty();
        }
        int[] widths = new int[layers.length + 1];
        Adam adam = null;
        for (int l = 0; l < layers.length; l++) {
            Layer layer = layers[l];
            boolean last = l == layers.length - 1;
            if (last ? !(layer instanceof GemmOutputLayer) : !(layer instanceof CosmoPowerDenseLayer)) {
                return Optional.empty();
            }
            if (!(layer.conf().getLayer() instanceof BaseLayer conf) || conf.getIDropout() != null || conf.getWeightNoise() != null
                    || !conf.getRegularization().isEmpty() || !conf.getRegularizationBias().isEmpty()
                    || (conf.getGradientNormalization() != null && conf.getGradientNormalization() != GradientNormalization.None)
                    || !(conf.getIUpdater() instanceof Adam a) || (adam != null && !sameAdam(adam, a))) {
                return Optional.empty();
            }
            adam = a;
            org.deeplearning4j.nn.conf.layers.FeedForwardLayer ff = (org.deeplearning4j.nn.conf.layers.FeedForwardLayer) conf;
            if (l > 0 && ff.getNIn() != widths[l]) {
                return Optional.empty();
            }
            widths[l] = (int) ff.getNIn();
            widths[l + 1] = (int) ff.getNOut();
        }
        if (!(network.getUpdater() instanceof BaseMultiLayerUpdater<?> updater) || updater.getUpdaterBlocks().size() != 1
                || updater.getStateViewArray() == null || updater.getStateViewArray().length() != 2 * network.numParams()) {
            return Optional.empty();
        }
        return Optional.of(new FusedTrainer(network, widths));
    }

    private static boolean sameAdam(Adam a, Adam b) {
        return a.getLearningRate() == b.getLearningRate() && a.getLearningRateSchedule() == b.getLearningRateSchedule()
                && a.getBeta1() == b.getBeta1() && a.getBeta2() == b.getBeta2()
                && a.getEpsilon() == b.getEpsilon();
    }

    /** Which element-wise kernels run (Vector API or scalar; the same bits either way). */
    public static String kernelName() {
        return KERNELS.name();
    }

    /**
     * One Adam step on rows [start, end) of x and y (row-major float arrays, not views), as
     * {@code network.fit(x[start:end], y[start:end])} does; returns the minibatch score (MSE, as network.score()).
     */
    public double fit(INDArray x, INDArray y, int start, int end) {
        check(x, widths[0]);
        check(y, widths[widths.length - 1]);
        int n = end - start;
        ensureCapacity(n);
        INDArray params = network.params();
        INDArray grads = network.getFlattenedGradients();
        INDArray state = network.getUpdater().getStateViewArray();
        check(params, -1);
        check(grads, -1);
        check(state, -1);
        ByteBuffer p = buffer(params);
        ByteBuffer g = buffer(grads);
        FloatPointer pp = pointer(params);
        FloatPointer gp = pointer(grads);
        int layers = hidden + 1;
        for (int l = 0; l < layers; l++) {
            int out = widths[l + 1];
            int b = (int) (offsets[l] + (long) widths[l] * out);
            read(p, b, bias[l]);
            if (l < hidden) {
                read(p, b + out, alpha[l]);
                read(p, b + 2 * out, beta[l]);
            }
        }

        // forward: z = a W (W stored 'f' [in, out] is row-major W^T [out, in]), then the activation pass
        FloatPointer a = pointer(x).position((long) start * widths[0]);
        for (int l = 0; l < layers; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            INDArray product = l < hidden ? z[l] : act[l];
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans, openblas_nolapack.CblasTrans,
                    n, out, in, 1f, a, in, weights(pp, l), in, 0f, pointer(product), out);
            if (l < hidden) {
                ByteBuffer zb = buffer(z[l]);
                ByteBuffer sb = buffer(s[l]);
                ByteBuffer yb = buffer(act[l]);
                float[] bl = bias[l];
                float[] al = alpha[l];
                float[] be = beta[l];
                split(n, out, (j0, j1) -> KERNELS.forward(zb, sb, yb, n, out, j0, j1, bl, al, be));
                a = pointer(act[l]);
            }
        }

        // output layer: dL/dz = 2 (z + b - y) / nOut (DL4J's LossMSE), column sums for db and the score
        int nOut = widths[layers];
        java.util.Arrays.fill(sse, 0f);
        java.util.Arrays.fill(gradB[hidden], 0f);
        ByteBuffer outb = buffer(act[hidden]);
        ByteBuffer labels = buffer(y);
        split(n, nOut, (j0, j1) -> KERNELS.outputDelta(outb, labels, start * nOut, n, nOut, j0, j1, bias[hidden], (float) (2.0 / nOut),
                sse, gradB[hidden]));
        double sum = 0;
        for (float v : sse) {
            sum += v;
        }
        double score = sum / nOut / n;

        // backprop: dW = a^T dz into W's 'f' gradient (row-major [out, in] = dz^T a), dL/da = dz W^T
        for (int l = layers - 1; l >= 0; l--) {
            int in = widths[l];
            int out = widths[l + 1];
            INDArray dz = l < hidden ? z[l] : act[l];
            if (l < hidden) {
                java.util.Arrays.fill(gradB[l], 0f);
                java.util.Arrays.fill(gradAlpha[l], 0f);
                java.util.Arrays.fill(gradBeta[l], 0f);
                ByteBuffer eb = buffer(eps[l]);
                ByteBuffer zb = buffer(z[l]);
                ByteBuffer sb = buffer(s[l]);
                int layer = l;
                split(n, out, (j0, j1) -> KERNELS.backward(eb, zb, sb, n, out, j0, j1, alpha[layer], beta[layer], gradB[layer],
                        gradAlpha[layer], gradBeta[layer]));
                dz = eps[l];
            }
            FloatPointer input = l == 0 ? pointer(x).position((long) start * in) : pointer(act[l - 1]);
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasTrans, openblas_nolapack.CblasNoTrans,
                    out, in, n, 1f, pointer(dz), out, input, in, 0f, weights(gp, l), in);
            if (l > 0) {
                openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans, openblas_nolapack.CblasNoTrans,
                        n, in, out, 1f, pointer(dz), out, weights(pp, l), in, 0f, pointer(eps[l - 1]), in);
            }
            int b = (int) (offsets[l] + (long) in * out);
            write(g, b, gradB[l]);
            if (l < hidden) {
                float[] ga = gradAlpha[l];
                for (int j = 0; j < out; j++) {
                    ga[j] *= 1f - beta[l][j]; // dL/dalpha = (1 - beta) sum e z^2 s (1 - s)
                }
                write(g, b + out, ga);
                write(g, b + 2 * out, gradBeta[l]);
            }
        }

        // Adam over the flattened arrays; DL4J's updater state is [m | v] for its single block. The config is read each
        // step: setLearningRate changes it (all layers share one Adam, checked when this trainer was made).
        Adam adam = (Adam) ((BaseLayer) network.getLayer(0).conf().getLayer()).getIUpdater();
        int iteration = network.getIterationCount();
        int epoch = network.getEpochCount();
        int length = (int) offsets[layers];
        ByteBuffer st = buffer(state);
        float step = epsilonT(adam.getLearningRate(iteration, epoch), adam.getBeta1(), adam.getBeta2(), adam.getEpsilon(), iteration);
        float b1 = (float) adam.getBeta1();
        float b2 = (float) adam.getBeta2();
        float epsilon = (float) adam.getEpsilon();
        split(1, length, (from, to) -> KERNELS.adam(g, st, 0, st, length, p, from, to, n, b1, b2, epsilon, step));
        network.setIterationCount(iteration + 1);
        network.setScore(score);
        return score;
    }

    /** libnd4j's step size lr sqrt(1 - beta2^t) / (1 - beta1^t), t = iteration + 1, with its float/double conversions. */
    static float epsilonT(double lr, double beta1, double beta2, double epsilon, int iteration) {
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float t = iteration + 1;
        float beta1T = (float) Math.pow(b1, t);
        float beta2T = (float) Math.pow(b2, t);
        float e = (float) ((float) lr * (float) Math.sqrt((float) (1. - beta2T)) / (1.0 - beta1T));
        return Float.isNaN(e) || e == 0 || Float.isInfinite(e) ? (float) epsilon : e;
    }

    /**
     * Runs {@code work} on column ranges [j0, j1) of an [n, m] array, on up to {@link #THREADS} threads for large arrays.
     * Every element is computed on its own and column sums run down the rows of one column in one thread, so the split
     * never changes a bit; ranges start at multiples of 16 floats (whole vectors, 64-byte lines).
     */
    private static void split(int n, int m, java.util.function.BiConsumer<Integer, Integer> work) {
        int parts = (long) n * m < PARALLEL_ELEMENTS ? 1 : Math.min(THREADS, m / 16);
        if (parts <= 1) {
            work.accept(0, m);
            return;
        }
        java.util.stream.IntStream.range(0, parts).parallel().forEach(p -> {
            int j0 = p == 0 ? 0 : (int) ((long) m * p / parts) / 16 * 16;
            int j1 = p == parts - 1 ? m : (int) ((long) m * (p + 1) / parts) / 16 * 16;
            work.accept(j0, j1);
        });
    }

    private FloatPointer weights(FloatPointer base, int layer) {
        return new FloatPointer(base).position(offsets[layer]);
    }

    private void ensureCapacity(int n) {
        if (n <= capacity) {
            return;
        }
        int layers = hidden + 1;
        z = new INDArray[hidden];
        s = new INDArray[hidden];
        eps = new INDArray[hidden];
        act = new INDArray[layers];
        try (var ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            for (int l = 0; l < layers; l++) {
                long[] shape = {n, widths[l + 1]};
                act[l] = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
                if (l < hidden) {
                    z[l] = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
                    s[l] = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
                    eps[l] = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
                }
            }
        }
        capacity = n;
    }

    private static void check(INDArray a, int columns) {
        boolean layout = columns >= 0 ? a.ordering() == 'c' && a.rank() == 2 && a.size(1) == columns
                : a.isVector() && a.elementWiseStride() == 1; // a flattened [1, N] array, either order
        if (a.dataType() != DataType.FLOAT || a.isView() || a.offset() != 0 || !layout) {
            throw new IllegalArgumentException("FusedTrainer needs contiguous row-major float arrays"
                    + (columns >= 0 ? " of " + columns + " columns" : "") + ", got " + a.shapeInfoToString().replace('\n', ' '));
        }
    }

    private static ByteBuffer buffer(INDArray a) {
        return a.data().asNio().order(ByteOrder.nativeOrder());
    }

    private static FloatPointer pointer(INDArray a) {
        return new FloatPointer(a.data().addressPointer());
    }

    private static void read(ByteBuffer b, int at, float[] into) {
        for (int j = 0; j < into.length; j++) {
            into[j] = b.getFloat((at + j) * Float.BYTES);
        }
    }

    private static void write(ByteBuffer b, int at, float[] from) {
        for (int j = 0; j < from.length; j++) {
            b.putFloat((at + j) * Float.BYTES, from[j]);
        }
    }

    private static int threads() {
        int cores = Runtime.getRuntime().availableProcessors();
        Integer set = Integer.getInteger("emuflow.trainPassThreads");
        if (set != null) {
            return Math.max(1, set);
        }
        try {
            String omp = System.getenv("OMP_NUM_THREADS");
            return omp == null || omp.isBlank() ? cores : Math.max(1, Math.min(cores, Integer.parseInt(omp.trim())));
        } catch (NumberFormatException e) {
            return cores;
        }
    }

    private static TrainKernels pickKernels() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                if (VectorTrainKernels.supported()) {
                    return new VectorTrainKernels();
                }
            } catch (LinkageError e) {
                // the module is there but this CPU or JVM cannot use it
            }
        }
        return new TrainKernels.Scalar();
    }

    /** For tests: the kernels to compare. */
    static List<TrainKernels> allKernels() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() && VectorTrainKernels.supported()
                ? List.of(new TrainKernels.Scalar(), new VectorTrainKernels()) : List.of(new TrainKernels.Scalar());
    }
}
