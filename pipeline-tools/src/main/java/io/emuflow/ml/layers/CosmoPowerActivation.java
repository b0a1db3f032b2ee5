package io.emuflow.ml.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The CosmoPower activation f(x) = (beta + s (1 - beta)) x with s = sigmoid(alpha x), per unit j.
 * Derivatives (written out so that backprop is a handful of element-wise passes):
 * <pre>
 *   df/dx     = beta + (1 - beta) (s + alpha x s (1 - s))
 *   df/dalpha = (1 - beta) x^2 s (1 - s)
 *   df/dbeta  = x (1 - s)
 * </pre>
 */
public class CosmoPowerActivation extends BaseLayer<CosmoPowerActivationLayer> {

    public CosmoPowerActivation(NeuralNetConfiguration conf, DataType dataType) {
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
        applyDropOutIfNecessary(training, mgr);
        INDArray x = input.castTo(dataType);
        INDArray alpha = getParam(CosmoPowerParamInitializer.ALPHA);
        INDArray beta = getParam(CosmoPowerParamInitializer.BETA);
        // gate = beta + sigmoid(alpha x) (1 - beta)
        INDArray gate = x.mulRowVector(alpha);
        Transforms.sigmoid(gate, false);
        gate.muliRowVector(beta.rsub(1.0)).addiRowVector(beta);
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, x.shape(), 'c');
        return x.mul(gate, out);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        INDArray x = input.castTo(dataType);
        INDArray alpha = getParam(CosmoPowerParamInitializer.ALPHA);
        INDArray beta = getParam(CosmoPowerParamInitializer.BETA);
        INDArray oneMinusBeta = beta.rsub(1.0);
        INDArray s = x.mulRowVector(alpha);
        Transforms.sigmoid(s, false);
        INDArray oneMinusS = s.rsub(1.0);
        INDArray epsX = epsilon.mul(x);
        // dL/dbeta_j = sum_i eps x (1 - s)
        INDArray dBeta = epsX.mul(oneMinusS).sum(true, 0);
        // q = s (1 - s); dL/dalpha_j = (1 - beta_j) sum_i eps x^2 q
        INDArray q = oneMinusS.muli(s);
        INDArray xq = q.muli(x);
        INDArray dAlpha = epsX.muli(xq).sum(true, 0).muli(oneMinusBeta);
        // dL/dx = eps (beta + (1 - beta)(s + alpha x q))
        INDArray dx = xq.muliRowVector(alpha).addi(s).muliRowVector(oneMinusBeta).addiRowVector(beta);
        INDArray epsOut = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
        epsilon.mul(dx, epsOut);

        INDArray alphaGrad = gradientViews.get(CosmoPowerParamInitializer.ALPHA);
        INDArray betaGrad = gradientViews.get(CosmoPowerParamInitializer.BETA);
        alphaGrad.assign(dAlpha);
        betaGrad.assign(dBeta);
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(CosmoPowerParamInitializer.ALPHA, alphaGrad);
        gradient.setGradientFor(CosmoPowerParamInitializer.BETA, betaGrad);
        return new Pair<>(gradient, backpropDropOutIfPresent(epsOut));
    }
}
