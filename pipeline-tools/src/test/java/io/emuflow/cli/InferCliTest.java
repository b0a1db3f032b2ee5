package io.emuflow.cli;

import static io.emuflow.testing.Cli.emuflow;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emuflow.testing.Cli.Result;
import io.emuflow.testing.Cli;
import io.emuflow.testing.ToySpectra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `emuflow infer` end to end on a toy emulator (P = A k^n_s / (1 + k^2), trained here): the outputs and sidecar
 * exist, the same seed gives the same chain bytes, the posterior is centred on the truth of a noiseless mock within a
 * few sigma of the emulator's error, and bad inputs end in one error line with exit code 2.
 */
class InferCliTest {
    @TempDir
    static Path dir;
    static Path model;
    static final double[] K = ToySpectra.K;

    @BeforeAll
    static void trainToyEmulator() throws Exception {
        Path study = ToySpectra.writeStudy(dir, 400, """
                  - {name: mlp, hidden_layers: [32, 32], activation: cosmopower, learning_rate: 3.0e-3, batch_size: 32, max_epochs: 1000, patience: 20}
                """);
        ToySpectra.writeSplits(dir, 400);
        model = dir.resolve("model");
        assertEquals(0, EmuflowCommand.execute("train", "--study", study.toString(), "--train", dir.resolve("train.h5").toString(),
                "--validation", dir.resolve("validation.h5").toString(), "--model", "mlp", "--seed", "1", "--max-epochs", "150",
                "--out", model.toString()));
        // a noiseless mock at A = 3, n_s = 1 on four grid points and one between grid points, 10% errors
        StringBuilder data = new StringBuilder("k,value\n");
        StringBuilder cov = new StringBuilder();
        double[] ks = {0.01, 0.03, 0.1, 0.3, 0.05};
        for (int i = 0; i < ks.length; i++) {
            double v = ToySpectra.truth(3, 1, ks[i]);
            data.append(ks[i]).append(',').append(v).append('\n');
            for (int j = 0; j < ks.length; j++) {
                cov.append(j == 0 ? "" : ",").append(i == j ? Math.pow(0.1 * v, 2) : 0);
            }
            cov.append('\n');
        }
        Files.writeString(dir.resolve("data.csv"), data);
        Files.writeString(dir.resolve("cov.csv"), cov);
    }

    private static String[] infer(String out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("infer", "--model", model.toString(), "--train", dir.resolve("train.h5").toString(),
                "--data", dir.resolve("data.csv").toString(), "--covariance", dir.resolve("cov.csv").toString(), "--seed", "5",
                "--walkers", "16", "--max-steps", "12000", "--check-every", "500", "--out-dir", dir.resolve(out).toString()));
        args.addAll(List.of(extra));
        return args.toArray(new String[0]);
    }

    @Test
    void inferWritesAConvergedPosteriorAndTheSameChainForTheSameSeed() throws Exception {
        assertEquals(0, emuflow(infer("run1")).exit());
        assertEquals(0, emuflow(infer("run2")).exit());
        Path a = dir.resolve("run1");
        assertArrayEquals(Files.readAllBytes(a.resolve("chain.h5")), Files.readAllBytes(dir.resolve("run2/chain.h5")), "same seed, same chain");
        JsonNode post = new ObjectMapper().readTree(a.resolve("posterior.json").toFile());
        assertTrue(post.get("converged").asBoolean(), post.get("message").asText());
        // fractional errors of 10% on 5 points constrain A to a few percent; the toy emulator is good to ~1%
        for (String p : List.of("A", "n_s")) {
            double mean = post.at("/summary/" + p + "/mean").asDouble();
            double std = post.at("/summary/" + p + "/std").asDouble();
            double expected = p.equals("A") ? 3 : 1;
            assertEquals(expected, mean, 3 * std + 0.02 * expected, p);
            assertTrue(post.at("/diagnostics/per_parameter/" + p + "/split_rhat").asDouble() < 1.01);
            assertTrue(post.at("/diagnostics/per_parameter/" + p + "/ess").asDouble() >= 1000);
        }
        assertFalse(post.get("data_on_model_grid").asBoolean(), "k = 0.05 is interpolated");
        assertTrue(Files.size(a.resolve("corner.png")) > 2000);
        JsonNode prov = new ObjectMapper().readTree(a.resolve("chain.h5.prov.json").toFile());
        assertEquals("infer", prov.get("step").asText());
        List<String> roles = new java.util.ArrayList<>();
        prov.get("inputs").forEach(i -> roles.add(i.get("role").asText()));
        assertTrue(roles.containsAll(List.of("model", "train", "data", "covariance")), roles.toString());
        assertEquals(5, prov.get("seed").asLong());
    }

    @Test
    void nestedSamplingReportsTheEvidence() throws Exception {
        assertEquals(0, emuflow(infer("nested", "--sampler", "nested", "--live-points", "100")).exit());
        JsonNode post = new ObjectMapper().readTree(dir.resolve("nested/posterior.json").toFile());
        assertTrue(post.at("/diagnostics/log_z_error").asDouble() > 0);
        assertEquals(3, post.at("/summary/A/mean").asDouble(), 0.5);
    }

    @Test
    void badInputsEndInOneLine() throws Exception {
        Files.writeString(dir.resolve("off.csv"), "k,value\n0.1,1\n10,1\n");
        Files.writeString(dir.resolve("off_cov.csv"), "1,0\n0,1\n");
        Result off = emuflow("infer", "--model", model.toString(), "--train", dir.resolve("train.h5").toString(), "--data",
                dir.resolve("off.csv").toString(), "--covariance", dir.resolve("off_cov.csv").toString(), "--out-dir", dir.resolve("x").toString());
        assertOneLine(off, "k = 10", "outside the grid");
        Files.writeString(dir.resolve("bad_cov.csv"), "1,2,0,0,0\n2,1,0,0,0\n0,0,1,0,0\n0,0,0,1,0\n0,0,0,0,1\n");
        Result npd = emuflow("infer", "--model", model.toString(), "--train", dir.resolve("train.h5").toString(), "--data",
                dir.resolve("data.csv").toString(), "--covariance", dir.resolve("bad_cov.csv").toString(), "--out-dir", dir.resolve("x").toString());
        assertOneLine(npd, "not positive definite");
        assertOneLine(emuflow(infer("x", "--prior", "A=uniform:0:4")), "prior of A", "outside the emulator's training box");
        assertFalse(Files.exists(dir.resolve("x/chain.h5")), "no output from a refused run");
    }

    private static void assertOneLine(Result r, String... fragments) {
        assertEquals(ExitCodes.BAD_INPUT, r.exit(), r.err());
        List<String> lines = r.err().lines().filter(l -> l.startsWith("infer: error: ")).toList();
        assertEquals(1, lines.size(), r.err());
        for (String f : fragments) {
            assertTrue(lines.get(0).contains(f), lines.get(0) + " lacks " + f);
        }
    }
}
