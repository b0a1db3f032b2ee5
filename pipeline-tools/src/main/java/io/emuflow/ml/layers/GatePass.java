package io.emuflow.ml.layers;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The inference half of {@link CosmoPowerDenseLayer} after its matrix product, as one pass over the product:
 * z = xW + b, y = (beta + sigmoid(alpha z) (1 - beta)) z, in place. Through ND4J this takes five element-wise ops,
 * each streaming the whole [n, m] array through memory; one pass in Java over the array's native buffer is four to
 * eight times faster for a batch of 10,000 x 512 (docs/benchmarks.md, "Neural networks").
 */
public interface GatePass {
    /** Arrays larger than this (in bytes) are left to ND4J: a ByteBuffer is indexed by int. */
    long MAX_BYTES = Integer.MAX_VALUE - 64;

    String name();

    /** Applies bias and gate in place to rows [0, rows) of the row-major float [rows, cols] array in buf. */
    void apply(ByteBuffer buf, int rows, int cols, float[] bias, float[] alpha, float[] beta);

    /**
     * The CosmoPower activation (beta + sigmoid(alpha z) (1 - beta)) z of one element, for the scalar paths (the
     * gate pass's row tails and FastEmulator without the Vector API); {@link VectorMath#cosmopower} is its vector form.
     */
    static float cosmopower(float z, float alpha, float beta) {
        float s = (float) (1 / (1 + Math.exp(-alpha * z)));
        return (beta + s * (1 - beta)) * z;
    }

    /** Whether this pass can work on the array in place: float, row-major, contiguous, not a view. */
    static boolean accepts(INDArray z) {
        return z.dataType() == DataType.FLOAT && z.rank() == 2 && z.ordering() == 'c' && !z.isView()
                && z.offset() == 0 && z.length() * Float.BYTES <= MAX_BYTES;
    }

    /** The Vector API pass when the JVM has jdk.incubator.vector and a 256- or 512-bit unit, otherwise none. */
    static Optional<GatePass> best() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                if (VectorGatePass.supported()) {
                    return Optional.of(new VectorGatePass());
                }
            } catch (LinkageError e) {
                return Optional.empty(); // the module is there but the CPU or JVM cannot use it
            }
        }
        return Optional.empty();
    }
}
