package io.emuflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emuflow.data.DatasetFile;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.fields.Box;
import io.emuflow.fields.SphericalPowerSpectrum;
import io.emuflow.reionization.CoevalSimulator;
import io.emuflow.simulate.Simulator;
import io.emuflow.simulate.SimulatorRegistry;
import io.emuflow.study.StudyLoader;
import io.emuflow.testing.Cli;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boxes through the steps as the pipeline runs them (sample, simulate in two chunks, merge, clean, split), on a tiny
 * reion21cm study (16^3 / 32 Mpc, z = 8, T_b boxes saved): every row of every split still has its own box, checked
 * against the row's spectrum and against re-simulating the row's parameters alone; h5py reads the boxes exactly.
 */
class SimulateBoxesCliTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    private Path study(String simulator) throws Exception {
        Path file = dir.resolve("study.yaml");
        Files.writeString(file, """
                name: reion-boxes
                kind: inverse
                samples: 10
                parameters:
                  - {name: HII_EFF_FACTOR, units: "",        lower: 5.0, upper: 200.0}
                  - {name: ION_Tvir_MIN,   units: "log10 K", lower: 4.0, upper: 6.0}
                  - {name: R_BUBBLE_MAX,   units: Mpc,       lower: 5.0, upper: 20.0}
                simulator:
                  name: %s
                  settings: {hii_dim: 16, box_length: 32.0, redshifts: [8], ic_oversampling: 1, save_boxes: [brightness_temperature]}
                target: delta2_z8
                cleaning: {policy: drop-columns, max_removed_fraction: 0.2}
                split: {train: 0.5, validation: 0.25, test: 0.25, std_floor: 1.0e-3}
                models:
                  - {name: dense-regressor, network: dense, task: regression, inputs: [delta2_z8], hidden_layers: [8], max_epochs: 2, patience: 2}
                """.formatted(simulator));
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
    void boxesFollowTheirRowsFromSimulateToSplit() throws Exception {
        ok("sample", "--study", study("reion21cm").toString(), "--seed", "3", "--out", p("samples.h5"), "--study-out", p("study.json"));
        ok("simulate", "--study", p("study.json"), "--samples", p("samples.h5"), "--chunk", "0", "--chunk-size", "6", "--threads", "2",
                "--out", p("chunk-0.h5"));
        ok("simulate", "--study", p("study.json"), "--samples", p("samples.h5"), "--chunk", "1", "--chunk-size", "6", "--out", p("chunk-1.h5"));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().contains(".boxes-")), "no scratch file is left behind");
        }
        ok("merge", "--out", p("merged.h5"), p("chunk-1.h5"), p("chunk-0.h5"));
        ok("clean", "--study", p("study.json"), "--in", p("merged.h5"), "--out", p("clean.h5"), "--report", p("clean.json"));
        Files.createDirectories(dir.resolve("splits"));
        ok("split", "--study", p("study.json"), "--in", p("clean.h5"), "--seed", "3", "--out-dir", p("splits"));

        var study = StudyLoader.loadResolved(dir.resolve("study.json"));
        Simulator simulator = SimulatorRegistry.create("reion21cm", study.simulatorSettings());
        SphericalPowerSpectrum spectrum = new SphericalPowerSpectrum(new Box(16, 32.0), CoevalSimulator.SPECTRUM_BINS);
        double[] allBins = spectrum.centres();
        List<Long> ids = new ArrayList<>();
        for (String split : List.of("train", "validation", "test")) {
            SpectrumDataset data = DatasetFile.read(dir.resolve("splits/" + split + ".h5"));
            assertEquals(List.of("tb_z8"), List.copyOf(data.boxes().keySet()));
            for (int i = 0; i < data.size(); i++) {
                ids.add(data.index()[i]);
                float[] box = data.boxes().get("tb_z8").row(i);
                // the row's parameters, simulated alone, give this very box
                float[] again = simulator.simulateWithBoxes(data.parameterNames(), data.params()[i]).boxes()[0];
                assertArrayEquals(again, box, 0f, split + " row " + i);
                // and the box gives the row's spectrum (on the grid the clean step kept)
                double[] tb = new double[box.length];
                for (int c = 0; c < box.length; c++) {
                    tb[c] = box[c];
                }
                double[] full = spectrum.dimensionless(tb);
                double[] saved = data.target("delta2_z8").values()[i];
                for (int j = 0; j < saved.length; j++) {
                    int bin = java.util.Arrays.binarySearch(allBins, data.grid()[j]);
                    assertEquals(saved[j], full[bin], 1e-5 * saved[j] + 1e-9, split + " row " + i + " k " + data.grid()[j]);
                }
            }
        }
        assertEquals(10, ids.stream().distinct().count(), "every sample lands in one split with its box");

        JsonNode sidecar = new ObjectMapper().readTree(dir.resolve("chunk-0.h5.prov.json").toFile());
        assertEquals("[\"brightness_temperature\"]", sidecar.findValue("simulator_settings").get("save_boxes").toString());
        assertEquals("[\"tb_z8\"]", sidecar.findValue("boxes").toString());
        assertH5pyReadsTheBoxes(dir.resolve("chunk-0.h5"));
    }

    /** h5py (Debian) sees float32 [6, 16, 16, 16] with the attributes, and rows bit-identical to what Java reads. */
    private void assertH5pyReadsTheBoxes(Path file) throws Exception {
        assumeTrue(h5pyAvailable(), "Debian's python3-h5py is not installed (apt-get install -y python3-h5py python3-numpy)");
        String script = String.join("\n",
                "import sys, json, hashlib, h5py",
                "d = h5py.File(sys.argv[1], 'r')['boxes/tb_z8']",
                "print(json.dumps({'shape': list(d.shape), 'dtype': str(d.dtype), 'units': d.attrs['units'] if isinstance(d.attrs['units'], str)"
                        + " else d.attrs['units'].decode(), 'L': float(d.attrs['box_length_mpc']), 'z': float(d.attrs['redshift']),",
                "  'rows': [hashlib.sha256(d[i].astype('<f4').tobytes()).hexdigest() for i in range(d.shape[0])]}))");
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", script, file.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "h5py failed: " + out);
        JsonNode read = new ObjectMapper().readTree(out);
        assertEquals("[6,16,16,16]", read.get("shape").toString());
        assertEquals("float32", read.get("dtype").asText());
        assertEquals("mK", read.get("units").asText());
        assertEquals(32.0, read.get("L").asDouble());
        assertEquals(8.0, read.get("z").asDouble());
        SpectrumDataset data = DatasetFile.read(file);
        for (int i = 0; i < 6; i++) {
            float[] row = data.boxes().get("tb_z8").row(i);
            ByteBuffer bytes = ByteBuffer.allocate(4 * row.length).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(row);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
            assertEquals(sha, read.get("rows").get(i).asText(), "row " + i);
        }
    }

    @Test
    void saveBoxesOnASimulatorWithoutBoxesIsOneErrorLine() throws Exception {
        Path file = dir.resolve("pk.yaml");
        Files.writeString(file, """
                name: pk-boxes
                kind: emulator
                samples: 10
                parameters:
                  - {name: H0,      units: km/s/Mpc, lower: 60.0,  upper: 80.0}
                  - {name: omega_b, units: "",       lower: 0.019, upper: 0.025}
                  - {name: omega_c, units: "",       lower: 0.10,  upper: 0.14}
                  - {name: ln10As,  units: "",       lower: 2.7,   upper: 3.3}
                  - {name: n_s,     units: "",       lower: 0.90,  upper: 1.01}
                  - {name: z,       units: "",       lower: 0.0,   upper: 3.0}
                simulator:
                  name: halofit
                  settings: {k_min: 1.0e-4, k_max: 5.0, n_k: 20, save_boxes: [density]}
                target: P_nl
                cleaning: {policy: drop-rows, max_removed_fraction: 0.01}
                split: {train: 0.5, validation: 0.25, test: 0.25, std_floor: 1.0e-3}
                models:
                  - {name: mlp, hidden_layers: [8], activation: relu, learning_rate: 1.0e-2, batch_size: 8, max_epochs: 2, patience: 2}
                """);
        Cli.Result r = Cli.emuflow("sample", "--study", file.toString(), "--seed", "1", "--out", p("s.h5"),
                "--study-out", p("s.json"));
        assertEquals(2, r.exit());
        assertEquals("sample: error: simulator halofit makes no boxes, so the setting 'save_boxes' does not apply (boxes are saved by: reion21cm, halo-boxes)",
                r.line());
        assertTrue(Files.notExists(dir.resolve("s.h5")));
    }

    private static boolean h5pyAvailable() throws Exception {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import h5py, numpy").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
