package io.emuflow.sampling;

import io.emuflow.data.Parameter;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Latin-hypercube sampling (McKay, Beckman & Conover 1979): each parameter's range is cut into N equal
 * strata and every stratum of every parameter holds exactly one sample; the position inside a stratum is
 * uniform. Seeded with SplittableRandom, whose sequence is fixed by its specification, so a seed gives the
 * same design on every JVM.
 */
public final class LatinHypercube {
    private LatinHypercube() {}

    public static double[][] sample(List<Parameter> parameters, int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("the number of samples must be at least 1, got " + n);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[][] design = new double[n][parameters.size()];
        for (int j = 0; j < parameters.size(); j++) {
            Parameter p = parameters.get(j);
            int[] strata = permutation(n, random);
            double width = (p.upper() - p.lower()) / n;
            for (int i = 0; i < n; i++) {
                double value = p.lower() + (strata[i] + random.nextDouble()) * width;
                design[i][j] = Math.min(value, p.upper());
            }
        }
        return design;
    }

    /** Fisher-Yates shuffle of 0..n-1. */
    public static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
