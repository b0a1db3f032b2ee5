package io.emuflow.ml.inverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuflow.data.SpectrumDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recalibration as part of a model: fitted on the validation split by train-inverse's trainer, stored in the bundle
 * (recalibration.json), read back, applied by predictPosteriors and reported before and after by evaluate-inverse.
 */
class InverseRecalibrationTest {
    private static InverseSettings settings(Object... keyValues) {
        Object[] all = new Object[keyValues.length + 2];
        all[0] = "max_epochs";
        all[1] = 4;
        System.arraycopy(keyValues, 0, all, 2, keyValues.length);
        return InverseTrainerTest.settings(all);
    }

    @Test
    void trainerFitsOnValidationAndTheBundleRoundTripsBitIdentically(@TempDir Path dir) throws Exception {
        assertEquals(Recalibration.Method.QUANTILE, settings("head", "mixture").calibration(), "quantile is the default of a distributional head");
        InverseSettings mixture = settings("head", "mixture", "components", 2, "calibration", "quantile");
        InverseModel a = InverseTrainer.train(mixture, InverseTrainerTest.TRAIN, InverseTrainerTest.VALIDATION, 5);
        InverseModel b = InverseTrainer.train(mixture, InverseTrainerTest.TRAIN, InverseTrainerTest.VALIDATION, 5);
        Recalibration r = a.recalibration();
        assertEquals(Recalibration.Method.QUANTILE, r.method());
        assertEquals(InverseTrainerTest.VALIDATION.size(), r.samples(), "fitted on the validation split");
        // it is the map of the validation PIT values, refitted here independently of the trainer
        Mixture1D[][] validation = a.predictDistributions(InverseTrainerTest.VALIDATION);
        assertEquals(Recalibration.fit(Recalibration.Method.QUANTILE, a.parameterNames(), validation, InverseTrainerTest.VALIDATION.params(),
                "validation").map(1), r.map(1));
        a.save(dir.resolve("m1"));
        b.save(dir.resolve("m2"));
        for (String f : new String[] {"params.bin", "network.json", "inverse.json", Recalibration.FILE}) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("m1").resolve(f)), Files.readAllBytes(dir.resolve("m2").resolve(f)), f);
        }
        String stored = Files.readString(dir.resolve("m1").resolve(Recalibration.FILE));
        assertTrue(stored.contains("\"format\" : \"emuflow-inverse-recalibration/1\"") && stored.contains("\"samples\" : 150"), stored);
        InverseModel loaded = InverseModel.load(dir.resolve("m1"));
        for (int p = 0; p < 3; p++) {
            assertEquals(r.map(p), loaded.recalibration().map(p), "map of parameter " + p);
        }
        Posterior1D[][] before = a.predictPosteriors(InverseTrainerTest.TEST);
        Posterior1D[][] after = loaded.predictPosteriors(InverseTrainerTest.TEST);
        for (int i = 0; i < 20; i++) {
            for (int p = 0; p < 3; p++) {
                assertTrue(after[i][p] instanceof RecalibratedPosterior);
                assertEquals(before[i][p].quantile(0.16), after[i][p].quantile(0.16), 0.0);
                assertEquals(before[i][p].quantile(0.975), after[i][p].quantile(0.975), 0.0);
            }
        }
        // a bundle that asks for a recalibration it does not hold is refused in one line; one from before the key existed loads without
        Files.delete(dir.resolve("m2").resolve(Recalibration.FILE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InverseModel.load(dir.resolve("m2")));
        assertFalse(e.getMessage().contains("\n"));
        InverseModel old = InverseTrainer.train(InverseTrainerTest.settings("max_epochs", 2, "head", "gaussian"), InverseTrainerTest.TRAIN,
                InverseTrainerTest.VALIDATION, 5);
        old.save(dir.resolve("old"));
        Files.delete(dir.resolve("old").resolve(Recalibration.FILE));
        assertNull(InverseModel.load(dir.resolve("old")).recalibration());
    }

    @Test
    @SuppressWarnings("unchecked")
    void evaluateInverseReportsCoverageBeforeAndAfter(@TempDir Path dir) throws Exception {
        InverseModel model = InverseTrainer.train(settings("head", "gaussian"), InverseTrainerTest.TRAIN, InverseTrainerTest.VALIDATION, 3);
        Map<String, SpectrumDataset> splits = new LinkedHashMap<>();
        splits.put("validation", InverseTrainerTest.VALIDATION);
        splits.put("test", InverseTrainerTest.TEST);
        InverseEvaluator.Result result = InverseEvaluator.evaluate(model, splits, dir);
        Map<String, Object> validation = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) result.metrics().get("splits"))
                .get("validation")).get("calibration");
        Map<String, Object> test = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) result.metrics().get("splits"))
                .get("test")).get("calibration");
        assertEquals("quantile", ((Map<String, Object>) test.get("recalibration")).get("method"));
        assertEquals(150, ((Map<String, Object>) test.get("recalibration")).get("samples"));
        for (String p : List.of("HII_EFF_FACTOR", "ION_Tvir_MIN", "R_BUBBLE_MAX")) {
            Map<String, Object> m = (Map<String, Object>) ((Map<String, Object>) validation.get("parameters")).get(p);
            Map<String, Object> raw = (Map<String, Object>) m.get("uncalibrated");
            assertTrue(raw.containsKey("coverage_68") && raw.containsKey("mean_std"), p);
            // in-sample on the split it was fitted on, the map makes the PIT the validation ECDF: coverage is nominal up to
            // the resolution 1/150 of the step function's jumps and the ties at the ends of the interval
            assertEquals(0.68, (Double) m.get("coverage_68"), 2.0 / 150, p);
            assertEquals(0.95, (Double) m.get("coverage_95"), 2.0 / 150, p);
            Map<String, Object> t = (Map<String, Object>) ((Map<String, Object>) test.get("parameters")).get(p);
            assertTrue(t.containsKey("uncalibrated") && t.containsKey("sigma_scaled"), p);
        }
        assertTrue(test.containsKey("tarp") && test.containsKey("tarp_uncalibrated"));
        assertTrue(Files.size(result.plots().get("plot_pit_R_BUBBLE_MAX")) > 1000);

        // calibration: none keeps the network's posteriors and reports them once
        InverseModel none = InverseTrainer.train(settings("head", "gaussian", "calibration", "none"), InverseTrainerTest.TRAIN,
                InverseTrainerTest.VALIDATION, 3);
        assertArrayEquals(model.weights(), none.weights(), "the recalibration does not touch the network");
        Map<String, Object> noneTest = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) InverseEvaluator
                .evaluate(none, splits, dir).metrics().get("splits")).get("test")).get("calibration");
        Map<String, Object> first = (Map<String, Object>) ((Map<String, Object>) noneTest.get("parameters")).get("HII_EFF_FACTOR");
        assertFalse(first.containsKey("uncalibrated"));
        Map<String, Object> rawOfQuantile = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) test.get("parameters"))
                .get("HII_EFF_FACTOR")).get("uncalibrated");
        assertEquals(rawOfQuantile.get("coverage_68"), first.get("coverage_68"), "same network, same uncalibrated figures");
        assertEquals(((Map<String, Object>) test.get("tarp_uncalibrated")).get("ecp_68"), ((Map<String, Object>) noneTest.get("tarp")).get("ecp_68"));

        // calibration: sigma stores one factor per parameter, the one the evaluator's diagnostic finds too
        InverseModel sigma = InverseTrainer.train(settings("head", "gaussian", "calibration", "sigma"), InverseTrainerTest.TRAIN,
                InverseTrainerTest.VALIDATION, 3);
        assertEquals(SigmaScaling.fit(column(model.predictDistributions(InverseTrainerTest.VALIDATION), 0),
                SyntheticInverseData.column(InverseTrainerTest.VALIDATION.params(), 0)), sigma.recalibration().factor(0));
    }

    private static Mixture1D[] column(Mixture1D[][] rows, int p) {
        Mixture1D[] out = new Mixture1D[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][p];
        }
        return out;
    }

    @Test
    void calibrationSettingIsCheckedInOneLine() {
        assertEquals(Recalibration.Method.NONE, settings().calibration(), "a point head has none");
        assertEquals(Recalibration.Method.SIGMA, settings("head", "mixture", "calibration", "sigma").calibration());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings("calibration", "quantile"));
        assertTrue(e.getMessage().contains("needs head gaussian or mixture"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> settings("head", "gaussian", "calibration", "isotonic"));
        assertTrue(e.getMessage().contains("'calibration'"), e.getMessage());
        assertEquals(Recalibration.Method.NONE, settings("calibration", "none").calibration());
        assertNull(InverseTrainer.train(settings("max_epochs", 1), InverseTrainerTest.TRAIN, InverseTrainerTest.VALIDATION, 1).recalibration());
    }
}
