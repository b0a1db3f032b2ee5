package io.emuflow.ml.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class CosmoPowerActivationTest {
    static MultiLayerNetwork network() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(5).activation(Activation.IDENTITY).build())
                .layer(new CosmoPowerActivationLayer(5))
                .layer(new DenseLayer.Builder().nIn(5).nOut(4).activation(Activation.IDENTITY).build())
                .layer(new CosmoPowerActivationLayer(4))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(2).activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static INDArray random(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return Nd4j.create(a);
    }

    @Test
    void forwardPassIsTheCosmoPowerFormula() {
        MultiLayerNetwork net = network();
        INDArray x = random(6, 3, 1);
        INDArray z = net.feedForwardToLayer(0, x, false).get(1);
        INDArray a = net.feedForwardToLayer(1, x, false).get(2);
        INDArray alpha = net.getLayer(1).getParam(CosmoPowerParamInitializer.ALPHA);
        INDArray beta = net.getLayer(1).getParam(CosmoPowerParamInitializer.BETA);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 5; j++) {
                double zz = z.getDouble(i, j);
                double al = alpha.getDouble(0, j);
                double be = beta.getDouble(0, j);
                double expected = (be + (1 - be) / (1 + Math.exp(-al * zz))) * zz;
                assertEquals(expected, a.getDouble(i, j), 1e-14 * Math.max(1, Math.abs(expected)));
            }
        }
    }

    @Test
    void gradientsMatchCentralFiniteDifferences() {
        MultiLayerNetwork net = network();
        DataSet data = new DataSet(random(7, 3, 2), random(7, 2, 3));
        net.setInput(data.getFeatures());
        net.setLabels(data.getLabels());
        net.computeGradientAndScore();
        // DL4J's backprop returns the gradient summed over the minibatch; the updater divides by its size later
        double[] analytic = net.gradient().gradient().div(data.numExamples()).toDoubleVector();
        INDArray params = net.params();
        double h = 1e-6;
        int checked = 0;
        double worst = 0;
        for (int p = 0; p < params.length(); p++) {
            double original = params.getDouble(p);
            params.putScalar(p, original + h);
            double plus = net.score(data, false);
            params.putScalar(p, original - h);
            double minus = net.score(data, false);
            params.putScalar(p, original);
            double numeric = (plus - minus) / (2 * h);
            double scale = Math.max(1e-6, Math.abs(numeric) + Math.abs(analytic[p]));
            worst = Math.max(worst, Math.abs(numeric - analytic[p]) / scale);
            checked++;
        }
        // alpha and beta of both activation layers are among the checked parameters
        assertEquals(3 * 5 + 5 + 2 * 5 + 5 * 4 + 4 + 2 * 4 + 4 * 2 + 2, checked);
        assertTrue(worst < 1e-6, "worst relative gradient error " + worst);
    }
}
