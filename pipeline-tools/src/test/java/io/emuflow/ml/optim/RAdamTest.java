package io.emuflow.ml.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * RAdam against PyTorch's torch.optim.RAdam (fixture radam_torch_reference.json, made by the script beside it), against
 * Liu et al. 2020's Algorithm 2 on a constant gradient, through DL4J's rate change and through serialisation.
 */
class RAdamTest {
    static final JsonNode REFERENCE = read();

    static JsonNode read() {
        try (InputStream in = RAdamTest.class.getResourceAsStream("radam_torch_reference.json")) {
            return new ObjectMapper().readTree(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static double[][] matrix(JsonNode node) {
        return new ObjectMapper().convertValue(node, double[][].class);
    }

    static double[] vector(JsonNode node) {
        return new ObjectMapper().convertValue(node, double[].class);
    }

    /** 3 -> 4 tanh -> 2 linear, float64, MSE: the fixture's network, with its initial weights. */
    static MultiLayerNetwork network(RAdam updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.DOUBLE).updater(updater).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(2).activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        for (int l = 0; l < 2; l++) {
            JsonNode layer = REFERENCE.get("initial").get(l);
            // into the views of the network's flat parameter vector
            net.getLayer(l).getParam("W").assign(Nd4j.create(matrix(layer.get("W"))));
            net.getLayer(l).getParam("b").assign(Nd4j.create(vector(layer.get("b"))).reshape(net.getLayer(l).getParam("b").shape()));
        }
        return net;
    }

    static double worstDifference(MultiLayerNetwork net, JsonNode expected) {
        double worst = 0;
        for (int l = 0; l < 2; l++) {
            double[][] w = matrix(expected.get(l).get("W"));
            double[] b = vector(expected.get(l).get("b"));
            INDArray W = net.getLayer(l).getParam("W");
            INDArray B = net.getLayer(l).getParam("b").reshape(-1); // [n_out] or [1, n_out]
            for (int i = 0; i < w.length; i++) {
                for (int j = 0; j < w[i].length; j++) {
                    worst = Math.max(worst, Math.abs(W.getDouble(i, j) - w[i][j]));
                }
            }
            for (int j = 0; j < b.length; j++) {
                worst = Math.max(worst, Math.abs(B.getDouble(j) - b[j]));
            }
        }
        return worst;
    }

    @Test
    void everyStepMatchesPyTorchsRAdam() {
        INDArray x = Nd4j.create(matrix(REFERENCE.get("x")));
        INDArray y = Nd4j.create(matrix(REFERENCE.get("y")));
        for (JsonNode c : REFERENCE.get("cases")) {
            RAdam radam = new RAdam(c.get("learning_rate").asDouble(), c.get("beta1").asDouble(), c.get("beta2").asDouble(),
                    c.get("epsilon").asDouble());
            MultiLayerNetwork net = network(radam);
            JsonNode steps = c.get("after_step");
            assertEquals(0.0, worstDifference(net, REFERENCE.get("initial")), "the fixture's initial weights are set");
            for (int t = 0; t < steps.size(); t++) {
                net.fit(x, y);
                double worst = worstDifference(net, steps.get(t));
                // float64 on both sides: the same arithmetic up to rounding, far inside the 1e-6 asked of the optimiser
                assertTrue(worst < 1e-9, radam + ": step " + (t + 1) + " differs from torch by " + worst);
            }
            // and the steps are not trivially zero: the parameters move by far more than the tolerance
            assertTrue(worstDifference(network(radam), steps.get(steps.size() - 1)) > 1e-3);
        }
    }

    /** Algorithm 2 on a constant gradient g: m_t / (1 - beta1^t) = g and v_t / (1 - beta2^t) = g^2 exactly. */
    @Test
    void momentumStepsUntilRhoExceedsFiveThenRectifiedSteps() {
        double lr = 0.01;
        double b2 = 0.999;
        RAdam config = new RAdam(lr, 0.9, b2, 0.0);
        INDArray state = Nd4j.zeros(DataType.DOUBLE, 1, 2 * 3);
        RAdamUpdater updater = (RAdamUpdater) config.instantiate(state, true);
        double[] g = {0.5, -2.0, 3.0};
        for (int t = 1; t <= 40; t++) {
            INDArray step = Nd4j.create(g, new long[] {1, 3}, DataType.DOUBLE);
            updater.applyUpdater(step, t - 1, 0);
            double b2t = Math.pow(b2, t);
            double rhoInf = 2 / (1 - b2) - 1;
            double rho = rhoInf - 2 * t * b2t / (1 - b2t); // Liu et al. 2020, Algorithm 2
            for (int j = 0; j < 3; j++) {
                double expected;
                if (rho > 5) {
                    double r = Math.sqrt((rho - 4) * (rho - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rho));
                    expected = lr * r * Math.signum(g[j]); // r_t mhat / sqrt(vhat) = r_t g / |g|
                } else {
                    expected = lr * g[j]; // momentum step: lr mhat = lr g
                }
                assertEquals(expected, step.getDouble(0, j), 1e-12 * Math.abs(expected) + 1e-15, "t " + t + ", rho " + rho);
            }
            // with beta2 = 0.999: rho_1..rho_5 = 1, 2.0, 3.0, 4.0, 4.996 (momentum), rho_6 = 5.994 (rectified)
            assertEquals(t <= 5, rho <= RAdamUpdater.RHO_THRESHOLD);
        }
        // the paper's threshold of 4 would already rectify step 5, with r_5 = 0.0173
        assertTrue(RAdamUpdater.rho(5, b2) > 4 && RAdamUpdater.rho(5, b2) <= 5);
        assertEquals(0.017311503, RAdamUpdater.rectification(RAdamUpdater.rho(5, b2), b2), 1e-8);
        // r_t -> 1 as t -> infinity (rho_t -> rho_inf): RAdam becomes Adam
        assertEquals(1.0, RAdamUpdater.rectification(RAdamUpdater.rho(1_000_000, b2), b2), 1e-9);
    }

    /** MultiLayerNetwork.setLearningRate (how each stage of a schedule sets its rate) reaches RAdam's steps. */
    @Test
    void aNewStageRateIsTheRateOfTheNextSteps() {
        MultiLayerNetwork net = network(new RAdam(1e-2));
        INDArray x = Nd4j.create(matrix(REFERENCE.get("x")));
        INDArray y = Nd4j.create(matrix(REFERENCE.get("y")));
        for (int i = 0; i < 8; i++) {
            net.fit(x, y);
        }
        // a fresh stage as EmulatorTrainer starts one: new rate, zero state, step count 0
        net.setLearningRate(2.5e-4);
        net.getUpdater().getStateViewArray().assign(0);
        net.setIterationCount(0);
        for (int l = 0; l < 2; l++) {
            assertEquals(2.5e-4, ((RAdam) ((BaseLayer) net.getLayer(l).conf().getLayer()).getIUpdater()).getLearningRate());
        }
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        // DL4J's gradient is summed over the minibatch; the updater divides it by the minibatch size (8) first
        INDArray gradient = net.gradient().gradient().div(x.rows());
        INDArray before = net.params().dup();
        net.fit(x, y);
        // step 1 is a momentum step with mhat = g: the parameters move by exactly -rate * g
        INDArray moved = net.params().sub(before);
        INDArray expected = gradient.mul(-2.5e-4);
        assertTrue(moved.sub(expected).amaxNumber().doubleValue() < 1e-15 + 1e-9 * expected.amaxNumber().doubleValue(),
                "moved " + moved + ", expected " + expected);
    }

    @Test
    void savedWithTheModelItRestoresAndContinuesIdentically(@TempDir Path dir) throws Exception {
        INDArray x = Nd4j.create(matrix(REFERENCE.get("x")));
        INDArray y = Nd4j.create(matrix(REFERENCE.get("y")));
        RAdam radam = new RAdam(3e-2, 0.8, 0.99, 1e-6);
        MultiLayerNetwork net = network(radam);
        for (int i = 0; i < 7; i++) {
            net.fit(x, y);
        }
        // the configuration JSON (what a bundle's network.json holds) round-trips the updater
        MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        assertEquals(radam, ((BaseLayer) conf.getConf(0).getLayer()).getIUpdater());
        Path file = dir.resolve("net.zip");
        ModelSerializer.writeModel(net, file.toFile(), true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        assertInstanceOf(RAdam.class, ((BaseLayer) restored.getLayer(1).conf().getLayer()).getIUpdater());
        assertEquals(net.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
        assertEquals(net.getIterationCount(), restored.getIterationCount());
        for (int i = 0; i < 5; i++) { // steps 8..12 cross into the rectified regime: state and step count both matter
            net.fit(x, y);
            restored.fit(x, y);
        }
        assertEquals(net.params(), restored.params());
        assertTrue(worstDifference(restored, REFERENCE.get("cases").get(1).get("after_step").get(11)) < 1e-9);
    }
}
