package io.emuflow.ml.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Parameters of {@link CosmoPowerActivationLayer}: alpha then beta, one of each per unit, both row vectors.
 * Initialised from N(0, 1) as in CosmoPower's reference implementation.
 */
public final class CosmoPowerParamInitializer implements ParamInitializer {
    public static final String ALPHA = "alpha";
    public static final String BETA = "beta";
    static final CosmoPowerParamInitializer INSTANCE = new CosmoPowerParamInitializer();

    private CosmoPowerParamInitializer() {}

    private static long units(Layer layer) {
        return ((CosmoPowerActivationLayer) layer).getUnits();
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return 2 * units(layer);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(ALPHA, BETA);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(ALPHA, BETA);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return ALPHA.equals(key) || BETA.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        long n = units(conf.getLayer());
        if (paramsView.length() != 2 * n) {
            throw new IllegalStateException("CosmoPower layer expects " + 2 * n + " parameters, got " + paramsView.length());
        }
        Map<String, INDArray> params = split(paramsView, n);
        if (initializeParams) {
            params.get(ALPHA).assign(Nd4j.randn(paramsView.dataType(), 1, n));
            params.get(BETA).assign(Nd4j.randn(paramsView.dataType(), 1, n));
        }
        conf.addVariable(ALPHA);
        conf.addVariable(BETA);
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return split(gradientView, units(conf.getLayer()));
    }

    private static Map<String, INDArray> split(INDArray view, long n) {
        INDArray row = view.reshape(1, 2 * n);
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put(ALPHA, row.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(0, n)));
        out.put(BETA, row.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(n, 2 * n)));
        return out;
    }
}
