package io.emuflow.ml.emulator;

import io.emuflow.ml.layers.VectorMath;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FastEmulator.Kernels} on the JDK Vector API (incubator module jdk.incubator.vector; start Java with
 * {@code --add-modules jdk.incubator.vector}). The dense layer walks four 16-column panels at once, keeping their
 * sums in four 512-bit registers (or eight 256-bit ones) while it streams the panels' weights in order; loaded only
 * when the module is present and the CPU has 256- or 512-bit vectors.
 */
final class VectorKernels implements FastEmulator.Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int W = FastEmulator.Packed.WIDTH;
    private static final FastEmulator.Kernels FALLBACK = new FastEmulator.ScalarKernels();

    @Override
    public String name() {
        return "vector-api-" + L * 32 + "bit";
    }

    static boolean supported() {
        return L == 16 || L == 8;
    }

    @Override
    public void dense(FastEmulator.Packed layer, float[] x, float[] y, int p0, int p1) {
        if (L == 16) {
            dense512(layer, x, y, p0, p1);
        } else if (L == 8) {
            dense256(layer, x, y, p0, p1);
        } else {
            FALLBACK.dense(layer, x, y, p0, p1);
        }
    }

    /** One 16-float vector per panel, four panels at a time. */
    private static void dense512(FastEmulator.Packed layer, float[] x, float[] y, int p0, int p1) {
        int in = layer.in();
        float[] w = layer.weights();
        float[] b = layer.b();
        int block = in * W;
        int p = p0;
        for (; p + 4 <= p1; p += 4) {
            FloatVector a0 = FloatVector.fromArray(S, b, p * W);
            FloatVector a1 = FloatVector.fromArray(S, b, (p + 1) * W);
            FloatVector a2 = FloatVector.fromArray(S, b, (p + 2) * W);
            FloatVector a3 = FloatVector.fromArray(S, b, (p + 3) * W);
            int o0 = p * block;
            for (int i = 0; i < in; i++) {
                FloatVector xi = FloatVector.broadcast(S, x[i]);
                int r = o0 + i * W;
                a0 = FloatVector.fromArray(S, w, r).fma(xi, a0);
                a1 = FloatVector.fromArray(S, w, r + block).fma(xi, a1);
                a2 = FloatVector.fromArray(S, w, r + 2 * block).fma(xi, a2);
                a3 = FloatVector.fromArray(S, w, r + 3 * block).fma(xi, a3);
            }
            a0.intoArray(y, p * W);
            a1.intoArray(y, (p + 1) * W);
            a2.intoArray(y, (p + 2) * W);
            a3.intoArray(y, (p + 3) * W);
        }
        for (; p < p1; p++) {
            FloatVector a = FloatVector.fromArray(S, b, p * W);
            int o = p * block;
            for (int i = 0; i < in; i++) {
                a = FloatVector.fromArray(S, w, o + i * W).fma(FloatVector.broadcast(S, x[i]), a);
            }
            a.intoArray(y, p * W);
        }
    }

    /** Two 8-float vectors per panel, two panels at a time. */
    private static void dense256(FastEmulator.Packed layer, float[] x, float[] y, int p0, int p1) {
        int in = layer.in();
        float[] w = layer.weights();
        float[] b = layer.b();
        int block = in * W;
        int p = p0;
        for (; p + 2 <= p1; p += 2) {
            FloatVector a0 = FloatVector.fromArray(S, b, p * W);
            FloatVector a1 = FloatVector.fromArray(S, b, p * W + L);
            FloatVector a2 = FloatVector.fromArray(S, b, (p + 1) * W);
            FloatVector a3 = FloatVector.fromArray(S, b, (p + 1) * W + L);
            int o0 = p * block;
            for (int i = 0; i < in; i++) {
                FloatVector xi = FloatVector.broadcast(S, x[i]);
                int r = o0 + i * W;
                a0 = FloatVector.fromArray(S, w, r).fma(xi, a0);
                a1 = FloatVector.fromArray(S, w, r + L).fma(xi, a1);
                a2 = FloatVector.fromArray(S, w, r + block).fma(xi, a2);
                a3 = FloatVector.fromArray(S, w, r + block + L).fma(xi, a3);
            }
            a0.intoArray(y, p * W);
            a1.intoArray(y, p * W + L);
            a2.intoArray(y, (p + 1) * W);
            a3.intoArray(y, (p + 1) * W + L);
        }
        for (; p < p1; p++) {
            FloatVector a0 = FloatVector.fromArray(S, b, p * W);
            FloatVector a1 = FloatVector.fromArray(S, b, p * W + L);
            int o = p * block;
            for (int i = 0; i < in; i++) {
                FloatVector xi = FloatVector.broadcast(S, x[i]);
                a0 = FloatVector.fromArray(S, w, o + i * W).fma(xi, a0);
                a1 = FloatVector.fromArray(S, w, o + i * W + L).fma(xi, a1);
            }
            a0.intoArray(y, p * W);
            a1.intoArray(y, p * W + L);
        }
    }

    @Override
    public void cosmopower(float[] y, float[] alpha, float[] beta, int from, int to) {
        // from and to are multiples of the panel width, hence of L
        for (int j = from; j + L <= to; j += L) {
            VectorMath.cosmopower(FloatVector.fromArray(S, y, j), FloatVector.fromArray(S, alpha, j),
                    FloatVector.fromArray(S, beta, j)).intoArray(y, j);
        }
    }
}
