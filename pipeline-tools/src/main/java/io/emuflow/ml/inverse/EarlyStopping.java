package io.emuflow.ml.inverse;

import io.emuflow.ml.EpochRecord;
import io.emuflow.progress.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The epoch loop both inverse trainers share: after every epoch the validation loss decides; the best weights are
 * kept, the learning rate is multiplied by {@code plateau_factor} after {@code plateau_patience} epochs without
 * improvement, and the loop stops after {@code patience} such epochs, at {@code max_epochs}, below
 * {@code min_learning_rate} or on a non-finite training loss. The network ends with the best weights. Progress
 * (rate, at most how long is left, the last losses) goes to the terminal or the task's log.
 */
final class EarlyStopping {
    private static final Logger LOG = LoggerFactory.getLogger(EarlyStopping.class);

    record Outcome(List<EpochRecord> history, double bestLoss, int bestEpoch, String stoppedBy) {}

    private EarlyStopping() {}

    /** {@code trainEpoch} runs one epoch and returns its mean training loss; {@code validationLoss} scores the network. */
    static Outcome run(InverseSettings settings, ComputationGraph network, DoubleSupplier trainEpoch, DoubleSupplier validationLoss) {
        List<EpochRecord> history = new ArrayList<>();
        INDArray best = network.params().dup();
        double bestLoss = validationLoss.getAsDouble();
        int bestEpoch = 0;
        double rate = settings.learningRate();
        int stale = 0;
        String stop = "max_epochs";
        try (Progress progress = Progress.upTo("train-inverse " + settings.name(), settings.maxEpochs(), "epochs")) {
            for (int epoch = 1; epoch <= settings.maxEpochs(); epoch++) {
                double trainLoss = trainEpoch.getAsDouble();
                double loss = validationLoss.getAsDouble();
                history.add(new EpochRecord(epoch, trainLoss, loss, rate));
                if (loss < bestLoss) {
                    bestLoss = loss;
                    bestEpoch = epoch;
                    best.assign(network.params());
                    stale = 0;
                } else {
                    stale++;
                }
                LOG.debug("{}: epoch {} train {} validation {} (best {} at {}), rate {}", settings.name(), epoch, trainLoss,
                        loss, bestLoss, bestEpoch, rate);
                progress.step(String.format(Locale.ROOT, "train loss %.4g, validation loss %.4g (best %.4g at epoch %d)",
                        trainLoss, loss, bestLoss, bestEpoch));
                if (!Double.isFinite(trainLoss)) {
                    LOG.warn("{}: training loss is {} at epoch {}; stopping", settings.name(), trainLoss, epoch);
                    stop = "non-finite loss";
                    break;
                }
                if (stale >= settings.patience()) {
                    stop = "patience";
                    break;
                }
                if (settings.plateauPatience() > 0 && stale > 0 && stale % settings.plateauPatience() == 0) {
                    rate *= settings.plateauFactor();
                    if (rate < settings.minLearningRate()) {
                        stop = "min_learning_rate";
                        break;
                    }
                    network.setLearningRate(rate);
                }
            }
        }
        network.setParams(best);
        LOG.info("trained {}: best validation loss {} at epoch {} of {} ({})", settings.name(), bestLoss, bestEpoch, history.size(), stop);
        return new Outcome(history, bestLoss, bestEpoch, stop);
    }
}
