package io.emuflow.ml.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuflow.ml.layers.FusedTrainer;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The lean training step against DL4J's fit on the same fused network: the same weights, Adam state and scores. */
class FusedTrainerTest {
    @Test
    void leanStepsMatchDl4jFit() {
        // widths 40 and 24: not multiples of 16, so the vector kernels' scalar tails take part
        ModelSettings settings = EmulatorTrainerTest.settings("hidden_layers", List.of(40, 24, 24));
        MultiLayerNetwork reference = FusedLayersTest.build(settings, NetworkFactory.Layers.FAST);
        MultiLayerNetwork lean = FusedLayersTest.build(settings, NetworkFactory.Layers.FAST);
        INDArray weights = Nd4j.rand(DataType.FLOAT, reference.params().shape()).subi(0.5).muli(2);
        reference.setParams(weights);
        lean.setParams(weights);
        FusedTrainer trainer = FusedTrainer.of(lean).orElseThrow();
        INDArray x = FusedLayersTest.x(70, DataType.FLOAT);
        INDArray y = FusedLayersTest.y(70, DataType.FLOAT);
        int[][] batches = {{0, 32}, {32, 64}, {64, 70}, {0, 32}, {32, 64}, {64, 70}, {10, 60}};
        for (int step = 0; step < batches.length; step++) {
            int from = batches[step][0];
            int to = batches[step][1];
            reference.fit(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to), org.nd4j.linalg.indexing.NDArrayIndex.all()).dup(),
                    y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to), org.nd4j.linalg.indexing.NDArrayIndex.all()).dup());
            double score = trainer.fit(x, y, from, to);
            String label = "step " + step;
            assertEquals(reference.score(), score, 1e-5 * reference.score(), label + " score");
            assertEquals(reference.score(), lean.score(), 1e-5 * reference.score(), label + " network score");
            assertEquals(reference.getIterationCount(), lean.getIterationCount(), label + " iterations");
            assertClose(reference.params(), lean.params(), 1e-6, label + " weights");
            assertClose(reference.getUpdater().getStateViewArray(), lean.getUpdater().getStateViewArray(), 1e-5, label + " Adam state");
        }
        // the weights moved by many learning rates' worth: the comparison is not between two unchanged copies
        double moved = weights.sub(lean.params()).norm2Number().doubleValue();
        assertTrue(moved > 1e-3 * 7 * 0.5, "weights moved " + moved);
    }

    @Test
    void onlyFusedFloat32AdamNetworksWithoutRegularisationTakeTheLeanStep() {
        assertTrue(FusedTrainer.of(FusedLayersTest.build(EmulatorTrainerTest.settings(), NetworkFactory.Layers.FAST)).isPresent());
        assertTrue(FusedTrainer.of(FusedLayersTest.build(EmulatorTrainerTest.settings(), NetworkFactory.Layers.STOCK)).isEmpty());
        for (Object[] kv : new Object[][] {{"data_type", "float64"}, {"dropout", 0.1}, {"weight_decay", 1e-3}, {"activation", "relu"}}) {
            assertTrue(FusedTrainer.of(FusedLayersTest.build(EmulatorTrainerTest.settings(kv), NetworkFactory.Layers.FAST)).isEmpty(),
                    java.util.Arrays.toString(kv));
        }
    }

    /** Max |expected - actual| within relative x the largest |expected|. */
    private static void assertClose(INDArray expected, INDArray actual, double relative, String label) {
        double[] e = expected.dup('c').reshape(expected.length()).toDoubleVector();
        double[] a = actual.dup('c').reshape(actual.length()).toDoubleVector();
        assertEquals(e.length, a.length, label);
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < e.length; i++) {
            scale = Math.max(scale, Math.abs(e[i]));
            worst = Math.max(worst, Math.abs(e[i] - a[i]));
        }
        assertTrue(worst <= relative * scale, label + ": max difference " + worst + " against scale " + scale);
    }
}
