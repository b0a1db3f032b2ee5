package io.emuflow.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A scratch file that boxes are written to as soon as each sample is simulated, so that a chunk holds one
 * sample's boxes per thread in memory instead of all of them (jhdf writes a whole HDF5 file at close, so the
 * dataset file is written after the simulation, copying the rows from here). Layout: box column b, row r at
 * byte (b * rows + r) * rowBytes, float32 little-endian. Thread-safe; closing deletes the file.
 */
public final class BoxScratch implements AutoCloseable {
    private final Path file;
    private final List<BoxSpec> specs;
    private final int rows;
    private final FileChannel channel;

    private BoxScratch(Path file, List<BoxSpec> specs, int rows) throws IOException {
        this.file = file;
        this.specs = List.copyOf(specs);
        this.rows = rows;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    public static BoxScratch create(Path file, List<BoxSpec> specs, int rows) {
        try {
            return new BoxScratch(file, specs, rows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the box scratch file " + file + ": " + e.getMessage(), e);
        }
    }

    public List<BoxSpec> specs() {
        return specs;
    }

    /** Writes row {@code row} of box column {@code box} (positional write: samples may arrive from any thread). */
    public void put(int box, int row, float[] values) {
        BoxSpec spec = specs.get(box);
        if (values.length != spec.cells() || row < 0 || row >= rows) {
            throw new IllegalArgumentException("box " + spec.name() + ": row " + row + " of " + values.length + " cells does not fit ["
                    + rows + ", " + spec.cells() + "]");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) spec.rowBytes()).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        long position = offset(box) + row * spec.rowBytes();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer, position + buffer.position());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write box " + spec.name() + " to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Column {@code box} as written so far (rows never written read as zeros). */
    public BoxColumn column(int box) {
        return BoxColumn.inFile(specs.get(box), file, offset(box), rows, ByteOrder.LITTLE_ENDIAN);
    }

    public List<BoxColumn> columns() {
        List<BoxColumn> out = new ArrayList<>();
        for (int b = 0; b < specs.size(); b++) {
            out.add(column(b));
        }
        return out;
    }

    private long offset(int box) {
        long offset = 0;
        for (int b = 0; b < box; b++) {
            offset += rows * specs.get(b).rowBytes();
        }
        return offset;
    }

    @Override
    public void close() {
        try {
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the box scratch file " + file + ": " + e.getMessage(), e);
        }
    }
}
