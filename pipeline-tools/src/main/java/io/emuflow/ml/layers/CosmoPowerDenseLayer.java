package io.emuflow.ml.layers;

import static io.emuflow.ml.layers.CosmoPowerDenseParamInitializer.ALPHA;
import static io.emuflow.ml.layers.CosmoPowerDenseParamInitializer.BETA;
import static io.emuflow.ml.layers.CosmoPowerDenseParamInitializer.BIAS;
import static io.emuflow.ml.layers.CosmoPowerDenseParamInitializer.WEIGHT;

import java.util.Arrays;
import java.util.Optional;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A dense layer fused with the CosmoPower activation ({@link CosmoPowerDense}). With s = sigmoid(alpha z) and
 * the gate g = beta + (1 - beta) s, the output is y = g z, z = x W + b, and for dL/dy = e:
 * <pre>
 *   dL/dz     = e (g + (1 - beta) alpha z s (1 - s))
 *   dL/dalpha = (1 - beta) sum_rows e z^2 s (1 - s)
 *   dL/dbeta  = sum_rows e z (1 - s)
 *   dL/dW = x^T dL/dz,   dL/db = sum_rows dL/dz,   dL/dx = dL/dz W^T
 * </pre>
 * The forward pass of training keeps z, s and g (in DL4J's activations workspace, which lives until backprop is
 * done), so backprop needs no second product x W. Matrix products go straight to {@code Nd4j.gemm} into arrays
 * from the workspace manager; column sums are x^T ones (a GEMV, cheaper than ND4J's reduction along dimension 0
 * or ones^T x). Row broadcasts take 1-d vectors (ND4J's 2-d row path in addiRowVector is slower).
 */
public class CosmoPowerDenseLayer extends BaseLayer<CosmoPowerDense> {
    /** The one-pass inference path, when this JVM can run it (tests switch it off to compare with ND4J's ops). */
    private static volatile Optional<GatePass> gatePass = GatePass.best();

    /** Intermediates of the last training forward pass (null otherwise). */
    private INDArray z;
    private INDArray s;
    private INDArray gate;
    /** Memory order of the activations and scratch arrays ('f' measured slower: broadcasts along rows get strided). */
    static final char ORDER = 'c';

    public CosmoPowerDenseLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        checkSupported();
        applyDropOutIfNecessary(training, mgr);
        INDArray x = input.castTo(dataType);
        INDArray w = getParam(WEIGHT);
        if (x.rank() != 2 || x.size(1) != w.size(0)) {
            throw new DL4JInvalidInputException("CosmoPowerDense " + layerId() + " expects [n, " + w.size(0) + "] inputs, got "
                    + Arrays.toString(x.shape()));
        }
        long[] shape = {x.size(0), w.size(1)};
        INDArray zz = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, shape, ORDER);
        Nd4j.gemm(x, w, zz, false, false, 1.0, 0.0);
        if (!training && gatePass.isPresent() && GatePass.accepts(zz)) {
            // bias and gate in one pass over the product (the ND4J path below streams it five times)
            gatePass.get().apply(zz.data().asNio(), (int) shape[0], (int) shape[1], floats(BIAS), floats(ALPHA), floats(BETA));
            return zz;
        }
        rowAdd(zz, vector(BIAS), zz);
        INDArray beta = vector(BETA);
        INDArray oneMinusBeta = mgr.createUninitialized(ArrayType.FF_WORKING_MEM, dataType, beta.shape(), 'c');
        beta.rsub(1.0, oneMinusBeta);
        // s = sigmoid(alpha z): kept for backprop when training, scratch otherwise
        INDArray ss = mgr.createUninitialized(training ? ArrayType.ACTIVATIONS : ArrayType.FF_WORKING_MEM, dataType, shape, ORDER);
        rowMul(zz, vector(ALPHA), ss);
        Transforms.sigmoid(ss, false);
        if (!training) {
            // gate in s's buffer, output in z's: nothing is kept
            rowMul(ss, oneMinusBeta, ss);
            rowAdd(ss, beta, ss);
            return zz.muli(ss);
        }
        INDArray g = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, shape, ORDER);
        rowMul(ss, oneMinusBeta, g);
        rowAdd(g, beta, g);
        INDArray y = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, shape, ORDER);
        zz.mul(g, y);
        z = zz;
        s = ss;
        gate = g;
        return y;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        if (z == null) {
            activate(true, mgr); // DL4J always runs a training forward pass first; this covers any other caller
        }
        INDArray x = input.castTo(dataType);
        INDArray e = epsilon.castTo(dataType);
        INDArray w = getParam(WEIGHT);
        INDArray alpha = vector(ALPHA);
        INDArray beta = vector(BETA);
        long[] shape = z.shape();
        long n = shape[0];
        INDArray t1 = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, shape, ORDER);
        INDArray t2 = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, shape, ORDER);
        INDArray c = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, beta.shape(), 'c');
        beta.rsub(1.0, c);
        INDArray ones = onesColumn(n);

        INDArray dW = gradientViews.get(WEIGHT);
        INDArray db = gradientColumn(BIAS);
        INDArray dAlpha = gradientColumn(ALPHA);
        INDArray dBeta = gradientColumn(BETA);

        s.rsub(1.0, t1);                                   // 1 - s
        e.mul(z, t2);                                      // e z
        t1.muli(t2);                                       // e z (1 - s)
        columnSums(t1, ones, dBeta);                       // dL/dbeta
        t1.muli(s);                                        // e z s (1 - s)
        t1.mul(z, t2);                                     // e z^2 s (1 - s)
        columnSums(t2, ones, dAlpha);
        views.vector(gradientViews.get(ALPHA)).muli(c);    // dL/dalpha
        c.muli(alpha);                                     // (1 - beta) alpha
        e.mul(gate, t2);                                   // e g
        rowMul(t1, c, t1);
        INDArray dz = t2.addi(t1);                         // dL/dz
        columnSums(dz, ones, db);
        Nd4j.gemm(x, dz, dW, true, false, 1.0, 0.0);
        INDArray epsOut = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, new long[] {n, w.size(0)}, ORDER);
        Nd4j.gemm(dz, w, epsOut, false, true, 1.0, 0.0);

        z = null;
        s = null;
        gate = null;
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(WEIGHT, dW, 'f');
        gradient.setGradientFor(BIAS, gradientViews.get(BIAS));
        gradient.setGradientFor(ALPHA, gradientViews.get(ALPHA));
        gradient.setGradientFor(BETA, gradientViews.get(BETA));
        return new Pair<>(gradient, backpropDropOutIfPresent(epsOut));
    }

    @Override
    public void clear() {
        super.clear();
        z = null;
        s = null;
        gate = null;
    }

    private void checkSupported() {
        if (maskArray != null) {
            throw new UnsupportedOperationException("CosmoPowerDense does not support masks " + layerId());
        }
        if (layerConf().getWeightNoise() != null) {
            throw new UnsupportedOperationException("CosmoPowerDense does not support weight noise " + layerId());
        }
    }

    /*
     * Every array handed to a native op below is held by a field or a workspace, never a temporary view: ND4J frees
     * a view's native buffer when the Java object is collected, which can happen while the op still runs
     * (a SIGSEGV in execBroadcast seen with per-call reshape() views under many single-row predictions).
     */

    /** out = x * v, the vector v [m] broadcast over the rows of x [n, m]. */
    static void rowMul(INDArray x, INDArray v, INDArray out) {
        Nd4j.getExecutioner().exec(new BroadcastMulOp(x, v, out, 1));
    }

    /** out = x + v, the vector v [m] broadcast over the rows of x [n, m]. */
    static void rowAdd(INDArray x, INDArray v, INDArray out) {
        Nd4j.getExecutioner().exec(new BroadcastAddOp(x, v, out, 1));
    }

    /** Column sums of x [n, m] into the column sums [m, 1], as x^T ones (a matrix-vector product). */
    static void columnSums(INDArray x, INDArray ones, INDArray sums) {
        Nd4j.gemm(x, ones, sums, true, false, 1.0, 0.0);
    }

    /** Uses {@code pass} for inference from now on (empty: ND4J's element-wise ops); returns the previous choice. */
    static Optional<GatePass> useGatePass(Optional<GatePass> pass) {
        Optional<GatePass> previous = gatePass;
        gatePass = pass;
        return previous;
    }

    /** The gate pass used for inference, if any (reported by bench-ml). */
    public static Optional<String> gatePassName() {
        return gatePass.map(GatePass::name);
    }

    /** A parameter as a float array (the gate pass reads plain arrays). */
    private float[] floats(String key) {
        return getParam(key).toFloatVector();
    }

    /** A parameter as a 1-d view (cached while the parameter array stays the same object). */
    private INDArray vector(String key) {
        return views.vector(getParam(key));
    }

    /** A gradient row vector as an [m, 1] column view (cached likewise). */
    private INDArray gradientColumn(String key) {
        return views.column(gradientViews.get(key));
    }

    private INDArray onesColumn(long n) {
        return views.ones(n, dataType);
    }

    private final Views views = new Views();

    /** Views and constants reused across calls (see the note above). */
    static final class Views {
        private final java.util.Map<INDArray, INDArray> vectors = new java.util.IdentityHashMap<>();
        private final java.util.Map<INDArray, INDArray> columns = new java.util.IdentityHashMap<>();
        private INDArray ones;
        private INDArray onesView;

        INDArray vector(INDArray a) {
            if (vectors.size() > 16) {
                vectors.clear();
            }
            return vectors.computeIfAbsent(a, k -> k.reshape(k.length()));
        }

        INDArray column(INDArray a) {
            if (columns.size() > 16) {
                columns.clear();
            }
            return columns.computeIfAbsent(a, k -> k.reshape(k.length(), 1));
        }

        /** A column of n ones, outside any workspace. */
        INDArray ones(long n, DataType type) {
            if (ones == null || ones.length() < n || ones.dataType() != type) {
                try (var ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    ones = Nd4j.ones(type, n, 1);
                }
                onesView = ones;
            }
            if (onesView.length() != n) {
                onesView = ones.get(NDArrayIndex.interval(0, n), NDArrayIndex.interval(0, 0, true));
            }
            return onesView;
        }
    }
}
