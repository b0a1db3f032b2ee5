package io.emuflow.ml.inverse;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds the DL4J graph of an inverse model. One input "spectra": [N, features] for a dense network, or
 * [N, channels, k] (NCW) for a 1D CNN, whose convolutions (same padding) end in a global pooling over k before
 * the dense layers (DL4J M2.1 cannot feed Conv1D output straight into a Dense layer). Outputs: one linear
 * head "params" with one unit per parameter (regression, MSE), or one softmax head "class_i" per parameter
 * (classification, cross-entropy; the graph's loss is their sum).
 */
final class InverseNetworkFactory {
    static final String INPUT = "spectra";

    private InverseNetworkFactory() {}

    static ComputationGraph build(InverseSettings settings, int channels, int length, int parameters, long seed) {
        Activation activation = activation(settings.activation());
        NeuralNetConfiguration.Builder global = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(settings.float64() ? DataType.DOUBLE : DataType.FLOAT)
                .updater(new Adam(settings.learningRate()))
                .weightInit(activation == Activation.RELU || activation == Activation.LEAKYRELU ? WeightInit.RELU : WeightInit.XAVIER);
        if (settings.weightDecay() > 0) {
            global.weightDecay(settings.weightDecay());
        }
        ComputationGraphConfiguration.GraphBuilder graph = global.graphBuilder().addInputs(INPUT);
        String previous = INPUT;
        if (settings.network() == InverseSettings.Network.CNN) {
            graph.setInputTypes(InputType.recurrent(channels, length, RNNFormat.NCW));
            int i = 0;
            for (int filters : settings.convFilters()) {
                String name = "conv" + i++;
                graph.addLayer(name, new Convolution1DLayer.Builder()
                        .kernelSize(settings.kernelSize())
                        .convolutionMode(ConvolutionMode.Same)
                        .rnnDataFormat(RNNFormat.NCW)
                        .nOut(filters)
                        .activation(activation)
                        .build(), previous);
                previous = name;
            }
            graph.addLayer("pool", new GlobalPoolingLayer.Builder(
                    settings.pooling().equals("max") ? PoolingType.MAX : PoolingType.AVG).build(), previous);
            previous = "pool";
        } else {
            graph.setInputTypes(InputType.feedForward((long) channels * length));
        }
        int i = 0;
        for (int width : settings.hiddenLayers()) {
            String name = "dense" + i;
            DenseLayer.Builder dense = new DenseLayer.Builder().nOut(width).activation(activation);
            if (i > 0 && settings.dropout() > 0) {
                dense.dropOut(new Dropout(1.0 - settings.dropout())); // DL4J takes the retain probability
            }
            graph.addLayer(name, dense.build(), previous);
            previous = name;
            i++;
        }
        if (settings.distributional()) {
            // mean and log-variance (and mixture logits) per parameter, trained by their NLL (MixtureHead, GaussianNllLoss)
            MixtureHead head = new MixtureHead(parameters, settings.components(), MixtureHead.VARIANCE_FLOOR);
            graph.addLayer("params", new OutputLayer.Builder(new GaussianNllLoss(parameters, settings.components(), head.varianceFloor()))
                    .nOut(head.width()).activation(Activation.IDENTITY).build(), previous);
            graph.setOutputs("params");
        } else if (settings.task() == InverseSettings.Task.REGRESSION) {
            graph.addLayer("params", new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                    .nOut(parameters).activation(Activation.IDENTITY).build(), previous);
            graph.setOutputs("params");
        } else {
            String[] outputs = new String[parameters];
            for (int p = 0; p < parameters; p++) {
                outputs[p] = "class_" + p;
                graph.addLayer(outputs[p], new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(settings.classes()).activation(Activation.SOFTMAX).build(), previous);
            }
            graph.setOutputs(outputs);
        }
        ComputationGraph network = new ComputationGraph(graph.build());
        network.init();
        return network;
    }

    static Activation activation(String name) {
        return switch (name) {
            case "relu" -> Activation.RELU;
            case "elu" -> Activation.ELU;
            case "tanh" -> Activation.TANH;
            case "gelu" -> Activation.GELU;
            case "leakyrelu" -> Activation.LEAKYRELU;
            case "swish" -> Activation.SWISH;
            default -> throw new IllegalArgumentException("unknown activation '" + name + "'");
        };
    }
}
