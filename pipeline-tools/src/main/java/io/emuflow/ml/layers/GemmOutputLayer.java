package io.emuflow.ml.layers;

import java.util.Arrays;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseOutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * {@link GemmOutput}: z = x W + b by one GEMM, and for DL4J's mean squared error (per example the mean over the
 * nOut outputs of (z - y)^2, summed over the minibatch and divided by its size in the score and in the updater)
 * dL/dz = 2 (z - y) / nOut. Backprop keeps the sum of squared errors, so the score DL4J asks for right after
 * backprop needs no second forward product.
 */
public class GemmOutputLayer extends BaseOutputLayer<GemmOutput> {
    private static final String WEIGHT = DefaultParamInitializer.WEIGHT_KEY;
    private static final String BIAS = DefaultParamInitializer.BIAS_KEY;
    /** Sum of squared errors of the last backprop, and the input and labels it was for (compared by identity). */
    private double sse = Double.NaN;
    private INDArray sseInput;
    private INDArray sseLabels;

    public GemmOutputLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected INDArray preOutput(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        checkSupported();
        INDArray x = input.castTo(dataType);
        INDArray w = getParam(WEIGHT);
        if (x.rank() != 2 || x.size(1) != w.size(0)) {
            throw new DL4JInvalidInputException("GemmOutput " + layerId() + " expects [n, " + w.size(0) + "] inputs, got "
                    + Arrays.toString(x.shape()));
        }
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {x.size(0), w.size(1)},
                CosmoPowerDenseLayer.ORDER);
        Nd4j.gemm(x, w, out, false, false, 1.0, 0.0);
        CosmoPowerDenseLayer.rowAdd(out, views.vector(getParam(BIAS)), out);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        INDArray x = input.castTo(dataType);
        INDArray w = getParam(WEIGHT);
        INDArray delta = preOutput(true, mgr);
        delta.subi(getLabels2d(mgr, ArrayType.BP_WORKING_MEM).castTo(dataType));
        double norm = delta.norm2Number().doubleValue();
        sse = norm * norm;
        sseInput = input;
        sseLabels = labels;
        delta.muli(2.0 / w.size(1));
        long n = delta.size(0);
        INDArray dW = gradientViews.get(WEIGHT);
        INDArray db = gradientViews.get(BIAS);
        Nd4j.gemm(x, delta, dW, true, false, 1.0, 0.0);
        CosmoPowerDenseLayer.columnSums(delta, views.ones(n, dataType), views.column(db));
        INDArray epsOut = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, new long[] {n, w.size(0)},
                CosmoPowerDenseLayer.ORDER);
        Nd4j.gemm(delta, w, epsOut, false, true, 1.0, 0.0);
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(WEIGHT, dW, 'f');
        gradient.setGradientFor(BIAS, db);
        return new Pair<>(gradient, epsOut);
    }

    /** The score right after backprop (same input and labels) comes from the kept sum of squares. */
    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr mgr) {
        if (training && input == sseInput && labels == sseLabels && !Double.isNaN(sse)) {
            double score = sse / getParam(WEIGHT).size(1);
            if (conf().isMiniBatch()) {
                score /= getInputMiniBatchSize();
            }
            score += fullNetRegTerm;
            forgetScore();
            this.score = score;
            return score;
        }
        forgetScore();
        return super.computeScore(fullNetRegTerm, training, mgr);
    }

    @Override
    protected INDArray getLabels2d(LayerWorkspaceMgr mgr, ArrayType type) {
        return labels;
    }

    @Override
    public void clear() {
        super.clear();
        forgetScore();
    }

    private void forgetScore() {
        sse = Double.NaN;
        sseInput = null;
        sseLabels = null;
    }

    private void checkSupported() {
        if (maskArray != null || layerConf().getWeightNoise() != null || layerConf().getIDropout() != null) {
            throw new UnsupportedOperationException("GemmOutput supports no masks, weight noise or dropout " + layerId());
        }
        if (!(layerConf().getLossFn() instanceof LossMSE) || !(layerConf().getActivationFn() instanceof ActivationIdentity)) {
            throw new UnsupportedOperationException("GemmOutput is the identity activation with the MSE loss " + layerId());
        }
    }

    private final CosmoPowerDenseLayer.Views views = new CosmoPowerDenseLayer.Views();
}
