package io.emuflow.ml;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A network's flattened parameters as a bundle stores them (params.bin): little-endian float32 or float64, in
 * DL4J's parameter order, nothing else, so that numpy reads it with one call (docs/models.md).
 */
public final class ParamsFile {
    private ParamsFile() {}

    public static void write(Path file, INDArray params) throws IOException {
        ByteBuffer buffer;
        if (params.dataType() == DataType.DOUBLE) {
            double[] values = params.toDoubleVector();
            buffer = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            buffer.asDoubleBuffer().put(values);
        } else {
            float[] values = params.toFloatVector();
            buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buffer.asFloatBuffer().put(values);
        }
        Files.write(file, buffer.array());
    }

    /** The parameters as a [1, n] row of the network's data type. */
    public static INDArray read(Path file, DataType type) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (type == DataType.DOUBLE) {
            double[] values = new double[buffer.remaining() / 8];
            buffer.asDoubleBuffer().get(values);
            return Nd4j.createFromArray(values).reshape(1, values.length);
        }
        float[] values = new float[buffer.remaining() / 4];
        buffer.asFloatBuffer().get(values);
        return Nd4j.createFromArray(values).reshape(1, values.length);
    }
}
