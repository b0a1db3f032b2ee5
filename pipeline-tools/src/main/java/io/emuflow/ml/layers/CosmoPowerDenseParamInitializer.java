package io.emuflow.ml.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Parameters of {@link CosmoPowerDense}, in one flattened view: W [nIn, nOut] in 'f' order, then b, alpha and beta
 * (row vectors [1, nOut]). This is the order, layout and random-number use of a DL4J DenseLayer (W from the
 * layer's weight init, b from its bias init) followed by {@link CosmoPowerParamInitializer} (alpha, beta from
 * N(0, 1)), so that a fused and a stock network built with the same seed start from the same numbers and can
 * exchange their flattened parameters.
 */
public final class CosmoPowerDenseParamInitializer implements ParamInitializer {
    public static final String WEIGHT = "W";
    public static final String BIAS = "b";
    public static final String ALPHA = CosmoPowerParamInitializer.ALPHA;
    public static final String BETA = CosmoPowerParamInitializer.BETA;
    static final CosmoPowerDenseParamInitializer INSTANCE = new CosmoPowerDenseParamInitializer();

    private CosmoPowerDenseParamInitializer() {}

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        FeedForwardLayer f = (FeedForwardLayer) layer;
        return f.getNIn() * f.getNOut() + 3 * f.getNOut();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(WEIGHT, BIAS, ALPHA, BETA);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(WEIGHT, ALPHA, BETA);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(BIAS);
    }

    /** W, alpha and beta take weight decay as in the stock layers (where alpha and beta are the activation layer's weights). */
    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHT.equals(key) || ALPHA.equals(key) || BETA.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        FeedForwardLayer layer = (FeedForwardLayer) conf.getLayer();
        long nIn = layer.getNIn();
        long nOut = layer.getNOut();
        if (paramsView.length() != numParams(layer)) {
            throw new IllegalStateException("CosmoPowerDense expects " + numParams(layer) + " parameters, got " + paramsView.length());
        }
        Map<String, INDArray> params = split(paramsView, nIn, nOut);
        if (initializeParams) {
            INDArray flat = paramsView.reshape(paramsView.length());
            IWeightInit init = layer.getWeightInitFn();
            params.put(WEIGHT, init.init(nIn, nOut, new long[] {nIn, nOut}, IWeightInit.DEFAULT_WEIGHT_INIT_ORDER,
                    flat.get(NDArrayIndex.interval(0, nIn * nOut))));
            params.get(BIAS).assign(layer.getBiasInit());
            params.get(ALPHA).assign(Nd4j.randn(paramsView.dataType(), 1, nOut));
            params.get(BETA).assign(Nd4j.randn(paramsView.dataType(), 1, nOut));
        }
        for (String key : params.keySet()) {
            conf.addVariable(key);
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        FeedForwardLayer layer = (FeedForwardLayer) conf.getLayer();
        return split(gradientView, layer.getNIn(), layer.getNOut());
    }

    /** Views into the flattened array (never copies: the optimiser updates the flattened array in place). */
    private static Map<String, INDArray> split(INDArray view, long nIn, long nOut) {
        INDArray flat = view.reshape(view.length());
        long w = nIn * nOut;
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put(WEIGHT, flat.get(NDArrayIndex.interval(0, w)).reshape('f', nIn, nOut));
        out.put(BIAS, flat.get(NDArrayIndex.interval(w, w + nOut)).reshape(1, nOut));
        out.put(ALPHA, flat.get(NDArrayIndex.interval(w + nOut, w + 2 * nOut)).reshape(1, nOut));
        out.put(BETA, flat.get(NDArrayIndex.interval(w + 2 * nOut, w + 3 * nOut)).reshape(1, nOut));
        return out;
    }
}
