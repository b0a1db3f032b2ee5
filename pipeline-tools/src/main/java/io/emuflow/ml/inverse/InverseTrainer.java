package io.emuflow.ml.inverse;

import io.emuflow.data.SpectrumDataset;
import io.emuflow.data.Standardizer;
import io.emuflow.sampling.LatinHypercube;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Trains an inverse model on the training split with Adam in shuffled minibatches; after every epoch the
 * validation loss (MSE of the standardised parameters, or the summed cross-entropy of the class heads) decides:
 * the best weights are kept, the learning rate is halved after {@code plateau_patience} epochs without
 * improvement, and training stops after {@code patience} such epochs (or at {@code max_epochs}); the model ends
 * with the best weights. Input scalers and the parameter scaler are fitted on the training split only.
 *
 * <p>Deterministic for a given seed and thread count: the initial weights come from the seed, the minibatch
 * order from a SplittableRandom of the seed, and nothing else is random (no dropout unless configured).
 */
public final class InverseTrainer {

    private InverseTrainer() {}

    public static InverseModel train(InverseSettings settings, SpectrumDataset train, SpectrumDataset validation, long seed) {
        if (train.size() == 0 || validation.size() == 0) {
            throw new IllegalArgumentException("the training and validation splits must not be empty (" + train.size() + ", "
                    + validation.size() + " samples)");
        }
        if (settings.network() == InverseSettings.Network.CNN3D) {
            if (!train.study().equals(validation.study()) || !train.parameterNames().equals(validation.parameterNames())) {
                throw new IllegalArgumentException("the training and validation splits differ in study or parameters");
            }
            return BoxTrainer.train(settings, train, validation, seed); // boxes, streamed in minibatches
        }
        if (!train.study().equals(validation.study()) || !train.parameterNames().equals(validation.parameterNames())
                || !Arrays.equals(train.grid(), validation.grid())) {
            throw new IllegalArgumentException("the training and validation splits differ in study, parameters or k grid");
        }
        long started = System.nanoTime();
        SpectrumFeatures features = SpectrumFeatures.fit(train, settings.inputs(), settings.log10Inputs(), settings.logOffset());
        Standardizer paramScaler = train.scalers().containsKey("params")
                ? train.scalers().get("params") // written by `split`, fitted on this very split
                : Standardizer.fit(train.params(), 1e-12);
        int channels = features.channels() + (settings.network() == InverseSettings.Network.CNN && settings.coordinateChannel() ? 1 : 0);
        Nd4j.getRandom().setSeed(seed);
        ComputationGraph network = InverseNetworkFactory.build(settings, channels, features.length(), train.parameters().size(), seed);
        InverseModel shell = new InverseModel(network, settings, train.study(), train.parameters(), features, paramScaler, List.of(), Map.of());
        DataType type = network.getConfiguration().getDataType();

        INDArray x = InverseModel.matrix(features.standardised(train), settings, features, type);
        INDArray[] y = labels(shell, train, type);
        INDArray xValidation = shell.networkInput(features.standardised(validation));
        INDArray[] yValidation = labels(shell, validation, type);

        SplittableRandom random = new SplittableRandom(seed);
        EarlyStopping.Outcome run = EarlyStopping.run(settings, network,
                () -> epoch(network, x, y, settings.batchSize(), random, rows -> InverseModel.toNetworkShape(rows, settings, features)),
                () -> validationLoss(network, xValidation, yValidation, shell.isClassifier()));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("seed", seed);
        summary.put("train_samples", train.size());
        summary.put("validation_samples", validation.size());
        summary.put("inputs", features.inputs());
        summary.put("best_validation_loss", run.bestLoss());
        summary.put("best_epoch", run.bestEpoch());
        summary.put("epochs", run.history().size());
        summary.put("stopped_by", run.stoppedBy());
        summary.put("network_parameters", network.numParams());
        summary.put("seconds", (System.nanoTime() - started) / 1e9);
        summary.put("threads", System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
        // the posteriors' recalibration is fitted on the validation split (never test) and stored in the bundle
        return Recalibration.attach(new InverseModel(network, settings, train.study(), train.parameters(), features, paramScaler,
                run.history(), summary), validation);
    }

    /** A cnn3d network as train-inverse builds it, untrained: for timing (bench-cnn3d). */
    public static ComputationGraph cnn3dNetwork(InverseSettings settings, int channels, int dim, int parameters, long seed) {
        return Cnn3dNetworkFactory.build(settings, channels, dim, parameters, seed);
    }

    /**
     * One epoch of train-inverse over the boxes of {@code data} (scaled, and turned by a random cube symmetry with
     * {@code augment}, minibatch by minibatch, as in training), each time the runnable is called: for timing an epoch
     * (bench-cnn3d) against other frameworks. {@code y} holds the standardised parameters.
     */
    public static Runnable boxEpochRunner(InverseSettings settings, ComputationGraph network, SpectrumDataset data, INDArray y,
            SplittableRandom random) {
        BoxFeatures.Batches batches = BoxFeatures.fit(data, settings.boxSettings()).batches(data, network.getConfiguration().getDataType(),
                "the benchmark's boxes");
        return () -> BoxTrainer.epoch(network, batches, y, settings.batchSize(), random, settings.boxSettings().augment());
    }

    /**
     * Regression: one [N, P] array of standardised parameters. Classification: one [N, classes] array per parameter,
     * one-hot, or with {@code label_sigma} > 0 a Gaussian over the class centres around the true value (normalised),
     * so that neighbouring classes are cheaper mistakes than distant ones (label distribution learning, Gao et al.
     * 2017, IEEE TIP 26, 2825).
     */
    static INDArray[] labels(InverseModel model, SpectrumDataset data, DataType type) {
        if (!model.isClassifier()) {
            return new INDArray[] {Nd4j.create(model.paramScaler().transform(data.params())).castTo(type)};
        }
        int[][] classes = model.trueClasses(data);
        int count = model.settings().classes();
        double sigma = model.settings().labelSigma();
        INDArray[] out = new INDArray[classes[0].length];
        for (int p = 0; p < out.length; p++) {
            ParameterClasses bins = model.classes().get(p);
            double[][] labels = new double[classes.length][count];
            for (int i = 0; i < classes.length; i++) {
                if (sigma == 0) {
                    labels[i][classes[i][p]] = 1;
                    continue;
                }
                double position = (data.params()[i][p] - bins.lower()) / bins.width(); // in class widths from the lower edge
                double sum = 0;
                for (int c = 0; c < count; c++) {
                    double d = (c + 0.5 - position) / sigma;
                    labels[i][c] = Math.exp(-0.5 * d * d);
                    sum += labels[i][c];
                }
                for (int c = 0; c < count; c++) {
                    labels[i][c] /= sum;
                }
            }
            out[p] = Nd4j.create(labels).castTo(type);
        }
        return out;
    }

    /** One pass over the shuffled rows in minibatches; returns the mean minibatch loss. */
    private static double epoch(ComputationGraph network, INDArray x, INDArray[] y, int batchSize, SplittableRandom random,
            UnaryOperator<INDArray> shape) {
        int n = (int) x.size(0);
        int[] order = LatinHypercube.permutation(n, random);
        INDArray xs = Nd4j.pullRows(x, 1, order);
        INDArray[] ys = new INDArray[y.length];
        for (int h = 0; h < y.length; h++) {
            ys[h] = Nd4j.pullRows(y[h], 1, order);
        }
        double sum = 0;
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            INDArray[] yb = new INDArray[ys.length];
            for (int h = 0; h < ys.length; h++) {
                yb[h] = rows(ys[h], start, end);
            }
            network.fit(new INDArray[] {shape.apply(rows(xs, start, end))}, yb);
            sum += network.score() * (end - start);
        }
        return sum / n;
    }

