package io.emuflow.ml.inverse;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.Subsampling3DLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The DL4J graph of a {@code cnn3d} inverse model, by default the reference architecture of Ravanbakhsh et al.
 * 2017 / Pan et al. 2020 (arXiv:1908.10590) as used by CLML: per entry of {@code conv_filters} one block of a
 * Conv3D ({@code kernel_size}^3, valid padding) + batch normalisation + ReLU + 2x2x2 pooling ({@code pooling}: max
 * or avg, stride 2), then flatten, dropout ({@code dropout}, 0.2), the dense layers of {@code hidden_layers}
 * (1024, 256) and a linear output "params" of one unit per parameter (MSE on the standardised parameters).
 *
 * <p>Input "boxes": [N, C, D, D, D] (NCDHW). DL4J M2.1's BatchNormalization knows no 5D input, so each one is
 * fed a [N, F, S*S, S] view of the [N, F, S, S, S] convolution output through a ReshapeVertex (per-channel statistics
 * over N and every cell, as a 3D batch norm) and the result is reshaped back; for the same reason the graph is built
 * without input types, with every layer's nIn given here (a ReshapeVertex to 5D has no DL4J output type).
 */
final class Cnn3dNetworkFactory {
    static final String INPUT = "boxes";

    private Cnn3dNetworkFactory() {}

    static ComputationGraph build(InverseSettings settings, int channels, int dim, int parameters, long seed) {
        int[] sides = sides(settings, dim);
        Activation activation = InverseNetworkFactory.activation(settings.activation());
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
        int in = channels;
        int k = settings.kernelSize();
        boolean batchNorm = settings.boxSettings().batchNorm();
        PoolingType pooling = settings.pooling().equals("max") ? PoolingType.MAX : PoolingType.AVG;
        for (int b = 0; b < settings.convFilters().size(); b++) {
            int filters = settings.convFilters().get(b);
            int side = sides[2 * b]; // after the convolution
            graph.addLayer("conv" + b, new Convolution3D.Builder()
                    .kernelSize(k, k, k).stride(1, 1, 1)
                    .convolutionMode(ConvolutionMode.Truncate)
                    .dataFormat(Convolution3D.DataFormat.NCDHW)
                    .nIn(in).nOut(filters)
                    .activation(batchNorm ? Activation.IDENTITY : activation)
                    .build(), previous);
            previous = "conv" + b;
            if (batchNorm) {
                graph.addVertex("flat" + b, new ReshapeVertex('c', new int[] {-1, filters, side * side, side}, null), previous);
                graph.addLayer("bn" + b, new BatchNormalization.Builder().nIn(filters).nOut(filters)
                        .dataFormat(CNN2DFormat.NCHW).build(), "flat" + b);
                graph.addLayer("act" + b, new ActivationLayer.Builder().activation(activation).build(), "bn" + b);
                graph.addVertex("cube" + b, new ReshapeVertex('c', new int[] {-1, filters, side, side, side}, null), "act" + b);
                previous = "cube" + b;
            }
            graph.addLayer("pool" + b, new Subsampling3DLayer.Builder(pooling)
                    .kernelSize(2, 2, 2).stride(2, 2, 2)
                    .convolutionMode(ConvolutionMode.Truncate)
                    .dataFormat(Convolution3D.DataFormat.NCDHW)
                    .build(), previous);
            previous = "pool" + b;
            in = filters;
        }
        int last = sides[sides.length - 1];
        int flat = in * last * last * last;
        graph.addVertex("flatten", new ReshapeVertex('c', new int[] {-1, flat}, null), previous);
        previous = "flatten";
        int width = flat;
        for (int i = 0; i < settings.hiddenLayers().size(); i++) {
            int out = settings.hiddenLayers().get(i);
            DenseLayer.Builder dense = new DenseLayer.Builder().nIn(width).nOut(out).activation(activation);
            if (i == 0 && settings.dropout() > 0) {
                dense.dropOut(new Dropout(1.0 - settings.dropout())); // on the flattened convolutions; DL4J takes the retain probability
            }
            graph.addLayer("dense" + i, dense.build(), previous);
            previous = "dense" + i;
            width = out;
        }
        graph.addLayer("params", new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                .nIn(width).nOut(parameters).activation(Activation.IDENTITY).build(), previous);
        graph.setOutputs("params");
        ComputationGraph network = new ComputationGraph(graph.build());
        network.init();
        return network;
    }

    /**
     * The side of the cube after each convolution (valid: S - k + 1) and each pooling (floor(S / 2)), in order; a
     * one-line error when a block would get no cell.
     */
    static int[] sides(InverseSettings settings, int dim) {
        int blocks = settings.convFilters().size();
        int[] out = new int[2 * blocks];
        int side = dim;
        for (int b = 0; b < blocks; b++) {
            side = side - settings.kernelSize() + 1;
            out[2 * b] = side;
            side = side / 2;
            out[2 * b + 1] = side;
            if (side < 1) {
                throw new IllegalArgumentException("boxes of " + dim + "^3 cells are too small for " + blocks + " blocks of a "
                        + settings.kernelSize() + "^3 convolution and 2^3 pooling (block " + (b + 1)
                        + " has no cell left): use fewer conv_filters or a smaller kernel_size");
            }
        }
        return out;
    }
}
