package io.emuflow.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Removes non-finite values (NaN, +-Inf) from a dataset by a stated policy and says exactly what it removed.
 * <ul>
 *   <li>{@code drop-rows}: drop every sample with a non-finite parameter or target value;</li>
 *   <li>{@code drop-columns}: drop every grid point (k) where any sample is non-finite, then any sample
 *       whose parameters are non-finite;</li>
 *   <li>{@code fail}: refuse the dataset if anything is non-finite.</li>
 * </ul>
 * If more than {@code maxRemovedFraction} of the rows (or columns) would go, the step fails instead: a
 * simulator that breaks that often needs attention, not silent cleaning.
 */
public final class Cleaner {
    private Cleaner() {}

    public record Report(String policy, int rowsIn, int rowsOut, int columnsIn, int columnsOut,
                         List<Long> removedSampleIds, List<Double> removedGridValues) {}

    public record Result(SpectrumDataset dataset, Report report) {}

    public static Result clean(SpectrumDataset data, String policy, double maxRemovedFraction) {
        int columns = data.grid() == null ? 0 : data.grid().length;
        return switch (policy) {
            case "drop-rows" -> dropRows(data, maxRemovedFraction, policy, columns);
            case "drop-columns" -> dropColumns(data, maxRemovedFraction, columns);
            case "fail" -> {
                Result r = dropRows(data, 1.0, policy, columns);
                if (!r.report().removedSampleIds().isEmpty()) {
                    throw new IllegalArgumentException("dataset has non-finite values in " + r.report().removedSampleIds().size()
                            + " samples (first id " + r.report().removedSampleIds().get(0) + ") and the cleaning policy is 'fail'");
                }
                yield r;
            }
            default -> throw new IllegalArgumentException("unknown cleaning policy '" + policy + "' (drop-rows, drop-columns, fail)");
        };
    }

    private static Result dropRows(SpectrumDataset data, double maxFraction, String policy, int columns) {
        List<Integer> keep = new ArrayList<>();
        List<Long> removed = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            if (rowIsFinite(data, i)) {
                keep.add(i);
            } else {
                removed.add(data.index()[i]);
            }
        }
        checkFraction(removed.size(), data.size(), maxFraction, "samples");
        SpectrumDataset out = data.selectRows(keep.stream().mapToInt(Integer::intValue).toArray()).withStep("clean");
        return new Result(out, new Report(policy, data.size(), out.size(), columns, columns, removed, List.of()));
    }

    private static Result dropColumns(SpectrumDataset data, double maxFraction, int columns) {
        List<Integer> keepColumns = new ArrayList<>();
        List<Double> removedColumns = new ArrayList<>();
        for (int j = 0; j < columns; j++) {
            boolean finite = true;
            for (Target t : data.targets().values()) {
                for (double[] row : t.values()) {
                    finite &= Double.isFinite(row[j]);
                }
            }
            if (finite) {
                keepColumns.add(j);
            } else {
                removedColumns.add(data.grid()[j]);
            }
        }
        checkFraction(removedColumns.size(), columns, maxFraction, "grid columns");
        SpectrumDataset narrowed = data.selectColumns(keepColumns.stream().mapToInt(Integer::intValue).toArray());
        Result rows = dropRows(narrowed, maxFraction, "drop-columns", keepColumns.size());
        Report r = rows.report();
        return new Result(rows.dataset(), new Report("drop-columns", data.size(), r.rowsOut(), columns, keepColumns.size(),
                r.removedSampleIds(), removedColumns));
    }

    private static boolean rowIsFinite(SpectrumDataset data, int i) {
        for (double v : data.params()[i]) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        for (Target t : data.targets().values()) {
            for (double v : t.values()[i]) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void checkFraction(int removed, int total, double maxFraction, String what) {
        if (total > 0 && removed > maxFraction * total) {
            throw new IllegalArgumentException("cleaning would remove " + removed + " of " + total + " " + what
                    + ", more than the allowed fraction " + maxFraction);
        }
        if (removed == total && total > 0) {
            throw new IllegalArgumentException("cleaning would remove all " + total + " " + what);
        }
    }
}
