package io.emuflow.ml.inverse;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * DL4J loss of the distributional heads: the negative log-likelihood of the standardised parameters (labels [N, P])
 * under a Gaussian (components = 1) or a mixture of Gaussians (components > 1) per parameter, whose parameters are
 * the layer's output [N, P x block] (layout and equations: {@link MixtureHead}). Per sample the NLL is summed over
 * the parameters; the score is its mean over the minibatch, and the gradient is per sample (DL4J divides by the
 * minibatch size in the updater, as for its own losses).
 *
 * <p>Computed in double precision on the host (minibatches are small: [32, a few dozen]); the result is cast back to
 * the network's data type. Serialised into network.json by DL4J's Jackson (the fields below).
 */
public final class GaussianNllLoss implements ILossFunction {
    private static final long serialVersionUID = 1L;

    @JsonProperty private int parameters;
    @JsonProperty private int components;
    @JsonProperty private double varianceFloor;

    /** For Jackson. */
    private GaussianNllLoss() {
        this(1, 1, MixtureHead.VARIANCE_FLOOR);
    }

    public GaussianNllLoss(int parameters, int components, double varianceFloor) {
        new MixtureHead(parameters, components, varianceFloor); // validates
        this.parameters = parameters;
        this.components = components;
        this.varianceFloor = varianceFloor;
    }

    MixtureHead head() {
        return new MixtureHead(parameters, components, varianceFloor);
    }

    /** Per-sample NLL [N, 1] and, when wanted, dL/dOutput [N, width] (then through the activation). */
    private Pair<INDArray, INDArray> evaluate(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask, boolean gradient) {
        MixtureHead head = head();
        INDArray output = activation.getActivation(preOutput.dup(), true);
        if (output.rank() != 2 || output.size(1) != head.width() || labels.size(1) != parameters || labels.size(0) != output.size(0)) {
            throw new IllegalArgumentException("Gaussian NLL: output " + java.util.Arrays.toString(output.shape()) + " and labels "
                    + java.util.Arrays.toString(labels.shape()) + " do not fit " + parameters + " parameters x " + components + " components");
        }
        double[][] rows = matrix(output);
        double[][] y = matrix(labels);
        double[] rowMask = rowMask(mask, rows.length);
        double[][] score = new double[rows.length][1];
        double[][] grad = gradient ? new double[rows.length][head.width()] : null;
        for (int i = 0; i < rows.length; i++) {
            if (rowMask != null && rowMask[i] == 0) {
                continue;
            }
            double w = rowMask == null ? 1 : rowMask[i];
            score[i][0] = w * head.nll(rows[i], y[i], gradient ? grad[i] : null);
            if (gradient && w != 1) {
                for (int j = 0; j < grad[i].length; j++) {
                    grad[i][j] *= w;
                }
            }
        }
        INDArray scores = Nd4j.create(score).castTo(preOutput.dataType());
        if (!gradient) {
            return Pair.of(scores, null);
        }
        INDArray dLdOut = Nd4j.create(grad).castTo(preOutput.dataType());
        INDArray dLdPre = activation.backprop(preOutput.dup(), dLdOut).getFirst();
        return Pair.of(scores, dLdPre);
    }

    /**
     * [N, M] as double rows through one copy of the buffer: INDArray.toDoubleMatrix reads element by element and took
     * ~100 ms for a [100, 2] minibatch here, which made every training step 15 times slower than the MSE head's.
     */
    static double[][] matrix(INDArray a) {
        int n = (int) a.size(0);
        int m = (int) a.size(1);
        double[] flat = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * m, out[i], 0, m);
        }
        return out;
    }

    private static double[] rowMask(INDArray mask, int rows) {
        if (mask == null) {
            return null;
        }
        if (mask.length() != rows) {
            throw new UnsupportedOperationException("Gaussian NLL supports one mask value per sample only, got mask shape "
                    + java.util.Arrays.toString(mask.shape()));
        }
        return mask.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
        double sum = evaluate(labels, preOutput, activationFn, mask, false).getFirst().castTo(DataType.DOUBLE).sumNumber().doubleValue();
        return average ? sum / labels.size(0) : sum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return evaluate(labels, preOutput, activationFn, mask, false).getFirst();
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return evaluate(labels, preOutput, activationFn, mask, true).getSecond();
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
            boolean average) {
        Pair<INDArray, INDArray> r = evaluate(labels, preOutput, activationFn, mask, true);
        double sum = r.getFirst().castTo(DataType.DOUBLE).sumNumber().doubleValue();
        return Pair.of(average ? sum / labels.size(0) : sum, r.getSecond());
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public String toString() {
        return "GaussianNllLoss(parameters=" + parameters + ", components=" + components + ", varianceFloor=" + varianceFloor + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GaussianNllLoss l && l.parameters == parameters && l.components == components && l.varianceFloor == varianceFloor;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(parameters, components, varianceFloor);
    }
}
