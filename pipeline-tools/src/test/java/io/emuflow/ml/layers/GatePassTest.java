package io.emuflow.ml.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/** The one-pass Java inference of the fused layer against ND4J's element-wise ops (float32). */
class GatePassTest {
    /** Widths that are not multiples of the vector length, so the scalar tail runs too. */
    private static MultiLayerNetwork network() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(11).dataType(DataType.FLOAT)
                .updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER).list()
                .layer(new CosmoPowerDense.Builder().nIn(6).nOut(67).build())
                .layer(new CosmoPowerDense.Builder().nIn(67).nOut(40).build())
                .layer(new GemmOutput.Builder().nIn(40).nOut(5).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        // spread alpha and beta away from their initial values so the gate is not the same for every unit
        for (int layer = 0; layer < 2; layer++) {
            INDArray alpha = net.getLayer(layer).getParam(CosmoPowerDenseParamInitializer.ALPHA);
            INDArray beta = net.getLayer(layer).getParam(CosmoPowerDenseParamInitializer.BETA);
            alpha.assign(CosmoPowerActivationTest.random(1, (int) alpha.length(), 5 + layer).muli(2));
            beta.assign(CosmoPowerActivationTest.random(1, (int) beta.length(), 7 + layer).muli(0.5));
        }
        return net;
    }

    @Test
    void onePassInferenceMatchesNd4jOps() {
        GatePass vector = GatePass.best().orElseThrow(() -> new AssertionError("tests run with jdk.incubator.vector"));
        AtomicInteger calls = new AtomicInteger();
        Optional<GatePass> pass = Optional.of(new GatePass() {
            @Override
            public String name() {
                return vector.name();
            }

            @Override
            public void apply(ByteBuffer buf, int rows, int cols, float[] bias, float[] alpha, float[] beta) {
                calls.incrementAndGet();
                vector.apply(buf, rows, cols, bias, alpha, beta);
            }
        });
        MultiLayerNetwork net = network();
        // 1 row (the single-call path), 300 rows (one thread) and 6000 rows (rows split between threads)
        for (int rows : new int[] {1, 300, 6000}) {
            INDArray x = CosmoPowerActivationTest.random(rows, 6, rows).castTo(DataType.FLOAT).muli(3);
            Optional<GatePass> previous = CosmoPowerDenseLayer.useGatePass(Optional.empty());
            INDArray expected;
            INDArray actual;
            try {
                expected = net.output(x, false).dup();
                CosmoPowerDenseLayer.useGatePass(pass);
                calls.set(0);
                actual = net.output(x, false).dup();
                assertEquals(2, calls.get(), "both fused layers take the one-pass path");
            } finally {
                CosmoPowerDenseLayer.useGatePass(previous);
            }
            double scale = expected.norm2Number().doubleValue() / Math.sqrt(expected.length());
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < 5; j++) {
                    assertEquals(expected.getDouble(i, j), actual.getDouble(i, j), 1e-5 * scale, "row " + i + " col " + j);
                }
            }
        }
    }

    @Test
    void trainingIsUntouchedByTheInferencePass() {
        // the training forward pass keeps z, s and the gate for backprop and never takes the one-pass path
        MultiLayerNetwork net = network();
        INDArray x = CosmoPowerActivationTest.random(8, 6, 3).castTo(DataType.FLOAT);
        INDArray inference = net.output(x, false).dup();
        INDArray training = net.output(x, true).dup();
        assertEquals(0, inference.sub(training).amaxNumber().doubleValue(), 1e-5 * inference.amaxNumber().doubleValue());
    }

    @Test
    void vectorExpIsWithinTwoUlpOfMathExp() {
        jdk.incubator.vector.VectorSpecies<Float> species = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED;
        float[] x = new float[species.length()];
        float[] y = new float[x.length];
        for (float v = -87f; v <= 88f; v += 0.37f * x.length) {
            for (int i = 0; i < x.length; i++) {
                x[i] = Math.min(88f, v + 0.37f * i); // the clamp of VectorMath.exp: exp(88) is near float max
            }
            VectorMath.exp(jdk.incubator.vector.FloatVector.fromArray(species, x, 0)).intoArray(y, 0);
            for (int i = 0; i < x.length; i++) {
                double exact = Math.exp(x[i]);
                assertEquals(exact, y[i], 2.5 * Math.ulp((float) exact), "exp(" + x[i] + ")");
            }
        }
    }
}
