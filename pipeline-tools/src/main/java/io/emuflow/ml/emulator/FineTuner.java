package io.emuflow.ml.emulator;

import io.emuflow.ml.EpochRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fine-tunes a trained emulator on its worst-predicted training samples (the reference's N_BAD pass), as one step of
 * its own: a copy of the network trains on the {@code samples} rows with the largest max |error| of the log10
 * target, with early stopping on the whole validation split. The weights kept are the best seen on validation,
 * starting from the trained ones: when no epoch beats the trained network, its weights are kept unchanged.
 *
 * <p>Deterministic for a given seed and thread count, like training.
 */
public final class FineTuner {
    private FineTuner() {}

    /**
     * What a pass gives: the emulator (fine-tuned weights, or the trained ones when {@code improved} is false), the
     * validation loss before, the best one of the pass itself (may be worse than before: what a search learns from),
     * the kept one, the training rows it used (sorted) and its epochs.
     */
    public record Result(Emulator emulator, boolean improved, double baseValidationLoss, double passValidationLoss,
            double validationLoss, int[] rows, int epochs, Map<String, Object> stage) {}

    public static Result fineTune(Emulator base, TrainingData train, TrainingData validation, ModelSettings.FineTune fineTune, long seed) {
        if (train.inputs().length == 0 || validation.inputs().length == 0) {
            throw new IllegalArgumentException("fine-tuning needs non-empty training and validation splits");
        }
        int params = base.paramScaler().columns();
        int outputs = base.targetScaler().columns();
        for (TrainingData d : List.of(train, validation)) {
            if (d.inputs()[0].length != params || d.targets()[0].length != outputs) {
                throw new IllegalArgumentException("the data have " + d.inputs()[0].length + " parameters and " + d.targets()[0].length
                        + " target values; the model has " + params + " and " + outputs);
            }
        }
        DataType type = base.settings().float64() ? DataType.DOUBLE : DataType.FLOAT;
        Nd4j.getRandom().setSeed(seed); // dropout masks
        MultiLayerNetwork network = base.network().clone();
        Emulator working = new Emulator(network, base.paramScaler(), base.targetScaler(), base.pca(), base.metadata(), base.settings(),
                List.of(), Map.of());
        double[][] targets = base.targetScaler().transform(train.targets());
        double[][] networkTargets = base.pca() == null ? targets : base.pca().encode(targets);
        EmulatorTrainer.Run run = new EmulatorTrainer.Run(network, working, type, new SplittableRandom(seed),
                Nd4j.create(base.paramScaler().transform(train.inputs())).castTo(type), Nd4j.create(networkTargets).castTo(type),
                Nd4j.create(base.paramScaler().transform(validation.inputs())).castTo(type),
                Nd4j.create(base.targetScaler().transform(validation.targets())));
        double before = run.bestLoss;
        int[] worst = EmulatorTrainer.worstSamples(base, train, fineTune.samples());
        Map<String, Object> stage = run.stage("fine-tune", fineTune.stage(), ModelSettings.Schedule.single(fineTune.stage()), worst);
        double pass = Double.POSITIVE_INFINITY;
        for (EpochRecord r : run.history) {
            pass = Math.min(pass, r.validationLoss());
        }
        boolean improved = run.bestLoss < before;
        // the bundle's history: the training's epochs, then the pass's (numbered on)
        List<EpochRecord> history = new ArrayList<>(base.history());
        int offset = history.size();
        for (EpochRecord r : run.history) {
            history.add(new EpochRecord(offset + r.epoch(), r.trainLoss(), r.validationLoss(), r.learningRate()));
        }
        Map<String, Object> summary = new LinkedHashMap<>(base.trainingSummary());
        Map<String, Object> record = new LinkedHashMap<>(stage);
        record.put("seed", seed);
        record.put("base_validation_loss", before);
        record.put("improved", improved);
        summary.put("fine_tune", record);
        if (improved) {
            summary.put("best_validation_loss", run.bestLoss);
            summary.put("best_epoch", offset + run.bestEpoch);
        }
        summary.put("epochs", history.size());
        network.setParams(run.best);
        Emulator tuned = new Emulator(network, base.paramScaler(), base.targetScaler(), base.pca(), base.metadata(), base.settings(),
                history, summary);
        return new Result(tuned, improved, before, pass, run.bestLoss, worst, run.history.size(), stage);
    }
}
