package io.emuflow.ml;

import io.emuflow.ml.layers.CosmoPowerActivationLayer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds the DL4J network of a model: dense layers (CosmoPower activation as its own layer after a linear
 * Dense layer, other activations built in), then a linear output layer trained on the mean squared error.
 */
final class NetworkFactory {
    private NetworkFactory() {}

    static MultiLayerNetwork build(ModelSettings settings, int inputs, int outputs, long seed) {
        DataType type = settings.float64() ? DataType.DOUBLE : DataType.FLOAT;
        ModelSettings.Activation activation = settings.activation();
        NeuralNetConfiguration.Builder global = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(type)
                .updater(new Adam(settings.schedule().stages().get(0).learningRate()))
                .weightInit(activation == ModelSettings.Activation.RELU || activation == ModelSettings.Activation.LEAKYRELU
                        ? WeightInit.RELU : WeightInit.XAVIER);
        if (settings.weightDecay() > 0) {
            global.weightDecay(settings.weightDecay());
        }
        NeuralNetConfiguration.ListBuilder list = global.list();
        int in = inputs;
        boolean first = true;
        for (int width : settings.hiddenLayers()) {
            DenseLayer.Builder dense = new DenseLayer.Builder().nIn(in).nOut(width)
                    .activation(activation == ModelSettings.Activation.COSMOPOWER ? Activation.IDENTITY : dl4j(activation));
            if (!first && settings.dropout() > 0) {
                dense.dropOut(new Dropout(1.0 - settings.dropout())); // DL4J takes the retain probability
            }
            list.layer(dense.build());
            if (activation == ModelSettings.Activation.COSMOPOWER) {
                list.layer(new CosmoPowerActivationLayer(width));
            }
            in = width;
            first = false;
        }
        OutputLayer.Builder output = new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                .nIn(in).nOut(outputs).activation(Activation.IDENTITY);
        if (settings.dropout() > 0) {
            output.dropOut(new Dropout(1.0 - settings.dropout()));
        }
        list.layer(output.build());
        MultiLayerConfiguration conf = list.build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }

    private static Activation dl4j(ModelSettings.Activation activation) {
        return switch (activation) {
            case RELU -> Activation.RELU;
            case GELU -> Activation.GELU;
            case TANH -> Activation.TANH;
            case SIGMOID -> Activation.SIGMOID;
            case ELU -> Activation.ELU;
            case SWISH -> Activation.SWISH;
            case LEAKYRELU -> Activation.LEAKYRELU;
            case COSMOPOWER -> throw new IllegalStateException("CosmoPower is a layer, not a built-in activation");
        };
    }
}
