package io.emuflow.ml;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FastEmulator.Kernels} on the JDK Vector API (incubator module jdk.incubator.vector; start Java with
 * {@code --add-modules jdk.incubator.vector}). The dense layer keeps four vectors of outputs in registers and
 * streams the weights once; loaded only when the module is present.
 */
final class VectorKernels implements FastEmulator.Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public String name() {
        return "vector-api-" + L * 32 + "bit";
    }

    @Override
    public void dense(FastEmulator.Dense layer, float[] x, float[] y) {
        int in = layer.in();
        int out = layer.out();
        float[] w = layer.w();
        float[] b = layer.b();
        int j = 0;
        for (; j + 4 * L <= out; j += 4 * L) {
            FloatVector a0 = FloatVector.fromArray(S, b, j);
            FloatVector a1 = FloatVector.fromArray(S, b, j + L);
            FloatVector a2 = FloatVector.fromArray(S, b, j + 2 * L);
            FloatVector a3 = FloatVector.fromArray(S, b, j + 3 * L);
            for (int i = 0; i < in; i++) {
                FloatVector xi = FloatVector.broadcast(S, x[i]);
                int base = i * out + j;
                a0 = FloatVector.fromArray(S, w, base).fma(xi, a0);
                a1 = FloatVector.fromArray(S, w, base + L).fma(xi, a1);
                a2 = FloatVector.fromArray(S, w, base + 2 * L).fma(xi, a2);
                a3 = FloatVector.fromArray(S, w, base + 3 * L).fma(xi, a3);
            }
            a0.intoArray(y, j);
            a1.intoArray(y, j + L);
            a2.intoArray(y, j + 2 * L);
            a3.intoArray(y, j + 3 * L);
        }
        for (; j + L <= out; j += L) {
            FloatVector a = FloatVector.fromArray(S, b, j);
            for (int i = 0; i < in; i++) {
                a = FloatVector.fromArray(S, w, i * out + j).fma(FloatVector.broadcast(S, x[i]), a);
            }
            a.intoArray(y, j);
        }
        for (; j < out; j++) {
            float a = b[j];
            for (int i = 0; i < in; i++) {
                a = Math.fma(x[i], w[i * out + j], a);
            }
            y[j] = a;
        }
    }

    @Override
    public void cosmopower(float[] y, float[] alpha, float[] beta, int n) {
        int j = 0;
        for (; j + L <= n; j += L) {
            FloatVector v = FloatVector.fromArray(S, y, j);
            FloatVector al = FloatVector.fromArray(S, alpha, j);
            FloatVector be = FloatVector.fromArray(S, beta, j);
            FloatVector s = v.mul(al).neg().lanewise(VectorOperators.EXP).add(1f);
            s = FloatVector.broadcast(S, 1f).div(s);
            // (beta + s (1 - beta)) v = (beta + s - s beta) v
            v.mul(s.sub(s.mul(be)).add(be)).intoArray(y, j);
        }
        for (; j < n; j++) {
            float v = y[j];
            float s = (float) (1 / (1 + Math.exp(-alpha[j] * v)));
            y[j] = (beta[j] + s * (1 - beta[j])) * v;
        }
    }
}
