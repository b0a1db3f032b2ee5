package io.emuflow.ml.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HDF5 export evaluated by Debian's python3 with numpy and h5py alone (the shipped emulator_numpy.py,
 * which implements the documented formula) gives the same spectra as Java.
 */
class Hdf5ExportTest {
    static final Path PYTHON = Path.of("/usr/bin/python3");

    @Test
    void numpyEvaluationMatchesJava(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "SKIPPED: /usr/bin/python3 is absent, so the numpy evaluation of the export cannot run");
        Path script = dir.resolve("emulator_numpy.py");
        try (InputStream in = Hdf5Export.class.getResourceAsStream("emulator_numpy.py")) {
            Files.copy(in, script);
        }
        double[][] params = EmulatorTrainerTest.VALIDATION.inputs();
        StringBuilder csv = new StringBuilder("k0,A,n\n"); // columns out of order: the script must map them by name
        for (double[] p : params) {
            csv.append(p[2]).append(',').append(p[0]).append(',').append(p[1]).append('\n');
        }
        Path paramsFile = dir.resolve("params.csv");
        Files.writeString(paramsFile, csv);
        for (Object[] variant : new Object[][] {{"cosmopower", null}, {"cosmopower", 6}, {"cosmopower", 6, "common"}, {"relu", null},
                {"gelu", null}, {"elu", null}, {"selu", null}}) {
            List<Object> kv = new ArrayList<>(List.of("activation", variant[0], "max_epochs", 2, "hidden_layers", List.of(24, 16)));
            if (variant[1] != null) {
                kv.addAll(List.of("pca_components", variant[1]));
            }
            if (variant.length > 2) {
                kv.addAll(List.of("pca_scaling", variant[2]));
            }
            Emulator emulator = EmulatorTrainerTest.train(EmulatorTrainerTest.settings(kv.toArray()), 31);
            Path h5 = dir.resolve("model.h5");
            Hdf5Export.write(emulator, h5, "test");
            Process process = new ProcessBuilder(PYTHON.toString(), script.toString(), h5.toString(), paramsFile.toString())
                    .redirectErrorStream(false).start();
            String out = new String(process.getInputStream().readAllBytes());
            String err = new String(process.getErrorStream().readAllBytes());
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assumeTrue(!err.contains("No module named"), "SKIPPED: Debian's python3-numpy/python3-h5py are missing: " + err);
            assertEquals(0, process.exitValue(), err);
            String[] lines = out.strip().split("\n");
            assertEquals(params.length, lines.length);
            double[][] java = emulator.predictLog10(params);
            double worst = 0;
            for (int i = 0; i < lines.length; i++) {
                String[] cells = lines[i].split(",");
                assertEquals(java[i].length, cells.length);
                for (int j = 0; j < cells.length; j++) {
                    worst = Math.max(worst, Math.abs(Math.pow(10, Double.parseDouble(cells[j]) - java[i][j]) - 1));
                }
            }
            // numpy evaluates in float64, the network in float32: they agree to float32 rounding
            assertTrue(worst < 1e-5, Arrays.toString(variant) + ": worst relative difference " + worst);
        }
    }
}
