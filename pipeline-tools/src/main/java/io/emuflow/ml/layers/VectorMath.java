package io.emuflow.ml.layers;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The CosmoPower activation for float lanes (the gate pass and FastEmulator share it), and its exp, built only from
 * IEEE-exact operations (fma, add, bit reinterpretation, shifts). The Vector API's own EXP is an intrinsic once C2
 * compiles the loop but a per-lane Java fallback before that, and the two differ in the last bit: the same
 * prediction then changed with the JIT's state, and so did validation losses (caught by ScheduleTest). Range reduction and polynomial after Cephes expf (Moshier 1992): exp(x) = 2^n exp(r),
 * r = x - n ln2 in [-ln2/2, ln2/2], about 1-2 ulp.
 */
public final class VectorMath {
    private static final float LOG2E = 1.44269504088896341f;
    private static final float ROUND = 12582912f; // 1.5 * 2^23: adding and subtracting it rounds to an integer
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float BIAS = 8388608f + 127f; // 2^23 + 127

    private VectorMath() {}

    /** The CosmoPower activation (beta + sigmoid(alpha z) (1 - beta)) z, lane by lane. */
    public static FloatVector cosmopower(FloatVector z, FloatVector alpha, FloatVector beta) {
        FloatVector s = FloatVector.broadcast(z.species(), 1f).div(exp(z.mul(alpha).neg()).add(1f));
        // (beta + s (1 - beta)) z = (beta + s - s beta) z
        return z.mul(s.sub(s.mul(beta)).add(beta));
    }

    /** e^x for x in [-87, 88] (clamped to it), the same bits interpreted or compiled. */
    public static FloatVector exp(FloatVector x) {
        FloatVector t = x.max(-87.0f).min(88.0f);
        FloatVector n = t.fma(LOG2E, ROUND).sub(ROUND);
        FloatVector r = n.fma(FloatVector.broadcast(t.species(), -LN2_HI), t);
        r = n.fma(FloatVector.broadcast(t.species(), -LN2_LO), r);
        FloatVector p = r.fma(1.9875691500e-4f, 1.3981999507e-3f);
        p = p.fma(r, FloatVector.broadcast(r.species(), 8.3334519073e-3f));
        p = p.fma(r, FloatVector.broadcast(r.species(), 4.1665795894e-2f));
        p = p.fma(r, FloatVector.broadcast(r.species(), 1.6666665459e-1f));
        p = p.fma(r, FloatVector.broadcast(r.species(), 5.0000001201e-1f));
        FloatVector e = p.mul(r).fma(r, r).add(1f);
        // 2^n without a float-to-int conversion: n + 2^23 + 127 holds 127 + n in its low mantissa bits
        IntVector bits = n.add(BIAS).reinterpretAsInts().lanewise(VectorOperators.LSHL, 23);
        return e.mul(bits.reinterpretAsFloats());
    }
}
