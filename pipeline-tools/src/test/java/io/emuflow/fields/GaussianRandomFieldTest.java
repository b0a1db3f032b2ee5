package io.emuflow.fields;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GaussianRandomFieldTest {
    private static final Box BOX = new Box(64, 128);
    // a smooth spectrum with a turnover, in Mpc^3
    private static final DoubleUnaryOperator POWER = k -> 2e4 * k / Math.pow(1 + (k / 0.05) * (k / 0.05), 1.2);

    @AfterEach
    void resetThreads() {
        Fft3.setThreads(1);
    }

    /**
     * Each bin's measured mean power, averaged over 8 seeds, over its input mean power: a bin of N modes of the
     * full transform holds N/2 independent complex modes, i.e. N Gaussian degrees of freedom, so 8 N times the ratio
     * is chi-square distributed with 8 N degrees of freedom. Every bin lies inside that distribution's central
     * 1 - 1e-4 interval (the few-mode bins have heavy tails: a Gaussian cut would be wrong), and the sum over bins
     * is within 5 sigma of its degrees of freedom.
     */
    @Test
    void measuredSpectrumMatchesInputWithinSampleVariance() {
        int seeds = 8;
        SphericalPowerSpectrum bins = new SphericalPowerSpectrum(BOX, 20);
        double[] expected = bins.meanOverModes(POWER);
        double[] ratio = new double[expected.length];
        for (int seed = 1; seed <= seeds; seed++) {
            double[] measured = bins.meanPower(GaussianRandomField.spectrum(BOX, POWER, seed));
            for (int b = 0; b < ratio.length; b++) {
                ratio[b] += measured[b] / expected[b] / seeds;
            }
        }
        long[] counts = bins.modeCounts();
        double total = 0;
        double dofTotal = 0;
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] == 0) {
                assertTrue(Double.isNaN(ratio[b]));
                continue;
            }
            double dof = (double) seeds * counts[b];
            ChiSquaredDistribution chi2 = new ChiSquaredDistribution(dof);
            double statistic = dof * ratio[b];
            assertTrue(statistic > chi2.inverseCumulativeProbability(5e-5) && statistic < chi2.inverseCumulativeProbability(1 - 5e-5),
                    "bin " + b + ": power ratio " + ratio[b] + " with " + dof + " degrees of freedom");
            total += statistic;
            dofTotal += dof;
        }
        assertTrue(Math.abs(total - dofTotal) < 5 * Math.sqrt(2 * dofTotal), "chi2 " + total + " for " + dofTotal + " dof");
    }

    /** The real-space variance is (1/V) sum_k P(k) over the box's modes (Parseval), within sample variance. */
    @Test
    void realSpaceVarianceMatchesTheSumOfThePowerSpectrum() {
        double[] field = GaussianRandomField.realization(BOX, POWER, 99);
        double expected = 0;
        for (int i = 0; i < BOX.n(); i++) {
            for (int j = 0; j < BOX.n(); j++) {
                for (int k = 0; k < BOX.n(); k++) {
                    double kMag = KSpace.magnitude(BOX, i, j, k);
                    expected += kMag == 0 ? 0 : POWER.applyAsDouble(kMag);
                }
            }
        }
        expected /= BOX.volume();
        double mean = Arrays.stream(field).average().orElseThrow();
        double variance = Arrays.stream(field).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
        assertEquals(0, mean, 1e-12);
        // the variance is dominated by the few large-scale modes: allow 15%
        assertEquals(expected, variance, 0.15 * expected);
    }

    @Test
    void sameSeedGivesBitIdenticalFieldsAndOtherSeedsDiffer() {
        double[] a = GaussianRandomField.realization(BOX, POWER, 7);
        double[] b = GaussianRandomField.realization(BOX, POWER, 7);
        double[] c = GaussianRandomField.realization(BOX, POWER, 8);
        assertArrayEquals(a, b, 0.0);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void fieldDoesNotDependOnTheFftThreadCount() {
        Fft3.setThreads(1);
        double[] one = GaussianRandomField.realization(BOX, POWER, 3);
        Fft3.setThreads(2);
        double[] two = GaussianRandomField.realization(BOX, POWER, 3);
        assertArrayEquals(one, two, 0.0);
    }

    /** The transform of the field is Hermitian, so its inverse is real. */
    @Test
    void spectrumIsHermitian() {
        double[] spectrum = GaussianRandomField.spectrum(BOX, POWER, 5);
        Fft3.inverseInPlace(BOX, spectrum);
        double maxRe = 0;
        double maxIm = 0;
        for (int c = 0; c < BOX.cells(); c++) {
            maxRe = Math.max(maxRe, Math.abs(spectrum[2 * c]));
            maxIm = Math.max(maxIm, Math.abs(spectrum[2 * c + 1]));
        }
        assertTrue(maxIm < 1e-12 * maxRe, "imaginary part " + maxIm + " vs real " + maxRe);
    }
}
