package io.emuflow.ml.layers;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link TrainKernels} on the JDK Vector API (loaded only when jdk.incubator.vector is present): lane by lane the same
 * float operations as {@link TrainKernels.Scalar}, so the same bits; the scalar code does the tails of rows whose
 * width is not a multiple of the vector length.
 */
final class VectorTrainKernels implements TrainKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private final TrainKernels.Scalar scalar = new TrainKernels.Scalar();

    static boolean supported() {
        return L == 16 || L == 8;
    }

    @Override
    public String name() {
        return "vector-api-" + L * 32 + "bit";
    }

    @Override
    public void forward(ByteBuffer z, ByteBuffer s, ByteBuffer y, int n, int m, int j0, int j1, float[] b, float[] alpha,
            float[] beta) {
        int end = j0 + (j1 - j0) / L * L;
        for (int i = 0; i < n; i++) {
            int row = i * m * Float.BYTES;
            for (int j = j0; j < end; j += L) {
                int at = row + j * Float.BYTES;
                FloatVector zz = FloatVector.fromByteBuffer(S, z, at, ORDER).add(FloatVector.fromArray(S, b, j));
                FloatVector ss = sigmoid(zz.mul(FloatVector.fromArray(S, alpha, j)));
                FloatVector bb = FloatVector.fromArray(S, beta, j);
                zz.intoByteBuffer(z, at, ORDER);
                ss.intoByteBuffer(s, at, ORDER);
                zz.mul(ss.sub(ss.mul(bb)).add(bb)).intoByteBuffer(y, at, ORDER);
            }
        }
        if (end < j1) {
            tails(n, m, end, j1, (i, j, at) -> {
                float zz = z.getFloat(at) + b[j];
                float ss = TrainKernels.Scalar.sigmoid(zz * alpha[j]);
                z.putFloat(at, zz);
                s.putFloat(at, ss);
                y.putFloat(at, zz * (ss - ss * beta[j] + beta[j]));
            });
        }
    }

    @Override
    public void backward(ByteBuffer e, ByteBuffer z, ByteBuffer s, int n, int m, int j0, int j1, float[] alpha, float[] beta,
            float[] db, float[] dalphaRaw, float[] dbeta) {
        int end = j0 + (j1 - j0) / L * L;
        for (int i = 0; i < n; i++) {
            int row = i * m * Float.BYTES;
            for (int j = j0; j < end; j += L) {
                int at = row + j * Float.BYTES;
                FloatVector ee = FloatVector.fromByteBuffer(S, e, at, ORDER);
                FloatVector zz = FloatVector.fromByteBuffer(S, z, at, ORDER);
                FloatVector ss = FloatVector.fromByteBuffer(S, s, at, ORDER);
                FloatVector bb = FloatVector.fromArray(S, beta, j);
                FloatVector t = ee.mul(zz).mul(ss.neg().add(1f));
                FloatVector u = t.mul(ss);
                FloatVector gate = ss.sub(ss.mul(bb)).add(bb);
                FloatVector c = bb.neg().add(1f).mul(FloatVector.fromArray(S, alpha, j));
                FloatVector dz = ee.mul(gate).add(u.mul(c));
                FloatVector.fromArray(S, dbeta, j).add(t).intoArray(dbeta, j);
                FloatVector.fromArray(S, dalphaRaw, j).add(u.mul(zz)).intoArray(dalphaRaw, j);
                FloatVector.fromArray(S, db, j).add(dz).intoArray(db, j);
                dz.intoByteBuffer(e, at, ORDER);
            }
            if (end < j1) {
                // the scalar tail of this row, so that column sums keep the row order
                for (int j = end; j < j1; j++) {
                    int at = row + j * Float.BYTES;
                    float ee = e.getFloat(at);
                    float zz = z.getFloat(at);
                    float ss = s.getFloat(at);
                    float t = ee * zz * (1f - ss);
                    float u = t * ss;
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
    }

    @Override
    public void outputDelta(ByteBuffer out, ByteBuffer labels, int labelsAt, int n, int m, int j0, int j1, float[] b, float scale,
            float[] sse, float[] db) {
        int end = j0 + (j1 - j0) / L * L;
        int shift = labelsAt * Float.BYTES;
        for (int i = 0; i < n; i++) {
            int row = i * m * Float.BYTES;
            for (int j = j0; j < end; j += L) {
                int at = row + j * Float.BYTES;
                FloatVector d = FloatVector.fromByteBuffer(S, out, at, ORDER).add(FloatVector.fromArray(S, b, j))
                        .sub(FloatVector.fromByteBuffer(S, labels, at + shift, ORDER));
                FloatVector delta = d.mul(scale);
                FloatVector.fromArray(S, sse, j).add(d.mul(d)).intoArray(sse, j);
                FloatVector.fromArray(S, db, j).add(delta).intoArray(db, j);
                delta.intoByteBuffer(out, at, ORDER);
            }
            for (int j = end; j < j1; j++) {
                int at = row + j * Float.BYTES;
                float d = out.getFloat(at) + b[j] - labels.getFloat(at + shift);
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
        int end = from + (to - from) / L * L;
        int mShift = mAt * Float.BYTES;
        int vShift = vAt * Float.BYTES;
        for (int i = from; i < end; i += L) {
            int at = i * Float.BYTES;
            FloatVector g = FloatVector.fromByteBuffer(S, grad, at, ORDER).div(batch);
            FloatVector mm = FloatVector.fromByteBuffer(S, m, at + mShift, ORDER).mul(beta1).add(g.mul(oneMinusBeta1));
            FloatVector vv = FloatVector.fromByteBuffer(S, v, at + vShift, ORDER).mul(beta2).add(g.mul(g).mul(oneMinusBeta2));
            mm.intoByteBuffer(m, at + mShift, ORDER);
            vv.intoByteBuffer(v, at + vShift, ORDER);
            FloatVector update = mm.mul(epsilonT).div(vv.lanewise(VectorOperators.SQRT).add(epsilon));
            update.intoByteBuffer(grad, at, ORDER);
            FloatVector.fromByteBuffer(S, params, at, ORDER).sub(update).intoByteBuffer(params, at, ORDER);
        }
        for (int i = end; i < to; i++) {
            int at = i * Float.BYTES;
            int mi = mShift + at;
            int vi = vShift + at;
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

    private static FloatVector sigmoid(FloatVector x) {
        return FloatVector.broadcast(S, 1f).div(VectorMath.exp(x.neg()).add(1f));
    }

    private interface Cell {
        void apply(int i, int j, int at);
    }

    private static void tails(int n, int m, int from, int to, Cell cell) {
        for (int i = 0; i < n; i++) {
            for (int j = from; j < to; j++) {
                cell.apply(i, j, (i * m + j) * Float.BYTES);
            }
        }
    }
}
