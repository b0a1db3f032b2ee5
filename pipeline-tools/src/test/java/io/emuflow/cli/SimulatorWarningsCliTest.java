package io.emuflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emuflow.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulator's warnings reach the sidecars of the steps that check the study (sample, simulate) as the setting
 * {@code simulator_warnings}; with {@code strict_r_bubble_max: true} the same study is refused with one error line.
 */
class SimulatorWarningsCliTest {
    @TempDir
    Path dir;

    private Path study(double boxLength, boolean strict) throws Exception {
        Path file = dir.resolve("study-" + boxLength + "-" + strict + ".yaml");
        Files.writeString(file, """
                name: reion-guard
                kind: inverse
                samples: 10
                parameters:
                  - {name: HII_EFF_FACTOR, units: "",        lower: 20.0, upper: 40.0}
                  - {name: ION_Tvir_MIN,   units: "log10 K", lower: 4.5, upper: 5.0}
                  - {name: R_BUBBLE_MAX,   units: Mpc,       lower: 5.0, upper: 20.0}
                simulator:
                  name: reion21cm
                  settings: {hii_dim: 16, box_length: %s, redshifts: [8], ic_oversampling: 1, strict_r_bubble_max: %s}
                target: delta2_z8
                split: {train: 0.5, validation: 0.25, test: 0.25}
                models:
                  - {name: dense-regressor, network: dense, task: regression, inputs: [delta2_z8], hidden_layers: [8], max_epochs: 2, patience: 2}
                """.formatted(boxLength, strict));
        return file;
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    private static JsonNode sidecar(String output) throws Exception {
        return new ObjectMapper().readTree(Path.of(output + ".prov.json").toFile()).path("settings");
    }

    @Test
    void warningsAreRecordedInTheSampleAndSimulateSidecars() throws Exception {
        Cli.Result sample = Cli.emuflow("sample", "--study", study(48.0, false).toString(), "--seed", "1",
                "--out", p("samples.h5"), "--study-out", p("study.json"));
        assertEquals(0, sample.exit(), sample.err());
        Cli.Result simulate = Cli.emuflow("simulate", "--study", p("study.json"), "--samples", p("samples.h5"),
                "--chunk", "0", "--chunk-size", "10", "--out", p("chunk.h5"));
        assertEquals(0, simulate.exit(), simulate.err());
        for (String output : new String[] {p("samples.h5"), p("chunk.h5")}) {
            JsonNode warnings = sidecar(output).path("simulator_warnings");
            assertTrue(warnings.isArray() && warnings.size() >= 1, output + ": " + warnings);
            // the first is the third-of-the-box warning; the box also leaves the top of the range unresolved
            assertTrue(warnings.get(0).asText().startsWith("R_BUBBLE_MAX up to 20.0 Mpc exceeds a third of the 48 Mpc box (16.0 Mpc)"),
                    warnings.get(0).asText());
        }
    }

    @Test
    void aStudyWithinAThirdOfTheBoxRecordsNoWarning() throws Exception {
        Cli.Result sample = Cli.emuflow("sample", "--study", study(64.0, false).toString(), "--seed", "1",
                "--out", p("samples.h5"), "--study-out", p("study.json"));
        assertEquals(0, sample.exit(), sample.err());
        for (JsonNode warning : sidecar(p("samples.h5")).path("simulator_warnings")) {
            assertFalse(warning.asText().contains("exceeds a third of the"), warning.asText());
        }
    }

    @Test
    void strictRBubbleMaxRefusesTheStudy() throws Exception {
        Cli.Result sample = Cli.emuflow("sample", "--study", study(48.0, true).toString(), "--seed", "1",
                "--out", p("samples.h5"), "--study-out", p("study.json"));
        assertNotEquals(0, sample.exit());
        assertTrue(sample.line().contains("R_BUBBLE_MAX up to 20.0 Mpc exceeds a third of the 48 Mpc box"), sample.line());
        assertFalse(Files.exists(dir.resolve("samples.h5")), "no output on error");
    }
}
