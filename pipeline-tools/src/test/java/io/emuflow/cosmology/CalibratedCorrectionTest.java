package io.emuflow.cosmology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CalibratedCorrectionTest {
    private final CalibratedCorrection calibration = CalibratedCorrection.bundled();

    @Test
    void coversThePkEmulatorBoxButNotFarOutside() {
        for (double h0 : new double[] {60, 80}) {
            for (double ob : new double[] {0.019, 0.025}) {
                for (double oc : new double[] {0.10, 0.14}) {
                    assertTrue(calibration.covers(CosmologyParams.lcdm(h0, ob, oc, 3.0, 0.96)), h0 + " " + ob + " " + oc);
                }
            }
        }
        assertFalse(calibration.covers(CosmologyParams.lcdm(67, 0.05, 0.12, 3.0, 0.96)));
    }

    @Test
    void farOutsideTheBoxTheNearestCalibratedCorrectionIsUsed() {
        CalibratedCorrection.Applied far = calibration.apply(CosmologyParams.lcdm(67, 0.022, 0.30, 3.0, 0.96));
        CalibratedCorrection.Applied nearer = calibration.apply(CosmologyParams.lcdm(67, 0.022, 0.20, 3.0, 0.96));
        // same (clamped) coefficients; only the sound horizon that aligns the oscillations differs, so compare on
        // scales without oscillations
        assertEquals(nearer.logRatio(1e-4), far.logRatio(1e-4), 1e-12);
        for (double k : new double[] {1e-4, 0.1, 1, 5, 100}) {
            assertTrue(Math.abs(far.logRatio(k)) < 0.1, "correction at k = " + k + " is " + far.logRatio(k));
        }
    }

    @Test
    void continuationAboveTheCalibratedRangeStopsAfterOneDecade() {
        CalibratedCorrection.Applied c = calibration.apply(CosmologyParams.lcdm(67.36, 0.02237, 0.12, 3.044, 0.9649));
        assertEquals(c.logRatio(100), c.logRatio(1000), 0);
        assertTrue(Math.abs(c.logRatio(50) - c.logRatio(5)) < 0.05);
    }
}
