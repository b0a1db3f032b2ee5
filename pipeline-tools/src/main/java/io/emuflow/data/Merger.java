package io.emuflow.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Gathers simulated chunks into one dataset ordered by sample id, so the result is the same whatever the
 * chunk size or the order in which chunks finished.
 */
public final class Merger {
    private Merger() {}

    public static SpectrumDataset merge(List<SpectrumDataset> chunks) {
        if (chunks.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge: no chunk files given");
        }
        SpectrumDataset first = chunks.get(0);
        int total = 0;
        for (SpectrumDataset c : chunks) {
            requireCompatible(first, c);
            total += c.size();
        }
        record Row(long id, SpectrumDataset chunk, int chunkNumber, int row) {}
        List<Row> rows = new ArrayList<>(total);
        for (int c = 0; c < chunks.size(); c++) {
            for (int i = 0; i < chunks.get(c).size(); i++) {
                rows.add(new Row(chunks.get(c).index()[i], chunks.get(c), c, i));
            }
        }
        rows.sort(Comparator.comparingLong(Row::id));
        long[] index = new long[total];
        double[][] params = new double[total][];
        Map<String, double[][]> values = new LinkedHashMap<>();
        for (String name : first.targets().keySet()) {
            values.put(name, new double[total][]);
        }
        for (int i = 0; i < total; i++) {
            Row r = rows.get(i);
            if (i > 0 && index[i - 1] == r.id()) {
                throw new IllegalArgumentException("sample id " + r.id() + " appears in two chunks");
            }
            index[i] = r.id();
            params[i] = r.chunk().params()[r.row()];
            for (Map.Entry<String, double[][]> e : values.entrySet()) {
                e.getValue()[i] = r.chunk().targets().get(e.getKey()).values()[r.row()];
            }
        }
        Map<String, Target> targets = new LinkedHashMap<>();
        for (Target t : first.targets().values()) {
            targets.put(t.name(), new Target(t.name(), t.units(), t.log10(), values.get(t.name())));
        }
        // boxes: only the row map is built here; the rows are copied from the chunk files when the result is written
        int[] chunkOf = rows.stream().mapToInt(Row::chunkNumber).toArray();
        int[] rowOf = rows.stream().mapToInt(Row::row).toArray();
        Map<String, BoxColumn> boxes = new LinkedHashMap<>();
        for (String name : first.boxes().keySet()) {
            boxes.put(name, BoxColumn.gather(chunks.stream().map(c -> c.boxes().get(name)).toList(), chunkOf, rowOf));
        }
        return new SpectrumDataset(first.study(), "merge", index, first.parameters(), params, first.grid(), first.gridUnits(),
                targets, Map.of(), boxes);
    }

    private static void requireCompatible(SpectrumDataset a, SpectrumDataset b) {
        if (!Objects.equals(a.study(), b.study())) {
            throw new IllegalArgumentException("chunks come from different studies: " + a.study() + " and " + b.study());
        }
        if (!a.parameters().equals(b.parameters())) {
            throw new IllegalArgumentException("chunks have different parameters: " + a.parameterNames() + " and " + b.parameterNames());
        }
        if (!Arrays.equals(a.grid(), b.grid())) {
            throw new IllegalArgumentException("chunks have different k grids");
        }
        if (!a.targets().keySet().equals(b.targets().keySet())) {
            throw new IllegalArgumentException("chunks have different targets: " + a.targets().keySet() + " and " + b.targets().keySet());
        }
        if (!a.boxes().keySet().equals(b.boxes().keySet())) {
            throw new IllegalArgumentException("chunks have different boxes: " + a.boxes().keySet() + " and " + b.boxes().keySet());
        }
        for (String name : a.boxes().keySet()) {
            if (!a.boxes().get(name).spec().equals(b.boxes().get(name).spec())) {
                throw new IllegalArgumentException("chunks describe box " + name + " differently: " + a.boxes().get(name).spec()
                        + " and " + b.boxes().get(name).spec());
            }
        }
    }
}
