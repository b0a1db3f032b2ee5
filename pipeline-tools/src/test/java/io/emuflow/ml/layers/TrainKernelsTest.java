package io.emuflow.ml.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The training kernels: Vector API and scalar give the same bits, and the scalar ones compute the stated formulas. */
class TrainKernelsTest {
    private static final int N = 7;
    private static final int M = 37; // not a multiple of the vector length: rows end in scalar tails

    private static ByteBuffer random(SplittableRandom r, int n, double scale) {
        ByteBuffer b = ByteBuffer.allocateDirect(n * Float.BYTES).order(ByteOrder.nativeOrder());
        for (int i = 0; i < n; i++) {
            b.putFloat(i * Float.BYTES, (float) ((r.nextDouble() - 0.5) * 2 * scale));
        }
        return b;
    }

    private static float[] floats(ByteBuffer b) {
        float[] out = new float[b.capacity() / Float.BYTES];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getFloat(i * Float.BYTES);
        }
        return out;
    }

    private static float[] randomArray(SplittableRandom r, int n, double scale) {
        return floats(random(r, n, scale));
    }

    @Test
    void vectorAndScalarKernelsAndColumnSplitsGiveTheSameBits() {
        List<TrainKernels> kernels = FusedTrainer.allKernels();
        float[][][] results = new float[kernels.size()][][];
        for (int k = 0; k < kernels.size(); k++) {
            TrainKernels kernel = kernels.get(k);
            SplittableRandom r = new SplittableRandom(3);
            float[] b = randomArray(r, M, 1);
            float[] alpha = randomArray(r, M, 3);
            float[] beta = randomArray(r, M, 2);
            ByteBuffer z = random(r, N * M, 40); // beyond exp's clamp at 87 with alpha up to 3
            ByteBuffer s = random(r, N * M, 1);
            ByteBuffer y = random(r, N * M, 1);
            // the first kernel (scalar) does whole rows, the others in two column ranges: the split changes no bit
            int cut = k == 0 ? M : 16;
            kernel.forward(z, s, y, N, M, 0, cut, b, alpha, beta);
            kernel.forward(z, s, y, N, M, cut, M, b, alpha, beta);
            ByteBuffer e = random(r, N * M, 1);
            float[] db = new float[M];
            float[] da = new float[M];
            float[] dbeta = new float[M];
            kernel.backward(e, z, s, N, M, 0, cut, alpha, beta, db, da, dbeta);
            kernel.backward(e, z, s, N, M, cut, M, alpha, beta, db, da, dbeta);
            ByteBuffer out = random(r, N * M, 1);
            ByteBuffer labels = random(r, (N + 3) * M, 1);
            float[] sse = new float[M];
            float[] dbOut = new float[M];
            kernel.outputDelta(out, labels, 3 * M, N, M, 0, cut, b, 0.01f, sse, dbOut);
            kernel.outputDelta(out, labels, 3 * M, N, M, cut, M, b, 0.01f, sse, dbOut);
            int length = 1003;
            ByteBuffer grad = random(r, length, 1);
            ByteBuffer state = random(r, 2 * length, 0.1);
            for (int i = length; i < 2 * length; i++) {
                state.putFloat(i * Float.BYTES, Math.abs(state.getFloat(i * Float.BYTES)));
            }
            ByteBuffer params = random(r, length, 1);
            int half = k == 0 ? length : 500;
            kernel.adam(grad, state, 0, state, length, params, 0, half, 37f, 0.9f, 0.999f, 1e-8f, 3e-3f);
            kernel.adam(grad, state, 0, state, length, params, half, length, 37f, 0.9f, 0.999f, 1e-8f, 3e-3f);
            results[k] = new float[][] {floats(z), floats(s), floats(y), floats(e), db, da, dbeta, floats(out), sse, dbOut,
                    floats(grad), floats(state), floats(params)};
        }
        for (int k = 1; k < kernels.size(); k++) {
            for (int a = 0; a < results[0].length; a++) {
                assertArrayEquals(results[0][a], results[k][a], kernels.get(k).name() + " array " + a);
            }
        }
    }

    @Test
    void scalarKernelsComputeTheCosmoPowerFormulas() {
        TrainKernels kernel = new TrainKernels.Scalar();
        SplittableRandom r = new SplittableRandom(5);
        float[] b = randomArray(r, M, 1);
        float[] alpha = randomArray(r, M, 3);
        float[] beta = randomArray(r, M, 2);
        ByteBuffer z = random(r, N * M, 3);
        float[] z0 = floats(z);
        ByteBuffer s = random(r, N * M, 1);
        ByteBuffer y = random(r, N * M, 1);
        kernel.forward(z, s, y, N, M, 0, 16, b, alpha, beta);
        kernel.forward(z, s, y, N, M, 16, M, b, alpha, beta);
        ByteBuffer e = random(r, N * M, 1);
        float[] e0 = floats(e);
        float[] db = new float[M];
        float[] da = new float[M];
        float[] dbeta = new float[M];
        kernel.backward(e, z, s, N, M, 0, 16, alpha, beta, db, da, dbeta);
        kernel.backward(e, z, s, N, M, 16, M, alpha, beta, db, da, dbeta);
        double[] sumDz = new double[M];
        double[] sumDa = new double[M];
        double[] sumDb = new double[M];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < M; j++) {
                int at = i * M + j;
                double zz = z0[at] + (double) b[j];
                double sg = 1 / (1 + Math.exp(-alpha[j] * zz));
                double f = (beta[j] + sg * (1 - beta[j])) * zz;
                assertEquals(f, y.getFloat(at * Float.BYTES), 1e-5 * Math.max(1, Math.abs(f)), "y " + at);
                // derivatives of f by central differences in z, alpha and beta (eq. of CosmoPowerDenseLayer)
                double h = 1e-4;
                double dfdz = (cp(zz + h, alpha[j], beta[j]) - cp(zz - h, alpha[j], beta[j])) / (2 * h);
                double dfda = (cp(zz, alpha[j] + h, beta[j]) - cp(zz, alpha[j] - h, beta[j])) / (2 * h);
                double dfdb = (cp(zz, alpha[j], beta[j] + h) - cp(zz, alpha[j], beta[j] - h)) / (2 * h);
                assertEquals(e0[at] * dfdz, e.getFloat(at * Float.BYTES), 1e-4 * Math.max(1, Math.abs(e0[at] * dfdz)), "dz " + at);
                sumDz[j] += e0[at] * dfdz;
                sumDa[j] += e0[at] * dfda;
                sumDb[j] += e0[at] * dfdb;
            }
        }
        for (int j = 0; j < M; j++) {
            assertEquals(sumDz[j], db[j], 1e-4 * Math.max(1, Math.abs(sumDz[j])), "db " + j);
            assertEquals(sumDa[j], (1 - beta[j]) * da[j], 1e-4 * Math.max(1, Math.abs(sumDa[j])), "dalpha " + j);
            assertEquals(sumDb[j], dbeta[j], 1e-4 * Math.max(1, Math.abs(sumDb[j])), "dbeta " + j);
        }
    }

    private static double cp(double z, double alpha, double beta) {
        return (beta + (1 - beta) / (1 + Math.exp(-alpha * z))) * z;
    }

    @Test
    void scalarExpIsWithinTwoUlpOfMathExp() {
        for (double x = -87; x <= 88; x += 0.0137) {
            float v = TrainKernels.Scalar.exp((float) x);
            double exact = Math.exp((float) x);
            assertEquals(exact, v, 2 * Math.ulp((float) exact), "exp(" + x + ")");
        }
    }
}
