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
import io.emuflow.ml.optim.RAdam;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
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
                .updater(updater(settings.optimizer(), settings.schedule().stages().get(0).learningRate()))
                .weightInit(weightInit(activation));
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

    /** The optimiser of the first stage; EmulatorTrainer sets each later stage's rate on it. */
    static IUpdater updater(ModelSettings.Optimizer optimizer, double learningRate) {
        return switch (optimizer) {
            case ADAM -> new Adam(learningRate);
            case RADAM -> new RAdam(learningRate);
        };
    }

    /**
     * He initialisation for the ReLU family; for SELU the LeCun normal one, N(0, 1/fan_in), which keeps the
     * activations self-normalising (Klambauer et al. 2017, NeurIPS, "Self-Normalizing Neural Networks", section 3,
     * "Initialization"); Xavier for the rest.
     */
    static WeightInit weightInit(ModelSettings.Activation activation) {
        return switch (activation) {
            case RELU, LEAKYRELU -> WeightInit.RELU;
            case SELU -> WeightInit.LECUN_NORMAL;
            default -> WeightInit.XAVIER;
        };
    }

    private static Activation dl4j(ModelSettings.Activation activation) {
        return switch (activation) {
            case RELU -> Activation.RELU;
            case SELU -> Activation.SELU;
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
