package io.emuflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sidecar records the command exactly as it was run, so that it can be run again. */
class SidecarCommandLineTest {
    @TempDir
    Path dir;

    @Test
    void recordsTheCommandLineAsGiven() throws Exception {
        Path study = dir.resolve("study.yaml");
        Files.writeString(study, String.join("\n",
                "name: tiny", "kind: emulator", "samples: 10",
                "parameters:", "  - {name: H0, lower: 60, upper: 80}", "  - {name: omega_b, lower: 0.02, upper: 0.024}",
                "  - {name: omega_c, lower: 0.11, upper: 0.13}", "  - {name: ln10As, lower: 2.9, upper: 3.1}",
                "  - {name: n_s, lower: 0.94, upper: 0.98}", "  - {name: z, lower: 0, upper: 1}",
                "simulator: {name: halofit, settings: {n_k: 10}}", "target: P_nl",
                "split: {train: 0.6, validation: 0.2, test: 0.2}", "models: [{name: m}]", ""));
        List<String> args = List.of("sample", "--study", study.toString(), "--seed", "3",
                "--out", dir.resolve("s.h5").toString(), "--study-out", dir.resolve("st.json").toString());
        assertEquals(0, EmuflowCommand.execute(args.toArray(String[]::new)));
        JsonNode sidecar = new ObjectMapper().readTree(dir.resolve("s.h5.prov.json").toFile());
        List<String> recorded = new ArrayList<>();
        sidecar.path("command_line").forEach(n -> recorded.add(n.asText()));
        List<String> expected = new ArrayList<>(List.of("emuflow"));
        expected.addAll(args);
        assertEquals(expected, recorded);
    }
}
