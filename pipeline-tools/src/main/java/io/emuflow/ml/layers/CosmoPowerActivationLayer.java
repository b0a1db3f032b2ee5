package io.emuflow.ml.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of the CosmoPower activation as its own layer (Spurio Mancini et al. 2022, MNRAS 511, 1771,
 * eq. 7): f(x) = (beta + sigmoid(alpha * x) * (1 - beta)) * x, with alpha and beta trainable per unit. It
 * follows a Dense layer with the identity activation. The forward pass and the gradients are written out
 * by hand ({@link CosmoPowerActivation}), which is much faster than the same function built from SameDiff ops.
 */
public class CosmoPowerActivationLayer extends BaseLayer {
    private long units;

    /** For JSON deserialisation. */
    public CosmoPowerActivationLayer() {
        super(new Builder());
    }

    public CosmoPowerActivationLayer(long units) {
        super(new Builder());
        this.units = units;
    }

    public long getUnits() {
        return units;
    }

    public void setUnits(long units) {
        this.units = units;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
            int layerIndex, INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new CosmoPowerActivation(conf, networkDataType), conf, listeners, layerIndex, paramsView, initializeParams,
                initializer());
    }

    @Override
    public ParamInitializer initializer() {
        return CosmoPowerParamInitializer.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (units == 0 || override) {
            units = ((InputType.InputTypeFeedForward) inputType).getSize();
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long params = 2 * units;
        return new LayerMemoryReport.Builder(getLayerName(), CosmoPowerActivationLayer.class, inputType, inputType)
                .standardMemory(params, getIUpdater() == null ? 0 : getIUpdater().stateSize(params))
                .workingMemory(0, 0, 0, 0)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    /** Only BaseLayer's constructor needs it. */
    private static final class Builder extends FeedForwardLayer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public CosmoPowerActivationLayer build() {
            throw new UnsupportedOperationException("use new CosmoPowerActivationLayer(units)");
        }
    }
}
