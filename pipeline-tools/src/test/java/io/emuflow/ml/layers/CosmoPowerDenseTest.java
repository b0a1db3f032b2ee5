package io.emuflow.ml.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;

/** The fused dense + CosmoPower layer and the GEMM output layer against the formula and central finite differences (float64). */
class CosmoPowerDenseTest {
    static MultiLayerNetwork network(double weightDecay) {
        NeuralNetConfiguration.Builder global = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER);
        if (weightDecay > 0) {
            global.weightDecay(weightDecay);
        }
        MultiLayerConfiguration conf = global.list()
                .layer(new CosmoPowerDense.Builder().nIn(3).nOut(5).build())
                .layer(new CosmoPowerDense.Builder().nIn(5).nOut(4).build())
                .layer(new GemmOutput.Builder().nIn(4).nOut(2).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void forwardPassIsDenseThenTheCosmoPowerFormula() {
        MultiLayerNetwork net = network(0);
        INDArray x = CosmoPowerActivationTest.random(6, 3, 1);
        INDArray y = net.feedForwardToLayer(0, x, false).get(1);
        INDArray w = net.getLayer(0).getParam("W");
        INDArray b = net.getLayer(0).getParam("b");
        INDArray alpha = net.getLayer(0).getParam(CosmoPowerDenseParamInitializer.ALPHA);
        INDArray beta = net.getLayer(0).getParam(CosmoPowerDenseParamInitializer.BETA);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 5; j++) {
                double z = b.getDouble(0, j);
                for (int k = 0; k < 3; k++) {
                    z += x.getDouble(i, k) * w.getDouble(k, j);
                }
                double al = alpha.getDouble(0, j);
                double be = beta.getDouble(0, j);
                double expected = (be + (1 - be) / (1 + Math.exp(-al * z))) * z;
                assertEquals(expected, y.getDouble(i, j), 1e-13 * Math.max(1, Math.abs(expected)));
            }
        }
    }

    /** Every parameter's gradient (W, b, alpha, beta of both fused layers, W and b of the output) by central differences. */
    @Test
    void gradientsMatchCentralFiniteDifferences() {
        for (double weightDecay : new double[] {0, 0.01}) {
            MultiLayerNetwork net = network(weightDecay);
            // the training forward pass keeps intermediates: check with two batch sizes in a row
            for (int rows : new int[] {7, 4}) {
                DataSet data = new DataSet(CosmoPowerActivationTest.random(rows, 3, 2 + rows), CosmoPowerActivationTest.random(rows, 2, 3 + rows));
                net.setInput(data.getFeatures());
                net.setLabels(data.getLabels());
                net.computeGradientAndScore();
                double score = net.score();
                // DL4J's backprop returns the data gradient summed over the minibatch (the updater divides by its size
                // and adds weight decay itself); the score is the mean loss plus the regularisation term
                double[] analytic = net.gradient().gradient().div(rows).toDoubleVector();
                assertEquals(net.score(data, false), score, 1e-12 * Math.abs(score), "score after backprop");
                INDArray params = net.params();
                double h = 1e-6;
                double worst = 0;
                for (int p = 0; p < params.length(); p++) {
                    double original = params.getDouble(p);
                    params.putScalar(p, original + h);
                    double plus = dataLoss(net, data, weightDecay);
                    params.putScalar(p, original - h);
                    double minus = dataLoss(net, data, weightDecay);
                    params.putScalar(p, original);
                    double numeric = (plus - minus) / (2 * h);
                    double scale = Math.max(1e-6, Math.abs(numeric) + Math.abs(analytic[p]));
                    worst = Math.max(worst, Math.abs(numeric - analytic[p]) / scale);
                }
                assertEquals(3 * 5 + 3 * 5 + 5 * 4 + 3 * 4 + 4 * 2 + 2, params.length());
                assertTrue(worst < 1e-6, "worst relative gradient error " + worst + " with " + rows + " rows, weight decay " + weightDecay);
            }
        }
    }

    /** The loss without the regularisation term (which the gradient above does not include). */
    private static double dataLoss(MultiLayerNetwork net, DataSet data, double weightDecay) {
        double loss = net.score(data, false);
        return weightDecay > 0 ? loss - net.calcRegularizationScore(true) : loss;
    }
}
