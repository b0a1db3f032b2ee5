package io.emuflow.ml.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A linear output layer trained on the mean squared error (DL4J's OutputLayer with the identity activation and
 * LossMSE: same parameters, same flattened layout, same loss and gradient), implemented by
 * {@link GemmOutputLayer} with direct GEMM calls and a hand-written dL/dz. No dropout, masks or weight noise.
 */
public class GemmOutput extends BaseOutputLayer {

    /** For JSON deserialisation. */
    public GemmOutput() {
        super(new Builder());
    }

    private GemmOutput(Builder builder) {
        super(builder);
    }

    public GemmOutput(long nIn, long nOut) {
        super(new Builder().nIn(nIn).nOut(nOut));
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
            int layerIndex, INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new GemmOutputLayer(conf, networkDataType), conf, listeners, layerIndex, paramsView, initializeParams,
                initializer());
    }

    @Override
    public ParamInitializer initializer() {
        return DefaultParamInitializer.getInstance();
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType out = getOutputType(-1, inputType);
        long params = initializer().numParams(this);
        return new LayerMemoryReport.Builder(getLayerName(), GemmOutput.class, inputType, out)
                .standardMemory(params, getIUpdater() == null ? 0 : getIUpdater().stateSize(params))
                .workingMemory(0, 0, 0, getNOut())
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    public static final class Builder extends BaseOutputLayer.Builder<Builder> {
        public Builder() {
            lossFunction(LossFunctions.LossFunction.MSE);
            activation(Activation.IDENTITY);
        }

        @Override
        @SuppressWarnings("unchecked")
        public GemmOutput build() {
            return new GemmOutput(this);
        }
    }
}
