package io.emuflow.ml.inverse;

import io.emuflow.data.SpectrumDataset;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;

/** Network outputs of a cnn3d model on every box of a dataset, read and predicted in chunks (bounded memory). */
final class BoxPredictor {
    private BoxPredictor() {}

    /** Raw (standardised) outputs [N][P]; refuses a dataset that lacks a channel or has boxes of another size. */
    static double[][] outputs(ComputationGraph network, BoxFeatures features, SpectrumDataset data) {
        BoxFeatures.Batches batches = features.batches(data, network.getConfiguration().getDataType(), "the dataset of study " + data.study());
        int n = data.size();
        int[] rows = IntStream.range(0, n).toArray();
        double[][] out = new double[n][];
        for (int start = 0; start < n; start += BoxTrainer.CHUNK) {
            int end = Math.min(n, start + BoxTrainer.CHUNK);
            double[][] chunk = network.output(false, batches.input(rows, start, end, null))[0].castTo(DataType.DOUBLE).toDoubleMatrix();
            System.arraycopy(chunk, 0, out, start, chunk.length);
        }
        return out;
    }
}
