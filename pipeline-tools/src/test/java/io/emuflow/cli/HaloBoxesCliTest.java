package io.emuflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuflow.data.DatasetFile;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.simulate.SimulatorRegistry;
import io.emuflow.study.StudyLoader;
import io.emuflow.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `emuflow sample` and `emuflow simulate` on a tiny halo-boxes study: the chunk holds the three box datasets
 * /boxes/nhalo, /boxes/mass and /boxes/speed, float32 [N, 32, 32, 32], each row what the simulator gives for the row's
 * parameters alone, and the target pk_halo on its k grid; a cosmology outside the simulator's range is one error line.
 */
class HaloBoxesCliTest {
    @TempDir
    Path dir;

    private Path study(double omegaMin) throws Exception {
        Path file = dir.resolve("study.yaml");
        Files.writeString(file, """
                name: halo-boxes-tiny
                kind: inverse
                samples: 10
                parameters:
                  - {name: Omega_m, units: "", lower: %s, upper: 0.5}
                  - {name: sigma_8, units: "", lower: 0.6, upper: 1.0}
                simulator:
                  name: halo-boxes
                  settings: {box_length: 64.0, particle_grid: 16, pm_steps: 3, min_halo_particles: 4, halo_mass_min: 0.0, pk_bins: 6}
                target: pk_halo
                cleaning: {policy: drop-rows, max_removed_fraction: 0.5}
                split: {train: 0.5, validation: 0.25, test: 0.25, std_floor: 1.0e-3}
                models:
                  - {name: dense-regressor, network: dense, task: regression, inputs: [pk_halo], hidden_layers: [8], max_epochs: 2, patience: 2}
                """.formatted(omegaMin));
        return file;
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    private static void ok(String... args) {
        Cli.Result r = Cli.emuflow(args);
        assertEquals(0, r.exit(), String.join(" ", args) + " failed: " + r.err());
    }

    @Test
    void simulateWritesTheThreeHaloBoxes() throws Exception {
        ok("sample", "--study", study(0.1).toString(), "--seed", "5", "--out", p("samples.h5"), "--study-out", p("study.json"));
        ok("simulate", "--study", p("study.json"), "--samples", p("samples.h5"), "--chunk", "0", "--chunk-size", "4", "--threads", "2",
                "--out", p("chunk-0.h5"));
        SpectrumDataset data = DatasetFile.read(dir.resolve("chunk-0.h5"));
        assertEquals(java.util.Set.of("nhalo", "mass", "speed"), data.boxes().keySet());
        assertEquals(4, data.size());
        var study = StudyLoader.loadResolved(dir.resolve("study.json"));
        var simulator = SimulatorRegistry.create("halo-boxes", study.simulatorSettings());
        for (int i = 0; i < data.size(); i++) {
            var again = simulator.simulateWithBoxes(data.parameterNames(), data.params()[i]);
            int b = 0;
            for (String name : List.of("nhalo", "mass", "speed")) {
                float[] row = data.boxes().get(name).row(i);
                assertEquals(32 * 32 * 32, row.length, name);
                assertArrayEquals(again.boxes()[b++], row, 0f, name + " row " + i);
            }
            assertArrayEquals(again.spectra()[0], data.target("pk_halo").values()[i], 0, "pk_halo row " + i);
        }
        assertEquals(6, data.grid().length);
        assertEquals("h/Mpc", data.gridUnits());
        // 6 log bins from the fundamental 2 pi / 64 to the Nyquist wavenumber pi 64 / 64 of the 64^3 spectrum mesh
        double kf = 2 * Math.PI / 64;
        assertEquals(kf * Math.pow(Math.PI / kf, 1.0 / 12), data.grid()[0], 1e-12, "centre of the first k bin");
    }

    @Test
    void aCosmologyOutsideTheRangeIsOneErrorLine() throws Exception {
        Cli.Result r = Cli.emuflow("sample", "--study", study(0.05).toString(), "--seed", "5", "--out", p("s.h5"),
                "--study-out", p("s.json"));
        assertEquals(2, r.exit());
        assertEquals("sample: error: parameter Omega_m has range [0.05, 0.5]: the halo-boxes simulator covers Omega_m in [0.1, 0.6]", r.line());
        assertTrue(Files.notExists(dir.resolve("s.h5")));
    }
}
