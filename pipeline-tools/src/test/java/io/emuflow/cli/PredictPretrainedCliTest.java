package io.emuflow.cli;

import static io.emuflow.testing.Cli.emuflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuflow.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `emuflow predict --model pretrained:pk-emulator` on a fresh clone: no training, and no silent extrapolation. */
class PredictPretrainedCliTest {
    @TempDir
    Path dir;

    private static final String[] PLANCK = {"--param", "H0=67.5", "--param", "omega_b=0.0224", "--param", "omega_c=0.12",
            "--param", "ln10As=3.044", "--param", "n_s=0.965"};

    private static String[] args(String z, String... extra) {
        List<String> all = new java.util.ArrayList<>(List.of("predict", "--model", "pretrained:pk-emulator"));
        all.addAll(List.of(PLANCK));
        all.addAll(List.of("--param", "z=" + z));
        all.addAll(List.of(extra));
        return all.toArray(String[]::new);
    }

    @Test
    void predictsInsideTheBoxAndRefusesOutsideUnlessToldToExtrapolate() throws Exception {
        Path csv = dir.resolve("planck.csv");
        assertEquals(0, emuflow(args("0.5", "--out", csv.toString())).exit());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("id,k,P_nl", lines.get(0));
        assertEquals(1 + 200, lines.size(), "one row per k of the study's 200-point grid");
        for (String line : lines.subList(1, lines.size())) {
            double p = Double.parseDouble(line.split(",")[2]);
            assertTrue(p > 0 && Double.isFinite(p), line);
        }

        Path outside = dir.resolve("outside.csv");
        Cli.Result refused = emuflow(args("4.0", "--out", outside.toString()));
        assertEquals(2, refused.exit());
        assertEquals("predict: error: parameter set 0: z = 4.0 is outside the pk-emulator model's training box [0.0, 3.0]; "
                + "use --extrapolate to predict there anyway", refused.line());
        assertFalse(Files.exists(outside), "nothing is written for a refused request");
        assertEquals(0, emuflow(args("4.0", "--extrapolate", "--out", outside.toString())).exit());
        List<String> flagged = Files.readAllLines(outside);
        assertEquals("id,k,P_nl,extrapolated", flagged.get(0));
        assertTrue(flagged.subList(1, flagged.size()).stream().allMatch(l -> l.endsWith(",1")), "every row of the point is flagged");
    }

    @Test
    void anUnknownPretrainedNameIsOneLine() {
        Cli.Result unknown = emuflow("predict", "--model", "pretrained:cmb-bb", "--param", "H0=70");
        assertEquals(2, unknown.exit());
        assertEquals("predict: error: no pretrained model 'cmb-bb'; this jar has: "
                + String.join(", ", io.emuflow.ml.emulator.Pretrained.names()), unknown.line());
    }
}
