package io.emuflow.data;

import io.emuflow.sampling.LatinHypercube;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Splits a dataset into train/validation/test by fractions and a seed, and fits the scalers on the
 * training split only (so no information from validation or test leaks into training): parameters are
 * standardised as they are; every target is standardised in log10, with a floor on each column's std.
 */
public final class Splitter {
    private Splitter() {}

    public record Splits(SpectrumDataset train, SpectrumDataset validation, SpectrumDataset test) {}

    public static Splits split(SpectrumDataset data, double trainFraction, double validationFraction, long seed, double stdFloor) {
        requireFinite(data);
        int n = data.size();
        int nTrain = (int) Math.round(trainFraction * n);
        int nValidation = (int) Math.round(validationFraction * n);
        int nTest = n - nTrain - nValidation;
        if (nTrain < 1 || nValidation < 1 || nTest < 1) {
            throw new IllegalArgumentException("cannot split " + n + " samples into " + nTrain + " train, " + nValidation
                    + " validation and " + nTest + " test samples: each split needs at least one");
        }
        int[] order = LatinHypercube.permutation(n, new SplittableRandom(seed));
        int[] train = sorted(Arrays.copyOfRange(order, 0, nTrain));
        int[] validation = sorted(Arrays.copyOfRange(order, nTrain, nTrain + nValidation));
        int[] test = sorted(Arrays.copyOfRange(order, nTrain + nValidation, n));
        SpectrumDataset trainSet = data.selectRows(train).withStep("split");
        Map<String, Standardizer> scalers = new LinkedHashMap<>();
        scalers.put("params", Standardizer.fit(trainSet.params(), 1e-12));
        for (Target t : trainSet.targets().values()) {
            boolean positive = Arrays.stream(t.values()).flatMapToDouble(Arrays::stream).allMatch(v -> v > 0);
            boolean finite = Arrays.stream(t.values()).flatMapToDouble(Arrays::stream).allMatch(Double::isFinite);
            if (positive) {
                scalers.put("targets/" + t.name(), Standardizer.fit(log10(t), stdFloor));
            } else if (!finite) {
                log10(t); // refuses, naming the sample and grid point: NaN/Inf belong to the clean step
            }
            // finite but zero somewhere (a fully ionised 21-cm box has Delta^2 = 0): no log10 scaler; an emulator
            // of this target would be refused by train, and inverse models scale their inputs themselves
        }
        return new Splits(trainSet.withScalers(scalers), data.selectRows(validation).withStep("split"),
                data.selectRows(test).withStep("split"));
    }

    /** log10 of a target's values, refusing non-positive values (spectra must be positive to be learnt in log10). */
    public static double[][] log10(Target target) {
        if (target.log10()) {
            return target.values();
        }
        double[][] out = new double[target.values().length][];
        for (int i = 0; i < out.length; i++) {
            double[] row = target.values()[i];
            out[i] = new double[row.length];
            for (int j = 0; j < row.length; j++) {
                if (!(row[j] > 0)) {
                    throw new IllegalArgumentException("target " + target.name() + " has a non-positive or non-finite value "
                            + row[j] + " (row " + i + ", column " + j + "): run clean first, or learn a positive quantity");
                }
                out[i][j] = Math.log10(row[j]);
            }
        }
        return out;
    }

    /**
     * Refuses NaN and +-Inf anywhere: a scaler fitted on them is NaN, and a NaN spread through the training
     * split by standardisation would silently ruin every model trained on it.
     */
    static void requireFinite(SpectrumDataset data) {
        for (int i = 0; i < data.size(); i++) {
            for (int j = 0; j < data.parameters().size(); j++) {
                if (!Double.isFinite(data.params()[i][j])) {
                    throw new IllegalArgumentException("dataset has a non-finite value " + data.params()[i][j] + " in parameter "
                            + data.parameters().get(j).name() + " of sample id " + data.index()[i] + ": run clean first");
                }
            }
            for (Target t : data.targets().values()) {
                double[] row = t.values()[i];
                for (int j = 0; j < row.length; j++) {
                    if (!Double.isFinite(row[j])) {
                        throw new IllegalArgumentException("dataset has a non-finite value " + row[j] + " in target " + t.name()
                                + " of sample id " + data.index()[i] + " (k = " + data.grid()[j] + "): run clean first");
                    }
                }
            }
        }
    }

    private static int[] sorted(int[] rows) {
        Arrays.sort(rows);
        return rows;
    }
}