    private static INDArray rows(INDArray a, int start, int end) {
        return a.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
    }

    /**
     * MSE of the standardised parameters (point regression), their mean NLL (Gaussian or mixture head), or the summed
     * mean cross-entropy of the heads (classification).
     */
    static double validationLoss(ComputationGraph network, INDArray x, INDArray[] y, boolean classifier) {
        INDArray[] out = network.output(false, x);
        double loss = 0;
        for (int h = 0; h < out.length; h++) {
            INDArray predicted = out[h].castTo(DataType.DOUBLE);
            INDArray truth = y[h].castTo(DataType.DOUBLE);
            if (classifier) {
                // -mean_i log p_i(true class); probabilities floored so that a confident miss stays finite
                INDArray logP = org.nd4j.linalg.ops.transforms.Transforms.log(
                        org.nd4j.linalg.ops.transforms.Transforms.max(predicted, 1e-12), false);
                loss += -logP.muli(truth).sumNumber().doubleValue() / truth.size(0);
            } else if (((org.deeplearning4j.nn.conf.layers.BaseOutputLayer) network.getOutputLayer(h).conf().getLayer())
                    .getLossFn() instanceof GaussianNllLoss nll) {
                // distributional head: its mean NLL per sample (summed over the parameters), the training loss itself
                loss += nll.computeScore(truth, predicted, new org.nd4j.linalg.activations.impl.ActivationIdentity(), null, true);
            } else {
                INDArray d = predicted.sub(truth);
                loss += d.muli(d).meanNumber().doubleValue();
            }
        }
        return loss;
    }
}
