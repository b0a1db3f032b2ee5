package io.emuflow.ml.emulator;

import io.emuflow.ml.EpochRecord;
import io.emuflow.ml.OpenBlasCheck;
import io.emuflow.ml.layers.FusedTrainer;
import io.emuflow.data.Standardizer;
import io.emuflow.progress.Progress;
import io.emuflow.sampling.LatinHypercube;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains an emulator: standardised parameters -> standardised log10 target (or its standardised PCA
 * coefficients), Adam on the mean squared error, through the stages of the model's schedule with early
 * stopping on the validation loss. The weights kept are the best seen on the validation split, never simply
 * the last. Validation losses are always the MSE of the standardised log10 target (after PCA decoding), so that
 * models with and without PCA compare on one scale; training losses are the network's own minibatch MSE.
 *
 * <p>Deterministic for a given seed and thread count: initial weights come from the seed, minibatch order
 * from a SplittableRandom of the seed, and nothing else is random.
 */
public final class EmulatorTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(EmulatorTrainer.class);

    private EmulatorTrainer() {}

    public static Emulator train(TrainingData train, TrainingData validation, Standardizer paramScaler,
            Standardizer splitTargetScaler, ModelSettings settings, EmulatorMetadata metadata, long seed) {
        check(train, "training", paramScaler, splitTargetScaler);
        check(validation, "validation", paramScaler, splitTargetScaler);
        Standardizer targetScaler = settings.targetScaling().apply(splitTargetScaler);
        long started = System.nanoTime();
        OpenBlasCheck.warnIfGeneric();
        DataType type = settings.float64() ? DataType.DOUBLE : DataType.FLOAT;
        double[][] trainTargets = targetScaler.transform(train.targets());
        Pca pca = settings.pcaComponents() == null ? null : Pca.fit(trainTargets, settings.pcaComponents(), settings.pcaScaling());
        double[][] networkTargets = pca == null ? trainTargets : pca.encode(trainTargets);

        Nd4j.getRandom().setSeed(seed);
        MultiLayerNetwork network = NetworkFactory.build(settings, paramScaler.columns(), networkTargets[0].length, seed);
        Emulator emulator = new Emulator(network, paramScaler, targetScaler, pca, metadata, settings, List.of(), Map.of());

        Run run = new Run(network, emulator, type, new SplittableRandom(seed),
                matrix(paramScaler.transform(train.inputs()), type), matrix(networkTargets, type),
                matrix(paramScaler.transform(validation.inputs()), type),
                Nd4j.create(targetScaler.transform(validation.targets())));
        List<Map<String, Object>> stages = new ArrayList<>();
        ModelSettings.Schedule schedule = settings.schedule();
        for (int s = 0; s < schedule.stages().size(); s++) {
            stages.add(run.stage("stage " + (s + 1), schedule.stages().get(s), schedule, null));
        }
        if (settings.fineTune() != null && !settings.fineTune().searched()) { // a searched pass runs as fine-tune tasks
            int[] worst = worstSamples(emulator, train, settings.fineTune().samples());
            stages.add(run.stage("fine-tune", settings.fineTune().stage(), ModelSettings.Schedule.single(settings.fineTune().stage()), worst));
        }
        network.setParams(run.best);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("seed", seed);
        summary.put("train_samples", train.inputs().length);
        summary.put("validation_samples", validation.inputs().length);
        summary.put("best_validation_loss", run.bestLoss);
        summary.put("best_epoch", run.bestEpoch);
        summary.put("epochs", run.history.size());
        summary.put("stages", stages);
        summary.put("seconds", (System.nanoTime() - started) / 1e9);
        summary.put("omp_num_threads", System.getenv("OMP_NUM_THREADS"));
        summary.put("openblas_core", OpenBlasCheck.core());
        LOG.info("trained {}: best validation loss {} at epoch {} of {}", settings.name(), run.bestLoss, run.bestEpoch, run.history.size());
        return new Emulator(network, paramScaler, targetScaler, pca, metadata, settings, run.history, summary);
    }

    /**
     * An untrained emulator of {@code data}'s shape (scalers fitted on it) with the fused layers or DL4J's stock ones:
     * what training starts from. For timing inference (bench-ml), where the weights do not matter.
     */
    public static Emulator untrained(ModelSettings settings, TrainingData data, EmulatorMetadata metadata, long seed, boolean stockLayers) {
        Standardizer ps = Standardizer.fit(data.inputs(), 1e-12);
        Standardizer ts = Standardizer.fit(data.targets(), 1e-6);
        Nd4j.getRandom().setSeed(seed);
        MultiLayerNetwork network = NetworkFactory.build(settings, ps.columns(), ts.columns(), seed, layers(stockLayers));
        return new Emulator(network, ps, ts, null, metadata, settings, List.of(), Map.of());
    }

    /**
     * One training epoch over {@code data} at the first stage's rate and batch size, exactly as a stage runs it, each
     * time the runnable is called: for timing an epoch (bench-ml) against other frameworks.
     */
    public static Runnable epochRunner(ModelSettings settings, TrainingData data, EmulatorMetadata metadata, long seed, boolean stockLayers) {
        Emulator emulator = untrained(settings, data, metadata, seed, stockLayers);
        MultiLayerNetwork network = emulator.network();
        Standardizer ps = emulator.paramScaler();
        Standardizer ts = emulator.targetScaler();
        DataType type = settings.float64() ? DataType.DOUBLE : DataType.FLOAT;
        TrainingData small = new TrainingData(Arrays.copyOf(data.inputs(), 256), Arrays.copyOf(data.targets(), 256));
        Run run = new Run(network, emulator, type, new SplittableRandom(seed),
                Nd4j.create(ps.transform(data.inputs())).castTo(type), Nd4j.create(ts.transform(data.targets())).castTo(type),
                Nd4j.create(ps.transform(small.inputs())).castTo(type), Nd4j.create(ts.transform(small.targets())));
        network.setLearningRate(settings.schedule().stages().get(0).learningRate());
        int batch = settings.schedule().stages().get(0).batchSize();
        return () -> run.epoch(run.x, run.y, batch);
    }

    private static NetworkFactory.Layers layers(boolean stock) {
        return stock ? NetworkFactory.Layers.STOCK : NetworkFactory.Layers.FAST;
    }

    /** Training state shared by the stages. */
    static final class Run {
        final MultiLayerNetwork network;
        final Emulator emulator;
        final DataType type;
        final SplittableRandom random;
        final INDArray x;
        final INDArray y;
        final INDArray xValidation;
        final INDArray yValidation;
        final List<EpochRecord> history = new ArrayList<>();
        /** The lean step for networks of fused layers only (docs/benchmarks.md), else null: DL4J's fit. */
        final FusedTrainer lean;
        INDArray best;
        double bestLoss;
        int bestEpoch;

        Run(MultiLayerNetwork network, Emulator emulator, DataType type, SplittableRandom random, INDArray x, INDArray y,
                INDArray xValidation, INDArray yValidation) {
            this.network = network;
            this.emulator = emulator;
            this.type = type;
            this.random = random;
            this.x = x;
            this.y = y;
            this.xValidation = xValidation;
            this.yValidation = yValidation;
            this.lean = FusedTrainer.of(network).orElse(null);
            this.best = network.params().dup();
            this.bestLoss = validationLoss();
            this.bestEpoch = 0;
        }

        /** One stage: fresh Adam at the stage's rate, from the best weights so far, until patience runs out. */
        Map<String, Object> stage(String label, ModelSettings.Stage stage, ModelSettings.Schedule schedule, int[] rows) {
            network.setParams(best);
            resetOptimiser();
            double rate = stage.learningRate();
            network.setLearningRate(rate);
            INDArray xs = rows == null ? x : Nd4j.pullRows(x, 1, rows);
            INDArray ys = rows == null ? y : Nd4j.pullRows(y, 1, rows);
            int stale = 0;
            int epochs = 0;
            double stageStartLoss = bestLoss;
            try (Progress progress = Progress.upTo("train " + emulator.settings().name() + " " + label, stage.maxEpochs(), "epochs")) {
                while (epochs < stage.maxEpochs()) {
                    long started = System.nanoTime();
                    double trainLoss = epoch(xs, ys, stage.batchSize());
                    double validationLoss = validationLoss();
                    epochs++;
                    LOG.debug("{} epoch {}: train loss {}, validation loss {}, rate {}, {} s", label, history.size() + 1,
                            String.format("%.4g", trainLoss), String.format("%.4g", validationLoss), rate,
                            String.format("%.1f", (System.nanoTime() - started) / 1e9));
                    progress.step(String.format(Locale.ROOT, "train loss %.4g, validation loss %.4g", trainLoss, validationLoss));
                    history.add(new EpochRecord(history.size() + 1, trainLoss, validationLoss, rate));
                    if (validationLoss < bestLoss) {
                        bestLoss = validationLoss;
                        bestEpoch = history.size();
                        best.assign(network.params());
                        stale = 0;
                    } else {
                        stale++;
                    }
                    if (!Double.isFinite(trainLoss)) {
                        LOG.warn("{}: training loss is {} at epoch {}; ending the stage", label, trainLoss, history.size());
                        break;
                    }
                    if (stale >= stage.patience()) {
                        break;
                    }
                    if (schedule.reducesOnPlateau() && stale > 0 && stale % schedule.plateauPatience() == 0) {
                        rate *= schedule.factor();
                        if (rate < schedule.minLearningRate()) {
                            break;
                        }
                        network.setLearningRate(rate);
                        LOG.debug("{}: learning rate reduced to {}", label, rate);
                    }
                }
            }
            network.setParams(best);
            LOG.info("{}: rate {} batch {}: {} epochs, validation loss {} -> {}", label, stage.learningRate(), stage.batchSize(),
                    epochs, stageStartLoss, bestLoss);
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("label", label);
            record.put("learning_rate", stage.learningRate());
            record.put("batch_size", stage.batchSize());
            record.put("epochs", epochs);
            record.put("final_learning_rate", rate);
            record.put("samples", rows == null ? x.rows() : rows.length);
            record.put("best_validation_loss", bestLoss);
            return record;
        }

        /** One pass over the (shuffled) rows in minibatches; returns the mean minibatch loss. */
        double epoch(INDArray xs, INDArray ys, int batchSize) {
            int n = xs.rows();
            int[] order = LatinHypercube.permutation(n, random);
            INDArray xShuffled = Nd4j.pullRows(xs, 1, order);
            INDArray yShuffled = Nd4j.pullRows(ys, 1, order);
            double sum = 0;
            for (int start = 0; start < n; start += batchSize) {
                int end = Math.min(n, start + batchSize);
                if (lean != null) {
                    sum += lean.fit(xShuffled, yShuffled, start, end) * (end - start);
                    continue;
                }
                INDArray xb = xShuffled.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
                INDArray yb = yShuffled.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
                network.fit(xb, yb);
                sum += network.score() * (end - start);
            }
            return sum / n;
        }

        double validationLoss() {
            INDArray predicted = emulator.decodeStandardised(network.output(xValidation, false));
            return predicted.subi(yValidation).muli(predicted).meanNumber().doubleValue();
        }

        void resetOptimiser() {
            INDArray state = network.getUpdater().getStateViewArray();
            if (state != null) {
                state.assign(0);
            }
            network.setIterationCount(0);
            network.setEpochCount(0);
        }
    }

    /** Rows of the training set with the largest max |error| of log10 target over the grid (fine-tuning). */
    static int[] worstSamples(Emulator emulator, TrainingData train, int count) {
        double[][] predicted = emulator.predictLog10(train.inputs());
        int n = predicted.length;
        double[] worst = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < predicted[i].length; j++) {
                worst[i] = Math.max(worst[i], Math.abs(predicted[i][j] - train.targets()[i][j]));
            }
        }
        Integer[] rows = new Integer[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        Arrays.sort(rows, (a, b) -> a.equals(b) ? 0 : worst[a] != worst[b] ? Double.compare(worst[b], worst[a]) : Integer.compare(a, b));
        int[] out = new int[Math.min(count, n)];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows[i];
        }
        Arrays.sort(out);
        return out;
    }

    private static INDArray matrix(double[][] rows, DataType type) {
        return Nd4j.create(rows).castTo(type);
    }

    private static void check(TrainingData data, String split, Standardizer paramScaler, Standardizer targetScaler) {
        if (data.inputs().length == 0) {
            throw new IllegalArgumentException("the " + split + " split is empty");
        }
        if (data.inputs().length != data.targets().length) {
            throw new IllegalArgumentException("the " + split + " split has " + data.inputs().length + " parameter rows and "
                    + data.targets().length + " target rows");
        }
        for (int i = 0; i < data.inputs().length; i++) {
            if (data.inputs()[i].length != paramScaler.columns()) {
                throw new IllegalArgumentException("the " + split + " split's row " + i + " has " + data.inputs()[i].length
                        + " parameters; the scaler has " + paramScaler.columns());
            }
            if (data.targets()[i].length != targetScaler.columns()) {
                throw new IllegalArgumentException("the " + split + " split's row " + i + " has " + data.targets()[i].length
                        + " target values; the scaler has " + targetScaler.columns());
            }
            for (double v : data.targets()[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("the " + split + " split has a non-finite log10 target in row " + i);
                }
            }
        }
    }
}
