package io.emuflow.ml.inverse;

import io.emuflow.data.SpectrumDataset;
import io.emuflow.data.Standardizer;
import io.emuflow.sampling.LatinHypercube;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a {@code cnn3d} inverse model (boxes -> parameters, regression) with the same schedule as
 * {@link InverseTrainer} (Adam, validation loss after every epoch, best weights kept, rate reduced on a plateau,
 * early stopping), but streams the boxes: each minibatch is read from the dataset file, scaled by the
 * {@link BoxFeatures} fitted on the training split and, with {@code augment}, turned by a random cube symmetry, so
 * that memory holds one minibatch whatever the number of boxes. The validation loss is computed in chunks too.
 *
 * <p>Deterministic for a given seed and thread count: weights from the seed, minibatch order and symmetries from
 * one SplittableRandom of the seed, dropout masks from ND4J's generator seeded with it.
 */
final class BoxTrainer {
    /** Samples per forward pass when predicting (bounded memory: 64 x C x 32^3 floats is 8 MiB per channel). */
    static final int CHUNK = 64;

    private BoxTrainer() {}

    static InverseModel train(InverseSettings settings, SpectrumDataset train, SpectrumDataset validation, long seed) {
        long started = System.nanoTime();
        BoxFeatures features = BoxFeatures.fit(train, settings.boxSettings());
        Standardizer paramScaler = train.scalers().containsKey("params")
                ? train.scalers().get("params") // written by `split`, fitted on this very split
                : Standardizer.fit(train.params(), 1e-12);
        Nd4j.getRandom().setSeed(seed);
        ComputationGraph network = Cnn3dNetworkFactory.build(settings, features.channels().size(), features.dim(),
                train.parameters().size(), seed);
        DataType type = network.getConfiguration().getDataType();
        BoxFeatures.Batches trainBatches = features.batches(train, type, "the training split");
        BoxFeatures.Batches validationBatches = features.batches(validation, type, "the validation split");
        INDArray y = Nd4j.create(paramScaler.transform(train.params())).castTo(type);
        INDArray yValidation = Nd4j.create(paramScaler.transform(validation.params())).castTo(type);

        SplittableRandom random = new SplittableRandom(seed);
        boolean augment = settings.boxSettings().augment();
        EarlyStopping.Outcome run = EarlyStopping.run(settings, network,
                () -> epoch(network, trainBatches, y, settings.batchSize(), random, augment),
                () -> validationLoss(network, validationBatches, yValidation));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("seed", seed);
        summary.put("train_samples", train.size());
        summary.put("validation_samples", validation.size());
        summary.put("inputs", features.channels());
        summary.put("augment", augment);
        summary.put("best_validation_loss", run.bestLoss());
        summary.put("best_epoch", run.bestEpoch());
        summary.put("epochs", run.history().size());
        summary.put("stopped_by", run.stoppedBy());
        summary.put("network_parameters", network.numParams());
        summary.put("seconds", (System.nanoTime() - started) / 1e9);
        summary.put("threads", System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
        return new InverseModel(network, settings, train.study(), train.parameters(), features, paramScaler, run.history(), summary);
    }

    /** One pass over the shuffled training rows in minibatches read from the file; returns the mean minibatch loss. */
    static double epoch(ComputationGraph network, BoxFeatures.Batches batches, INDArray y, int batchSize, SplittableRandom random,
            boolean augment) {
        int n = (int) y.size(0);
        int[] order = LatinHypercube.permutation(n, random);
        double sum = 0;
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            INDArray x = batches.input(order, start, end, augment ? random : null);
            INDArray yb = Nd4j.pullRows(y, 1, java.util.Arrays.copyOfRange(order, start, end));
            network.fit(new INDArray[] {x}, new INDArray[] {yb});
            sum += network.score() * (end - start);
        }
        return sum / n;
    }

    /** MSE of the standardised parameters over a split, in chunks of {@link #CHUNK} samples. */
    static double validationLoss(ComputationGraph network, BoxFeatures.Batches batches, INDArray y) {
        int n = (int) y.size(0);
        int[] rows = java.util.stream.IntStream.range(0, n).toArray();
        double sum = 0;
        for (int start = 0; start < n; start += CHUNK) {
            int end = Math.min(n, start + CHUNK);
            INDArray predicted = network.output(false, batches.input(rows, start, end, null))[0].castTo(DataType.DOUBLE);
            INDArray d = predicted.sub(y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, end),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).castTo(DataType.DOUBLE));
            sum += d.muli(d).sumNumber().doubleValue();
        }
        return sum / ((double) n * y.size(1));
    }
}
