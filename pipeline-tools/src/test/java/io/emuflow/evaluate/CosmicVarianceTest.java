package io.emuflow.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuflow.data.Parameter;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.data.Target;
import io.emuflow.ml.emulator.ModelSettings;
import io.jhdf.HdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cosmic-variance units on real CLASS spectra (the 64-row subset): a prediction off by a known multiple of
 * sigma_CV(l), built from the formula's definition, comes back as that multiple at every l; TE's sigma uses the
 * same rows' TT and EE.
 */
class CosmicVarianceTest {
    private static final Path TABLE = Path.of("src/test/resources/reference/class-cmb/cmb_subset.h5");

    @TempDir
    Path dir;

    private static SpectrumDataset subset() {
        try (HdfFile file = new HdfFile(TABLE)) {
            double[][] params = (double[][]) file.getDatasetByPath("/params").getData();
            long[] ell = (long[]) file.getDatasetByPath("/ell").getData();
            Map<String, Target> targets = new LinkedHashMap<>();
            for (String s : new String[] {"tt", "te", "ee", "pp"}) {
                float[][] v = (float[][]) file.getDatasetByPath("/" + s).getData();
                double[][] d = new double[v.length][v[0].length];
                for (int i = 0; i < v.length; i++) {
                    for (int j = 0; j < v[i].length; j++) {
                        d[i][j] = v[i][j];
                    }
                }
                targets.put(s.toUpperCase(), new Target(s.toUpperCase(), "", false, d));
            }
            long[] index = new long[params.length];
            List<Parameter> parameters = new ArrayList<>();
            for (int j = 0; j < params[0].length; j++) {
                parameters.add(new Parameter("p" + j, "", -1e3, 1e3));
            }
            for (int i = 0; i < index.length; i++) {
                index[i] = i;
            }
            return new SpectrumDataset("cmb", "split", index, parameters, params,
                    java.util.Arrays.stream(ell).asDoubleStream().toArray(), "", targets, Map.of());
        }
    }

    @Test
    void anErrorOfAKnownNumberOfSigmasComesBackAsThatNumber() throws Exception {
        SpectrumDataset data = subset();
        double[] ell = data.grid();
        for (String spectrum : List.of("TT", "TE", "EE", "PP")) {
            assertTrue(CosmicVariance.applies("ell", spectrum, data));
            double[][] truth = data.target(spectrum).values();
            double[][] predicted = new double[truth.length][ell.length];
            for (int i = 0; i < truth.length; i++) {
                for (int j = 0; j < ell.length; j++) {
                    double modes = 2 * ell[j] + 1;
                    double sigma = spectrum.equals("TE")
                            ? Math.sqrt((data.target("TT").values()[i][j] * data.target("EE").values()[i][j] + truth[i][j] * truth[i][j]) / modes)
                            : Math.sqrt(2 / modes) * truth[i][j];
                    double sigmas = 0.02 + 0.1 * i / truth.length; // sample i is off by 0.02 .. 0.12 sigma_CV
                    predicted[i][j] = truth[i][j] + (j % 2 == 0 ? sigmas : -sigmas) * sigma;
                }
            }
            double[][] ratio = CosmicVariance.ratio(spectrum, ell, truth, predicted, data);
            for (int i = 0; i < truth.length; i++) {
                for (int j = 0; j < ell.length; j++) {
                    assertEquals(0.02 + 0.1 * i / truth.length, ratio[i][j], 1e-9, spectrum + " sample " + i + " l = " + ell[j]);
                }
            }
            Map<String, Object> summary = CosmicVariance.summary(ratio, ell);
            double[] p99 = (double[]) summary.get("p99");
            double[] p68 = (double[]) summary.get("p68");
            assertTrue(p68[0] < p99[0] && p99[0] > 0.1 && p99[0] < 0.12, "p99 of 0.02..0.12 over 64 samples: " + p99[0]);
            assertFalse((Boolean) summary.get("goal_met"));
            Path plot = dir.resolve(spectrum + ".png");
            CosmicVariance.plot(plot, spectrum, ell, Map.of("test " + spectrum + " p99", p99));
            assertTrue(Files.size(plot) > 1000);
        }
        assertFalse(CosmicVariance.applies("k", "TT", data), "a k grid is not a CMB spectrum");
        assertFalse(CosmicVariance.applies("ell", "P_nl", data));
    }

    @Test
    void modelsChooseLog10OrTheTargetItself() {
        ModelSettings te = ModelSettings.fromMap(Map.of("name", "cmb-te", "target_transform", "none"));
        assertTrue(te.linearTarget());
        assertFalse(ModelSettings.fromMap(Map.of("name", "all")).linearTarget());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ModelSettings.fromMap(Map.of("name", "x", "target_transform", "log")));
        assertTrue(bad.getMessage().contains("target_transform"), bad.getMessage());
    }
}
