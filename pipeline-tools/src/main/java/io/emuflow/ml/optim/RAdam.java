package io.emuflow.ml.optim;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Rectified Adam (Liu et al. 2020, ICLR, "On the Variance of the Adaptive Learning Rate and Beyond", Algorithm 2):
 * Adam whose adaptive step is multiplied by the variance rectification term r_t, and which takes plain
 * bias-corrected momentum steps while the variance of the adaptive rate is intractable. The configuration
 * (rate or rate schedule, beta1, beta2, epsilon) is what DL4J stores in network.json; {@link RAdamUpdater} does the
 * steps. Defaults as PyTorch's torch.optim.RAdam and TensorFlow Addons' RectifiedAdam: beta1 0.9, beta2 0.999,
 * epsilon 1e-8.
 *
 * <p>Jackson (ND4J's shaded one, as for ND4J's updaters) writes and reads the fields; keep them non-final.
 */
public class RAdam implements IUpdater {
    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPSILON = 1e-8;

    private double learningRate = DEFAULT_LEARNING_RATE;
    private ISchedule learningRateSchedule;
    private double beta1 = DEFAULT_BETA1;
    private double beta2 = DEFAULT_BETA2;
    private double epsilon = DEFAULT_EPSILON;

    /** For Jackson. */
    public RAdam() {}

    public RAdam(double learningRate) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    public RAdam(double learningRate, double beta1, double beta2, double epsilon) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 > 0 && beta2 < 1) || !(epsilon >= 0)) {
            throw new IllegalArgumentException("RAdam needs 0 <= beta1 < 1, 0 < beta2 < 1 and epsilon >= 0; got beta1 " + beta1
                    + ", beta2 " + beta2 + ", epsilon " + epsilon);
        }
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    /** State per parameter: the first and the second moment (m, then v). */
    @Override
    public long stateSize(long numParams) {
        return 2 * numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        RAdamUpdater updater = new RAdamUpdater(this);
        // as ND4J's Adam: the state view is [1, 2n] (m, then v); the gradient it serves is [1, n]
        INDArray row = viewArray.reshape(1, viewArray.length());
        updater.setStateViewArray(row, new long[] {1, row.length() / 2}, row.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        RAdamUpdater updater = new RAdamUpdater(this);
        updater.setState(updaterState, initializeStateArrays);
        return updater;
    }

    @Override
    public RAdam clone() {
        RAdam copy = new RAdam(learningRate, beta1, beta2, epsilon);
        copy.learningRateSchedule = learningRateSchedule == null ? null : learningRateSchedule.clone();
        return copy;
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRateSchedule != null ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    /** What MultiLayerNetwork.setLearningRate calls: the rate of each stage of a schedule. */
    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        this.learningRate = lr;
        this.learningRateSchedule = lrSchedule;
    }

    public double getLearningRate() {
        return learningRate;
    }

    public ISchedule getLearningRateSchedule() {
        return learningRateSchedule;
    }

    public double getBeta1() {
        return beta1;
    }

    public double getBeta2() {
        return beta2;
    }

    public double getEpsilon() {
        return epsilon;
    }

    /** DL4J groups layers with equal updaters into one block: equality is by value. */
    @Override
    public boolean equals(Object o) {
        return o instanceof RAdam r && Double.compare(learningRate, r.learningRate) == 0 && Objects.equals(learningRateSchedule,
                r.learningRateSchedule) && Double.compare(beta1, r.beta1) == 0 && Double.compare(beta2, r.beta2) == 0
                && Double.compare(epsilon, r.epsilon) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, learningRateSchedule, beta1, beta2, epsilon);
    }

    @Override
    public String toString() {
        return "RAdam(learningRate=" + learningRate + ", learningRateSchedule=" + learningRateSchedule + ", beta1=" + beta1
                + ", beta2=" + beta2 + ", epsilon=" + epsilon + ")";
    }
}
