package io.emuflow.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One column of boxes, {@code /boxes/<name>} [N, D, D, D], read a row at a time: a chunk of 5000 samples of
 * 64^3 cells is 5 GB per box name, more than a step should hold. Rows live where they were made (a dataset
 * file, a simulation's scratch file, or arrays in memory); selecting, reordering and gathering rows (clean,
 * split, merge) only makes new row maps, and {@link DatasetFile} copies the rows when it writes.
 */
public final class BoxColumn {
    /** Rows of float32 cells in some storage. */
    private interface Source {
        void read(int row, float[] into) throws IOException;
    }

    private final BoxSpec spec;
    private final List<Source> sources;
    private final int[] sourceOf;
    private final int[] rowOf;

    private BoxColumn(BoxSpec spec, List<Source> sources, int[] sourceOf, int[] rowOf) {
        this.spec = spec;
        this.sources = List.copyOf(sources);
        this.sourceOf = sourceOf;
        this.rowOf = rowOf;
    }

    /** Rows held in memory, each of {@code spec.cells()} values. */
    public static BoxColumn inMemory(BoxSpec spec, float[][] rows) {
        for (float[] row : rows) {
            if (row.length != spec.cells()) {
                throw new IllegalArgumentException("box " + spec.name() + ": a row has " + row.length + " cells, expected " + spec.cells());
            }
        }
        float[][] copy = rows.clone();
        return identity(spec, (row, into) -> System.arraycopy(copy[row], 0, into, 0, into.length), rows.length);
    }

    /** {@code rows} consecutive float32 rows of a file, starting at byte {@code offset}. */
    public static BoxColumn inFile(BoxSpec spec, Path file, long offset, int rows, ByteOrder order) {
        long rowBytes = spec.rowBytes();
        Source source = (row, into) -> {
            ByteBuffer buffer = ByteBuffer.allocate((int) rowBytes).order(order);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                long position = offset + row * rowBytes;
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, position + buffer.position()) < 0) {
                        throw new IOException(file + " ends inside row " + row + " of box " + spec.name());
                    }
                }
            }
            buffer.flip();
            buffer.asFloatBuffer().get(into);
        };
        return identity(spec, source, rows);
    }

    private static BoxColumn identity(BoxSpec spec, Source source, int rows) {
        int[] rowOf = new int[rows];
        Arrays.setAll(rowOf, i -> i);
        return new BoxColumn(spec, List.of(source), new int[rows], rowOf);
    }

    /**
     * Row i of the result is row {@code rowOf[i]} of {@code columns.get(columnOf[i])}: the merge of chunks. All columns
     * must describe the same box.
     */
    public static BoxColumn gather(List<BoxColumn> columns, int[] columnOf, int[] rowOf) {
        BoxSpec spec = columns.get(0).spec;
        List<Source> sources = new ArrayList<>();
        int[] firstSource = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            BoxColumn column = columns.get(c);
            if (!column.spec.equals(spec)) {
                throw new IllegalArgumentException("box " + spec.name() + " differs between inputs: " + spec + " and " + column.spec);
            }
            firstSource[c] = sources.size();
            sources.addAll(column.sources);
        }
        int[] newSource = new int[rowOf.length];
        int[] newRow = new int[rowOf.length];
        for (int i = 0; i < rowOf.length; i++) {
            BoxColumn column = columns.get(columnOf[i]);
            newSource[i] = firstSource[columnOf[i]] + column.sourceOf[rowOf[i]];
            newRow[i] = column.rowOf[rowOf[i]];
        }
        return new BoxColumn(spec, sources, newSource, newRow);
    }

    public BoxSpec spec() {
        return spec;
    }

    public int rows() {
        return rowOf.length;
    }

    /** The rows at the given positions, in that order. */
    public BoxColumn select(int[] rows) {
        int[] newSource = new int[rows.length];
        int[] newRow = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            newSource[i] = sourceOf[rows[i]];
            newRow[i] = rowOf[rows[i]];
        }
        return new BoxColumn(spec, sources, newSource, newRow);
    }

    /** Reads row {@code row} into {@code into} (length {@code spec().cells()}). */
    public void read(int row, float[] into) {
        if (row < 0 || row >= rowOf.length) {
            throw new IndexOutOfBoundsException("box " + spec.name() + " has " + rowOf.length + " rows, asked for row " + row);
        }
        if (into.length != spec.cells()) {
            throw new IllegalArgumentException("box " + spec.name() + " rows have " + spec.cells() + " cells, buffer has " + into.length);
        }
        try {
            sources.get(sourceOf[row]).read(rowOf[row], into);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read row " + row + " of box " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    /** Row {@code row} as a new array: cell (i, j, k) at (i*D + j)*D + k. */
    public float[] row(int row) {
        float[] out = new float[spec.cells()];
        read(row, out);
        return out;
    }
}
