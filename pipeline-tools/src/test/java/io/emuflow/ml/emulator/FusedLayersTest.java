package io.emuflow.ml.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.emuflow.ml.layers.CosmoPowerActivation;
import io.emuflow.ml.layers.CosmoPowerDenseLayer;
import io.emuflow.ml.layers.GemmOutputLayer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused layers (NetworkFactory's default) against DL4J's stock layers: same initial weights for a seed, same
 * outputs, gradients and training steps for the same weights, and bundles of both kinds load and predict.
 */
class FusedLayersTest {
    static final int INPUTS = 3;
    static final int OUTPUTS = 16;

    static MultiLayerNetwork build(ModelSettings settings, NetworkFactory.Layers layers) {
        return NetworkFactory.build(settings, INPUTS, OUTPUTS, 17, layers);
    }

    static INDArray x(int rows, DataType type) {
        return Nd4j.create(EmulatorTrainerTest.PARAMS.transform(java.util.Arrays.copyOf(EmulatorTrainerTest.TRAIN.inputs(), rows))).castTo(type);
    }

    static INDArray y(int rows, DataType type) {
        return Nd4j.create(EmulatorTrainerTest.TARGETS.transform(java.util.Arrays.copyOf(EmulatorTrainerTest.TRAIN.targets(), rows))).castTo(type);
    }

    @Test
    void theDefaultIsFusedAndTheStockPathIsStock() {
        ModelSettings settings = EmulatorTrainerTest.settings();
        Layer[] fast = NetworkFactory.build(settings, INPUTS, OUTPUTS, 1).getLayers();
        assertEquals(3, fast.length);
        assertInstanceOf(CosmoPowerDenseLayer.class, fast[0]);
        assertInstanceOf(CosmoPowerDenseLayer.class, fast[1]);
        assertInstanceOf(GemmOutputLayer.class, fast[2]);
        Layer[] stock = build(settings, NetworkFactory.Layers.STOCK).getLayers();
        assertEquals(5, stock.length);
        assertInstanceOf(DenseLayer.class, stock[0]);
        assertInstanceOf(CosmoPowerActivation.class, stock[1]);
        assertInstanceOf(OutputLayer.class, stock[4]);
        // with dropout the output layer stays DL4J's (GemmOutput has none)
        Layer[] dropout = NetworkFactory.build(EmulatorTrainerTest.settings("dropout", 0.1), INPUTS, OUTPUTS, 1).getLayers();
        assertInstanceOf(CosmoPowerDenseLayer.class, dropout[1]);
        assertInstanceOf(OutputLayer.class, dropout[2]);
        // other activations: stock dense layers, GEMM output
        Layer[] relu = NetworkFactory.build(EmulatorTrainerTest.settings("activation", "relu"), INPUTS, OUTPUTS, 1).getLayers();
        assertInstanceOf(DenseLayer.class, relu[0]);
        assertInstanceOf(GemmOutputLayer.class, relu[2]);
    }

    @Test
    void sameSeedGivesTheSameInitialParametersInTheSameOrder() {
        ModelSettings settings = EmulatorTrainerTest.settings();
        assertArrayEquals(build(settings, NetworkFactory.Layers.STOCK).params().toDoubleVector(),
                build(settings, NetworkFactory.Layers.FAST).params().toDoubleVector());
    }

    /** Same weights (float64): same outputs, score and gradient, and the same weights after Adam steps, also with dropout and weight decay. */
    @Test
    void fusedAndStockAgreeOnOutputsGradientsAndTraining() {
        for (Object[] extra : new Object[][] {{}, {"weight_decay", 1e-3}, {"dropout", 0.2}}) {
            List<Object> kv = new java.util.ArrayList<>(List.of("data_type", "float64", "hidden_layers", List.of(24, 20)));
            kv.addAll(List.of(extra));
            ModelSettings settings = EmulatorTrainerTest.settings(kv.toArray());
            String label = kv.toString();
            MultiLayerNetwork stock = build(settings, NetworkFactory.Layers.STOCK);
            MultiLayerNetwork fast = build(settings, NetworkFactory.Layers.FAST);
            // random weights away from the initial ones, shared by both
            INDArray weights = Nd4j.rand(DataType.DOUBLE, stock.params().shape()).subi(0.5);
            stock.setParams(weights);
            fast.setParams(weights);
            INDArray x = x(50, DataType.DOUBLE);
            INDArray y = y(50, DataType.DOUBLE);
            assertClose(stock.output(x, false), fast.output(x, false), 1e-12, label + " output");
            Nd4j.getRandom().setSeed(99); // the same dropout masks for both
            stock.setInput(x);
            stock.setLabels(y);
            stock.computeGradientAndScore();
            Nd4j.getRandom().setSeed(99);
            fast.setInput(x);
            fast.setLabels(y);
            fast.computeGradientAndScore();
            assertEquals(stock.score(), fast.score(), 1e-12 * stock.score(), label + " score");
            assertClose(stock.gradient().gradient(), fast.gradient().gradient(), 1e-10, label + " gradient");
            // the same Adam steps (and dropout masks: both draw them in the same order) give the same weights
            for (int step = 0; step < 5; step++) {
                Nd4j.getRandom().setSeed(100 + step);
                stock.fit(x, y);
                Nd4j.getRandom().setSeed(100 + step);
                fast.fit(x, y);
            }
            assertClose(stock.params(), fast.params(), 1e-9, label + " weights after 5 steps");
            assertEquals(stock.score(), fast.score(), 1e-9 * stock.score(), label + " training score");
        }
    }

    private static void assertClose(INDArray expected, INDArray actual, double relative, String label) {
        double[] e = expected.dup('c').reshape(expected.length()).toDoubleVector();
        double[] a = actual.dup('c').reshape(actual.length()).toDoubleVector();
        assertEquals(e.length, a.length, label);
        double scale = 0;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], relative * scale, label + " at " + i);
        }
    }

    @Test
    void fusedBundleRoundTripsAndOldStockBundlesStillLoad(@TempDir Path dir) {
        ModelSettings settings = EmulatorTrainerTest.settings("max_epochs", 3, "hidden_layers", List.of(40, 24));
        for (NetworkFactory.Layers layers : NetworkFactory.Layers.values()) {
            // an emulator as the trainer would save it, with a few training steps so the weights are not the initial ones
            MultiLayerNetwork network = NetworkFactory.build(settings, INPUTS, OUTPUTS, 5, layers);
            for (int step = 0; step < 20; step++) {
                network.fit(x(400, DataType.FLOAT), y(400, DataType.FLOAT));
            }
            Emulator emulator = new Emulator(network, EmulatorTrainerTest.PARAMS, EmulatorTrainerTest.TARGETS, null,
                    SyntheticSpectra.METADATA, settings, List.of(), Map.of());
            Path bundle = dir.resolve(layers.name());
            emulator.save(bundle);
            Emulator loaded = Emulator.load(bundle);
            assertEquals(network.getLayers().length, loaded.network().getLayers().length);
            for (int l = 0; l < network.getLayers().length; l++) {
                assertEquals(network.getLayer(l).getClass(), loaded.network().getLayer(l).getClass(), layers + " layer " + l);
            }
            assertArrayEquals(emulator.parameters(), loaded.parameters());
            double[][] before = emulator.predictLog10(EmulatorTrainerTest.VALIDATION.inputs());
            double[][] after = loaded.predictLog10(EmulatorTrainerTest.VALIDATION.inputs());
            for (int i = 0; i < before.length; i++) {
                assertArrayEquals(before[i], after[i], layers + " row " + i);
            }
            FastEmulatorTest.assertMatches(loaded, FastEmulator.of(loaded), layers + " fast path");
        }
    }

    @Test
    void fusedTrainingIsBitReproducible() {
        ModelSettings settings = EmulatorTrainerTest.settings("max_epochs", 3, "hidden_layers", List.of(64, 64));
        Emulator first = EmulatorTrainerTest.train(settings, 41);
        assertInstanceOf(CosmoPowerDenseLayer.class, first.network().getLayer(0));
        assertArrayEquals(first.parameters(), EmulatorTrainerTest.train(settings, 41).parameters());
    }
}
