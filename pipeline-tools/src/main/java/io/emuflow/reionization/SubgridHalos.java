package io.emuflow.reionization;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Discreteness of the sources inside a partially ionized cell at the last (cell-scale) excursion-set step, as
 * 21cmFAST v3 treats it when it has no halo field (ComputeIonizedBox in IonisationBox.c of v3.3-v3.4, the version of
 * the reference figures, at its last filter step, with N_POISSON = 5, its global default; v4 dropped the scheme). The scheme mimics discrete halos below the grid scale
 * (21cmFAST's documentation of N_POISSON refers to Zahn et al. 2011, MNRAS 414, 727); the conditional collapsed
 * fraction f of the cell (Mesinger, Furlanetto &amp; Cen 2011, eq. 1, rescaled to the Sheth-Tormen mean) only gives
 * the mean.
 *
 * <ol>
 *   <li>Mean collapsed mass of the cell: M = f (1 + delta) M_cell, with M_cell = rho_m V_cell the mass of a mean
 *       density cell, and mean number of M_min halos n = M / M_min.</li>
 *   <li>If n &lt; N_POISSON, f is scaled by N / N_POISSON, with N drawn from a Poisson distribution of mean
 *       N_POISSON: a scatter of relative variance 1 / N_POISSON that keeps the mean of f. The Poisson mean is the
 *       fixed N_POISSON, not n: the scatter does not grow as n falls.</li>
 *   <li>If n &lt; 1/5 (a fifth of an M_min halo on average), f = 0: the cell holds no source.</li>
 * </ol>
 * The partial neutral fraction is then 1 - zeta f, clamped to [0, 1] by the caller.
 *
 * <p>Until issue 20 this simulator drew the number of M_min halos itself, N ~ Poisson(n), and set f = N M_min / M
 * (the scheme of 21cmFAST v1's find_HII_bubbles.c): a relative variance 1/n, larger than 21cmFAST v3's 1/5 in every
 * cell with n &lt; 5, which made the highest k bins up to 24% too high against 21cmFAST v3.4 (docs/accuracy.md).
 */
public final class SubgridHalos {
    /** 21cmFAST v3's N_POISSON (global parameter, default 5). */
    public static final int N_POISSON = 5;
    /** Below this mean number of M_min halos a cell gets no partial ionization. */
    public static final double MIN_HALOS = 0.2;

    /** Cumulative Poisson(N_POISSON) probabilities P(N &lt;= k), up to where they reach 1 in double precision. */
    private static final double[] CUMULATIVE = cumulative(N_POISSON);

    private SubgridHalos() {}

    /**
     * The collapsed fraction of a cell after the sub-grid treatment.
     *
     * @param f the cell's (rescaled) conditional collapsed fraction
     * @param meanHalos n, the mean number of M_min halos in the cell
     */
    public static double collapsedFraction(double f, double meanHalos, SplittableRandom random) {
        if (meanHalos < MIN_HALOS) {
            return 0;
        }
        if (meanHalos < N_POISSON) {
            return f * poissonOfMeanNPoisson(random) / N_POISSON;
        }
        return f;
    }

    /**
     * A Poisson variate of mean N_POISSON by inversion with a sequential search of the cumulative distribution
     * (Devroye 1986, Non-Uniform Random Variate Generation, section X.3.3): one uniform per variate.
     */
    static int poissonOfMeanNPoisson(SplittableRandom random) {
        double u = random.nextDouble();
        int k = 0;
        while (k < CUMULATIVE.length - 1 && u >= CUMULATIVE[k]) {
            k++;
        }
        return k;
    }

    private static double[] cumulative(double mean) {
        double term = Math.exp(-mean);
        double sum = term;
        double[] values = new double[64];
        int k = 0;
        values[0] = sum;
        while (term > 1e-17 && k < values.length - 1) {
            k++;
            term *= mean / k;
            sum += term;
            values[k] = sum;
        }
        values[k] = 1; // the remaining tail (below 1e-17) goes to the last count
        return Arrays.copyOf(values, k + 1);
    }
}
