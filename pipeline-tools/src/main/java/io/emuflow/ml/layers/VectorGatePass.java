package io.emuflow.ml.layers;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GatePass} on the JDK Vector API (loaded only when jdk.incubator.vector is present). The sigmoid is
 * 1 / (1 + exp(-alpha z)) with {@link VectorMath#exp} (the formula is {@link VectorMath#cosmopower}, shared with FastEmulator), which gives the same bits interpreted or compiled.
 * Rows are split between the common pool's threads for large arrays; every element is computed on its own, so the
 * result does not depend on the split.
 */
final class VectorGatePass implements GatePass {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    /** Below this many elements one thread does the whole array (splitting costs more than it saves). */
    private static final long PARALLEL_ELEMENTS = 1L << 18;

    static boolean supported() {
        return L == 16 || L == 8;
    }

    @Override
    public String name() {
        return "vector-api-" + L * 32 + "bit";
    }

    @Override
    public void apply(ByteBuffer buf, int rows, int cols, float[] bias, float[] alpha, float[] beta) {
        ByteBuffer b = buf.order(ORDER);
        int parts = (long) rows * cols < PARALLEL_ELEMENTS ? 1 : Math.min(rows, Runtime.getRuntime().availableProcessors());
        if (parts <= 1) {
            rows(b, 0, rows, cols, bias, alpha, beta);
            return;
        }
        IntStream.range(0, parts).parallel().forEach(p ->
                rows(b, (int) ((long) rows * p / parts), (int) ((long) rows * (p + 1) / parts), cols, bias, alpha, beta));
    }

    private static void rows(ByteBuffer buf, int from, int to, int cols, float[] bias, float[] alpha, float[] beta) {
        int vectorEnd = cols - cols % L;
        for (int i = from; i < to; i++) {
            int row = i * cols * Float.BYTES;
            int j = 0;
            for (; j < vectorEnd; j += L) {
                int at = row + j * Float.BYTES;
                FloatVector z = FloatVector.fromByteBuffer(S, buf, at, ORDER).add(FloatVector.fromArray(S, bias, j));
                VectorMath.cosmopower(z, FloatVector.fromArray(S, alpha, j), FloatVector.fromArray(S, beta, j))
                        .intoByteBuffer(buf, at, ORDER);
            }
            for (; j < cols; j++) {
                int at = row + j * Float.BYTES;
                buf.putFloat(at, GatePass.cosmopower(buf.getFloat(at) + bias[j], alpha[j], beta[j]));
            }
        }
    }
}
