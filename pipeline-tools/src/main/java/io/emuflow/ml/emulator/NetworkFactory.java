package io.emuflow.ml.emulator;

import io.emuflow.ml.layers.CosmoPowerActivationLayer;
import io.emuflow.ml.layers.CosmoPowerDense;
import io.emuflow.ml.layers.GemmOutput;
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
 * Builds the DL4J network of a model: dense layers, then a linear output layer trained on the mean squared error.
 *
 * <p>Two implementations of the same network (same parameters in the same flattened order, same initial values
 * for a seed, so bundles of either kind hold interchangeable params.bin files):
 * <ul>
 * <li>{@link Layers#FAST} (the default): the CosmoPower activation fused into its dense layer
 *     ({@link CosmoPowerDense}) and a GEMM output layer ({@link GemmOutput}), for the other activations the GEMM
 *     output layer only; about 1.6x less CPU per epoch than the stock layers (docs/benchmarks.md);</li>
 * <li>{@link Layers#STOCK}: DL4J's DenseLayer, the CosmoPower activation as its own layer after a linear
 *     DenseLayer ({@link CosmoPowerActivationLayer}), and DL4J's OutputLayer (what bundles before the fused layers
 *     contain; kept for comparison in bench-ml).</li>
 * </ul>
 */
final class NetworkFactory {
    /** Which layer implementations to use. */
    enum Layers { FAST, STOCK }

    private NetworkFactory() {}

    static MultiLayerNetwork build(ModelSettings settings, int inputs, int outputs, long seed) {
        return build(settings, inputs, outputs, seed, Layers.FAST);
    }

    static MultiLayerNetwork build(ModelSettings settings, int inputs, int outputs, long seed, Layers layers) {
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
        boolean cosmopower = activation == ModelSettings.Activation.COSMOPOWER;
        for (int width : settings.hiddenLayers()) {
            if (cosmopower && layers == Layers.FAST) {
                // the fused layer applies input dropout as DenseLayer does, and weight decay (an updater step) alike
                CosmoPowerDense.Builder fused = new CosmoPowerDense.Builder().nIn(in).nOut(width);
                if (!first && settings.dropout() > 0) {
                    fused.dropOut(new Dropout(1.0 - settings.dropout()));
                }
                list.layer(fused.build());
                in = width;
                first = false;
                continue;
            }
            DenseLayer.Builder dense = new DenseLayer.Builder().nIn(in).nOut(width)
                    .activation(activation == ModelSettings.Activation.COSMOPOWER ? Activation.IDENTITY : dl4j(activation));
            if (!first && settings.dropout() > 0) {
                dense.dropOut(new Dropout(1.0 - settings.dropout())); // DL4J takes the retain probability
            }
            list.layer(dense.build());
            if (cosmopower) {
                list.layer(new CosmoPowerActivationLayer(width));
            }
            in = width;
            first = false;
        }
        if (layers == Layers.FAST && settings.dropout() == 0) {
            // GemmOutput has no dropout: with dropout the stock OutputLayer stays
            list.layer(new GemmOutput.Builder().nIn(in).nOut(outputs).build());
        } else {
            OutputLayer.Builder output = new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                    .nIn(in).nOut(outputs).activation(Activation.IDENTITY);
            if (settings.dropout() > 0) {
                output.dropOut(new Dropout(1.0 - settings.dropout()));
            }
            list.layer(output.build());
        }
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
