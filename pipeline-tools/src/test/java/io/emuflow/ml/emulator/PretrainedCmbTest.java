package io.emuflow.ml.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four pretrained CMB emulators (cmb-tt, cmb-pp and cmb-te met the 0.1 sigma_CV goal at full size, cmb-ee is at 0.103; issue 23) unpack on a
 * fresh machine, take the table's parameters in its order, predict on its multipole nodes, and reproduce the 64 CLASS
 * spectra of the repository's subset to within their model card's test-split figure in cosmic-variance units (rows
 * of the subset may have been training rows: this checks the shipped model and its units, not its generalisation,
 * which the card's own test split measures).
 */
class PretrainedCmbTest {
    private static final Path TABLE = Path.of("src/test/resources/reference/class-cmb/cmb_subset.h5");

    @Test
    void theFourReproduceClassWithinTheirCardsCosmicVarianceFigure(@TempDir Path cache) throws Exception {
        try (HdfFile file = new HdfFile(TABLE)) {
            double[][] params = (double[][]) file.getDatasetByPath("/params").getData();
            double[] ell = Arrays.stream((long[]) file.getDatasetByPath("/ell").getData()).asDoubleStream().toArray();
            float[][] tt = (float[][]) file.getDatasetByPath("/tt").getData();
            float[][] ee = (float[][]) file.getDatasetByPath("/ee").getData();
            for (String spectrum : List.of("tt", "pp", "te", "ee")) {
                Path bundle = Pretrained.bundle("pretrained:cmb-" + spectrum, cache);
                Emulator emulator = Emulator.load(bundle);
                assertEquals(List.of("omega_b", "omega_cdm", "h", "tau_reio", "n_s", "ln10As"), emulator.metadata().paramNames());
                assertArrayEquals(ell, emulator.metadata().grid(), 0.0);
                JsonNode card = new ObjectMapper().readTree(bundle.resolve("model_card.json").toFile());
                JsonNode cv = card.at("/metrics/test/cosmic_variance/" + spectrum.toUpperCase());
                double cardMax = cv.path("max_p99").asDouble();
                // TT, PP and TE met the 0.1 sigma_CV goal at full size; EE ships at 0.103 (docs/cmb.md)
                assertTrue(spectrum.equals("ee") ? cardMax < 0.11 : cv.path("goal_met").asBoolean(), spectrum + ": card max p99 " + cardMax);

                float[][] truth = (float[][]) file.getDatasetByPath("/" + spectrum).getData();
                double[][] predicted = emulator.predict(params);
                double worst = 0;
                for (int i = 0; i < params.length; i++) {
                    for (int j = 0; j < ell.length; j++) {
                        double sigma = spectrum.equals("te")
                                ? Math.sqrt((tt[i][j] * (double) ee[i][j] + truth[i][j] * (double) truth[i][j]) / (2 * ell[j] + 1))
                                : Math.sqrt(2 / (2 * ell[j] + 1)) * truth[i][j];
                        worst = Math.max(worst, Math.abs(predicted[i][j] - truth[i][j]) / sigma);
                    }
                }
                // the worst of 64 rows over all l against the card's worst p99 over l (897 test rows)
                System.out.printf(java.util.Locale.ROOT, "pretrained cmb-%s: worst %.4f sigma_CV over the 64 subset rows, card's test max p99 %.4f%n",
                        spectrum, worst, cardMax);
                assertTrue(worst <= 1.5 * cardMax, spectrum + ": worst " + worst + " sigma_CV against the card's " + cardMax);
            }
        }
    }
}
