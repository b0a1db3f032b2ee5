package io.emuflow.reionization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuflow.fields.Box;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExcursionSetTest {
    // same 2 Mpc cells as the reference, smaller box for speed
    private static final Box BOX = new Box(32, 64);
    private static CoevalSimulator simulator;
    private static PerturbedField field;

    @BeforeAll
    static void perturb() {
        simulator = new CoevalSimulator(BOX, ReionCosmology.fiducial(), 3, true);
        field = simulator.perturb(simulator.initialConditions(42), 8);
    }

    private static ExcursionSet excursionSet() {
        return new ExcursionSet(simulator.cosmology(), simulator.linearPower(), simulator.growth());
    }

    /**
     * Radii as in 21cmFAST v3: R_BUBBLE_MAX first, then the aligned sequence cell_R 1.1^n (cell_R = 0.62035 x 2 Mpc)
     * from the largest one not above R_BUBBLE_MAX down to cell_R 1.1^2, then the unfiltered cell.
     */
    @Test
    void filterRadiiFollow21cmFast() {
        List<ExcursionSet.Step> steps = excursionSet().steps(BOX, 8, AstroParams.fiducial());
        double cell = ExcursionSet.L_FACTOR * 2;
        assertEquals(15.0, steps.get(0).radius(), 1e-12);
        assertEquals(cell * Math.pow(1.1, 26), steps.get(1).radius(), 1e-9);
        for (int s = 1; s + 1 < steps.size(); s++) {
            assertEquals(cell * Math.pow(1.1, 27 - s), steps.get(s).radius(), 1e-9);
            assertFalse(steps.get(s).unfiltered());
        }
        ExcursionSet.Step last = steps.get(steps.size() - 1);
        assertTrue(last.last() && last.unfiltered());
        assertEquals(cell, last.radius(), 1e-12);
        assertEquals(27, steps.size());
        // R_BUBBLE_MAX beyond the box is capped at L_FACTOR times the box side
        assertEquals(ExcursionSet.L_FACTOR * 64, excursionSet().steps(BOX, 8, new AstroParams(30, 4.7, 500)).get(0).radius(), 1e-9);
    }

    @Test
    void vanishingEfficiencyLeavesTheBoxNeutral() {
        for (double zeta : new double[] {0, 1e-8}) {
            double[] neutral = excursionSet().neutralFraction(field, new AstroParams(zeta, 4.7, 15), 1, true);
            for (double x : neutral) {
                assertEquals(1.0, x);
            }
        }
    }

    @Test
    void hugeEfficiencyIonizesEveryCell() {
        double[] neutral = excursionSet().neutralFraction(field, new AstroParams(1e12, 4.7, 15), 1, true);
        for (double x : neutral) {
            assertEquals(0.0, x);
        }
    }

    /** More efficient sources ionize more; a higher minimum virial temperature (fewer sources) ionizes less. */
    @Test
    void neutralFractionFallsWithEfficiencyAndRisesWithVirialTemperature() {
        double previous = 1.0;
        for (double zeta : new double[] {5, 15, 30, 60, 120}) {
            double x = CoevalSimulator.mean(excursionSet().neutralFraction(field, new AstroParams(zeta, 4.7, 15), 1, true));
            assertTrue(x < previous, "zeta " + zeta + ": x_HI " + x + " not below " + previous);
            previous = x;
        }
        double low = CoevalSimulator.mean(excursionSet().neutralFraction(field, new AstroParams(30, 4.3, 15), 1, true));
        double high = CoevalSimulator.mean(excursionSet().neutralFraction(field, new AstroParams(30, 5.3, 15), 1, true));
        assertTrue(low < high, "x_HI " + low + " at 10^4.3 K vs " + high + " at 10^5.3 K");
    }
}
