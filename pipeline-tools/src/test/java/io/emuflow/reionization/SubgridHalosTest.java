package io.emuflow.reionization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** 21cmFAST v3's sub-grid halo treatment of partially ionized cells, against the Poisson distribution's own figures. */
class SubgridHalosTest {
    private static final int DRAWS = 400_000;

    /** The counts follow Poisson(5): each probability P(N = k) within 5 binomial standard errors. */
    @Test
    void countsFollowThePoissonDistributionOfMeanFive() {
        SplittableRandom random = new SplittableRandom(11);
        int[] histogram = new int[40];
        for (int i = 0; i < DRAWS; i++) {
            histogram[SubgridHalos.poissonOfMeanNPoisson(random)]++;
        }
        double p = Math.exp(-5);
        for (int k = 0; k < 20; k++) {
            double observed = histogram[k] / (double) DRAWS;
            assertEquals(p, observed, 5 * Math.sqrt(p * (1 - p) / DRAWS) + 1e-6, "P(N = " + k + ")");
            p *= 5.0 / (k + 1);
        }
    }

    /** Between a fifth of a halo and N_POISSON halos: f keeps its mean and gets a relative variance of 1/5. */
    @Test
    void sparseCellsScatterAroundTheMeanWithRelativeVarianceOneFifth() {
        SplittableRandom random = new SplittableRandom(12);
        for (double meanHalos : new double[] {0.2, 0.7, 2.0, 4.99}) {
            double f = 0.01;
            double sum = 0;
            double sumSquares = 0;
            for (int i = 0; i < DRAWS; i++) {
                double g = SubgridHalos.collapsedFraction(f, meanHalos, random) / f;
                sum += g;
                sumSquares += g * g;
            }
            double mean = sum / DRAWS;
            double variance = sumSquares / DRAWS - mean * mean;
            assertEquals(1.0, mean, 5 * Math.sqrt(0.2 / DRAWS), "mean at n = " + meanHalos);
            assertEquals(0.2, variance, 0.01, "variance at n = " + meanHalos);
        }
    }

    @Test
    void cellsBelowAFifthOfAHaloGetNoSourceAndRichCellsKeepTheirMean() {
        SplittableRandom random = new SplittableRandom(13);
        assertEquals(0.0, SubgridHalos.collapsedFraction(0.02, 0.1999, random));
        assertEquals(0.0, SubgridHalos.collapsedFraction(0.02, 0.0, random));
        assertEquals(0.02, SubgridHalos.collapsedFraction(0.02, 5.0, random));
        assertEquals(0.02, SubgridHalos.collapsedFraction(0.02, 80.0, random));
        assertTrue(SubgridHalos.collapsedFraction(0.02, 1.0, random) >= 0);
    }
}
