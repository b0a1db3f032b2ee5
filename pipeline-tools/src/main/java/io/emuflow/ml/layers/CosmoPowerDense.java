package io.emuflow.ml.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of a dense layer fused with the CosmoPower activation (Spurio Mancini et al. 2022, MNRAS 511, 1771,
 * eq. 7): y = f(x W + b), f(z) = (beta + sigmoid(alpha z) (1 - beta)) z, alpha and beta trainable per unit. Same
 * function and same parameters, in the same flattened order (W in 'f' order, b, alpha, beta), as a linear
 * {@code DenseLayer} followed by {@link CosmoPowerActivationLayer}; faster to train because the implementation
 * ({@link CosmoPowerDenseLayer}) calls GEMM directly, keeps the forward pass's intermediates for backprop and
 * writes the gradients by hand.
 *
 * <p>Dropout on the input is applied as DL4J's DenseLayer applies it. Weight noise and masks are not supported.
 */
public class CosmoPowerDense extends FeedForwardLayer {

    /** For JSON deserialisation. */
    public CosmoPowerDense() {
        super(new Builder());
    }

    private CosmoPowerDense(Builder builder) {
        super(builder);
    }

    public CosmoPowerDense(long nIn, long nOut) {
        super(new Builder().nIn(nIn).nOut(nOut));
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
            int layerIndex, INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new CosmoPowerDenseLayer(conf, networkDataType), conf, listeners, layerIndex, paramsView, initializeParams,
                initializer());
    }

    @Override
    public ParamInitializer initializer() {
        return CosmoPowerDenseParamInitializer.INSTANCE;
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType out = getOutputType(-1, inputType);
        long params = initializer().numParams(this);
        // kept for backprop: z, sigmoid(alpha z), the gate and the output, per example
        return new LayerMemoryReport.Builder(getLayerName(), CosmoPowerDense.class, inputType, out)
                .standardMemory(params, getIUpdater() == null ? 0 : getIUpdater().stateSize(params))
                .workingMemory(0, 4 * getNOut(), 0, 2 * getNOut())
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    public static final class Builder extends FeedForwardLayer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public CosmoPowerDense build() {
            return new CosmoPowerDense(this);
        }
    }
}
