package io.emuflow.ml.optim;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * The steps of {@link RAdam} (Liu et al. 2020, Algorithm 2), with t = iteration + 1 as ND4J's Adam counts:
 * <pre>
 *   m_t = beta1 m + (1 - beta1) g;   v_t = beta2 v + (1 - beta2) g^2;   mhat = m_t / (1 - beta1^t)
 *   rho_inf = 2 / (1 - beta2) - 1;   rho_t = rho_inf - 2 t beta2^t / (1 - beta2^t)
 *   rho_t >  5:  r_t = sqrt((rho_t - 4)(rho_t - 2) rho_inf / ((rho_inf - 4)(rho_inf - 2) rho_t))
 *                step = lr r_t mhat sqrt(1 - beta2^t) / (sqrt(v_t) + eps)
 *   rho_t <= 5:  step = lr mhat                      (SGD with bias-corrected momentum)
 * </pre>
 * The paper's Algorithm 2 rectifies once rho_t > 4, where r_t is first defined; Liu's own implementation, PyTorch's
 * torch.optim.RAdam and TensorFlow Addons' RectifiedAdam (which the reference search, NNPowerspectra, trains with) switch
 * at 5, where r_t is still only about 0.02 but the variance estimate rests on more than four effective samples. We take
 * 5, to train as the reference does; with beta2 = 0.999 the first five steps are momentum steps (rho_5 = 4.99).
 * Epsilon sits where PyTorch puts it (added to sqrt(v_t)); the paper has none.
 *
 * <p>The rectified step has the form of ND4J's fused native Adam step at the rate lr r_t (same moments, same
 * epsilon placement), so it runs as that one op; a momentum step runs the op for the moments and replaces its step.
 */
public class RAdamUpdater implements GradientUpdater<RAdam> {
    /** rho_t above this: the rectified adaptive step. */
    public static final double RHO_THRESHOLD = 5.0;

    private final RAdam config;
    private INDArray m;
    private INDArray v;

    public RAdamUpdater(RAdam config) {
        this.config = config;
    }

    @Override
    public RAdam getConfig() {
        return config;
    }

    @Override
    public void setState(Map<String, INDArray> state, boolean initialize) {
        if (!state.containsKey("M") || !state.containsKey("V") || state.size() != 2) {
            throw new IllegalStateException("RAdam state must hold exactly M and V, got " + state.keySet());
        }
        m = state.get("M");
        v = state.get("V");
        if (initialize) {
            m.assign(0);
            v.assign(0);
        }
    }

    @Override
    public Map<String, INDArray> getState() {
        Map<String, INDArray> state = new HashMap<>();
        state.put("M", m);
        state.put("V", v);
        return state;
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        if (initialize) {
            viewArray.assign(0);
        }
        INDArray flat = viewArray.reshape(viewArray.length());
        long n = flat.length() / 2;
        m = Shape.newShapeNoCopy(flat.get(NDArrayIndex.interval(0, n)), gradientShape, gradientOrder == 'f');
        v = Shape.newShapeNoCopy(flat.get(NDArrayIndex.interval(n, 2 * n)), gradientShape, gradientOrder == 'f');
        if (m == null || v == null) {
            throw new IllegalStateException("cannot lay the RAdam state out as the gradient's shape " + java.util.Arrays.toString(gradientShape));
        }
    }

    /** Turns the gradient into the step DL4J subtracts from the parameters. */
    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        if (m == null || v == null) {
            throw new IllegalStateException("RAdam has no state: the view array was never set");
        }
        double lr = config.getLearningRate(iteration, epoch);
        double b1 = config.getBeta1();
        double b2 = config.getBeta2();
        int t = iteration + 1;
        double rho = rho(t, b2);
        if (rho > RHO_THRESHOLD) {
            Nd4j.exec(new org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater(gradient.reshape(v.shape()), v, m,
                    lr * rectification(rho, b2), b1, b2, config.getEpsilon(), iteration));
        } else {
            Nd4j.exec(new org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater(gradient.reshape(v.shape()), v, m,
                    lr, b1, b2, config.getEpsilon(), iteration));
            gradient.assign(m.reshape(gradient.shape())).muli(lr / (1 - Math.pow(b1, t)));
        }
    }

    /** rho_t, the length of the approximated simple moving average (Liu et al. 2020, eq. 6 and Algorithm 2). */
    public static double rho(int t, double beta2) {
        double rhoInf = 2 / (1 - beta2) - 1;
        double b2t = Math.pow(beta2, t);
        return rhoInf - 2 * t * b2t / (1 - b2t);
    }

    /** r_t, the variance rectification term (Liu et al. 2020, Algorithm 2), for rho_t > 4. */
    public static double rectification(double rho, double beta2) {
        double rhoInf = 2 / (1 - beta2) - 1;
        return Math.sqrt((rho - 4) * (rho - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rho));
    }
}
