package io.emuflow.ml.layers;

import java.nio.ByteBuffer;

/**
 * The element-wise parts of a {@link FusedTrainer} step, over row-major float arrays in native buffers (ByteBuffers
 * in native byte order; offsets and sizes in floats). Two implementations give the same bits: {@link Scalar} here,
 * and {@code VectorTrainKernels} on the JDK Vector API when the JVM has jdk.incubator.vector. Both do the same float
 * operations in the same order for every element (exp is {@link VectorMath#exp}'s Cephes polynomial, fma where it
 * uses fma), and column sums add the rows in order, column by column, so the choice never changes a trained model.
 */
interface TrainKernels {
    String name();

    /**
     * The CosmoPower forward pass after the product z = x W: z += b (kept), s = sigmoid(alpha z) (kept), y = g z with
     * the gate g = beta + (1 - beta) s, for rows [0, n) and columns [j0, j1) of [n, m].
     */
    void forward(ByteBuffer z, ByteBuffer s, ByteBuffer y, int n, int m, int j0, int j1, float[] b, float[] alpha, float[] beta);

    /**
     * Backprop through the CosmoPower activation: e (dL/dy in, dL/dz out) with the kept z and s; adds the column sums
     * sum_rows dL/dz, sum_rows e z^2 s (1 - s) and sum_rows e z (1 - s) to db, dalphaRaw and dbeta (dL/dalpha is
     * (1 - beta) dalphaRaw; see {@link CosmoPowerDenseLayer} for the formulas); columns [j0, j1) only.
     */
    void backward(ByteBuffer e, ByteBuffer z, ByteBuffer s, int n, int m, int j0, int j1, float[] alpha, float[] beta, float[] db,
            float[] dalphaRaw, float[] dbeta);

    /**
     * The MSE output: out (rows [0, n) of x W) becomes dL/dz = (out + b - y) scale, y read from {@code labels} at float
     * offset {@code labelsAt}; adds the column sums of (out + b - y)^2 to sse and of dL/dz to db; columns [j0, j1) only.
     */
    void outputDelta(ByteBuffer out, ByteBuffer labels, int labelsAt, int n, int m, int j0, int j1, float[] b, float scale, float[] sse,
            float[] db);

    /**
     * Adam as ND4J's adam_updater op computes it (libnd4j updaterAdam.cpp), on the gradient divided by the minibatch size
     * as DL4J's updater divides it, then params -= update; over elements [from, to) of the flattened arrays.
     */
    void adam(ByteBuffer grad, ByteBuffer m, int mAt, ByteBuffer v, int vAt, ByteBuffer params, int from, int to, float batch,
            float beta1, float beta2, float epsilon, float epsilonT);

    /** Plain Java; the reference the vector kernels match bit for bit. */
    final class Scalar implements TrainKernels {
        @Override
        public String name() {
            return "scalar";
        }

        @Override
        public void forward(ByteBuffer z, ByteBuffer s, ByteBuffer y, int n, int m, int j0, int j1, float[] b, float[] alpha,
                float[] beta) {
            for (int i = 0; i < n; i++) {
                for (int j = j0; j < j1; j++) {
                    int at = (i * m + j) * Float.BYTES;
                    float zz = z.getFloat(at) + b[j];
                    float ss = sigmoid(zz * alpha[j]);
                    z.putFloat(at, zz);
                    s.putFloat(at, ss);
                    y.putFloat(at, zz * (ss - ss * beta[j] + beta[j]));
                }
            }
        }

        @Override
        public void backward(ByteBuffer e, ByteBuffer z, ByteBuffer s, int n, int m, int j0, int j1, float[] alpha, float[] beta,
                float[] db, float[] dalphaRaw, float[] dbeta) {
            for (int i = 0; i < n; i++) {
                for (int j = j0; j < j1; j++) {
                    int at = (i * m + j) * Float.BYTES;
                    float ee = e.getFloat(at);
                    float zz = z.getFloat(at);
                    float ss = s.getFloat(at);
                    float t = ee * zz * (1f - ss);              // e z (1 - s)
                    float u = t * ss;                            // e z s (1 - s)
                    float gate = ss - ss * beta[j] + beta[j];
                    float c = (1f - beta[j]) * alpha[j];
                    float dz = ee * gate + u * c;
                    dbeta[j] += t;
                    dalphaRaw[j] += u * zz;
                    db[j] += dz;
                    e.putFloat(at, dz);
                }
            }
        }

        @Override
        public void outputDelta(ByteBuffer out, ByteBuffer labels, int labelsAt, int n, int m, int j0, int j1, float[] b, float scale,
                float[] sse, float[] db) {
            for (int i = 0; i < n; i++) {
                for (int j = j0; j < j1; j++) {
                    int at = (i * m + j) * Float.BYTES;
                    float d = out.getFloat(at) + b[j] - labels.getFloat(at + labelsAt * Float.BYTES);
                    float delta = d * scale;
                    sse[j] += d * d;
                    db[j] += delta;
                    out.putFloat(at, delta);
                }
            }
        }

        @Override
        public void adam(ByteBuffer grad, ByteBuffer m, int mAt, ByteBuffer v, int vAt, ByteBuffer params, int from, int to, float batch,
                float beta1, float beta2, float epsilon, float epsilonT) {
            float oneMinusBeta1 = 1f - beta1;
            float oneMinusBeta2 = 1f - beta2;
            for (int i = from; i < to; i++) {
                int at = i * Float.BYTES;
                int mi = (mAt + i) * Float.BYTES;
                int vi = (vAt + i) * Float.BYTES;
                float g = grad.getFloat(at) / batch;
                float mm = beta1 * m.getFloat(mi) + g * oneMinusBeta1;
                float vv = beta2 * v.getFloat(vi) + g * g * oneMinusBeta2;
                m.putFloat(mi, mm);
                v.putFloat(vi, vv);
                float update = mm * epsilonT / ((float) Math.sqrt(vv) + epsilon);
                grad.putFloat(at, update);
                params.putFloat(at, params.getFloat(at) - update);
            }
        }

        /** 1 / (1 + exp(-x)) with {@link #exp}. */
        static float sigmoid(float x) {
            return 1f / (exp(-x) + 1f);
        }

        /** {@link VectorMath#exp} for one float: the same operations, so the same bits. */
        static float exp(float x) {
            float t = Math.min(Math.max(x, -87.0f), 88.0f);
            float n = Math.fma(t, 1.44269504088896341f, 12582912f) - 12582912f;
            float r = Math.fma(n, -0.693359375f, t);
            r = Math.fma(n, 2.12194440e-4f, r);
            float p = Math.fma(r, 1.9875691500e-4f, 1.3981999507e-3f);
            p = Math.fma(p, r, 8.3334519073e-3f);
            p = Math.fma(p, r, 4.1665795894e-2f);
            p = Math.fma(p, r, 1.6666665459e-1f);
            p = Math.fma(p, r, 5.0000001201e-1f);
            float e = Math.fma(p * r, r, r) + 1f;
            int bits = Float.floatToRawIntBits(n + (8388608f + 127f)) << 23;
            return e * Float.intBitsToFloat(bits);
        }
    }
}
