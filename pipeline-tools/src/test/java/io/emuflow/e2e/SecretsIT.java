package io.emuflow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuflow.provenance.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No secret is ever written (issue 26): `-profile test` records into a real PostgreSQL store (`--provenance_db`),
 * RECORD taking the store's password from Nextflow's secrets (`--provenance_db_secret`, the store file named by
 * NXF_SECRETS_FILE), while every step runs with a token in a *_TOKEN variable of the environment; afterwards no file
 * the run wrote (its results, work directory, Nextflow's logs and history, the console output) and no row of the
 * store (pg_dump) holds either value, and the store answers for the run.
 */
class SecretsIT {
    @RegisterExtension
    static final PostgresServer PG = new PostgresServer();
    static final Path BASE = PipelineIT.ROOT.resolve("pipeline-tools/target/secrets-it");
    static final String TOKEN = "emuflow-it-token-7f3a9c51";

    @Test
    void aRunIntoPostgresWritesNeitherItsPasswordNorAToken() throws Exception {
        PG.assumeAvailable();
        String url = PG.newDatabase();
        PipelineIT.deleteRecursively(BASE);
        Files.createDirectories(BASE);
        // Nextflow's secrets store, outside the launch folder (it is the user's input, not something the run wrote)
        Path store = Files.createDirectories(BASE.resolveSibling("secrets-it-store")).resolve("store.json");
        Files.writeString(store, PipelineIT.JSON.writeValueAsString(List.of(Map.of("name", "EMUFLOW_DB_PASSWORD", "value", PostgresServer.PASSWORD))));
        Files.setPosixFilePermissions(store, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Map<String, String> env = Map.of("EMUFLOW_DB_USER", PostgresServer.USER, "NXF_SECRETS_FILE", store.toString(), "EMUFLOW_IT_TOKEN", TOKEN);
        PipelineIT.Proc run = PipelineIT.Proc.run(BASE, 1500, env, PipelineIT.ROOT.resolve("nextflow").toString(), "run",
                PipelineIT.ROOT.resolve("main.nf").toString(), "-profile", "test", "--study", "pk-emulator", "--outdir", "results",
                "-work-dir", "work", "--provenance_db", url, "--provenance_db_secret");
        assertEquals(0, run.exit(), run::output);
        Map<String, String> reader = Map.of("EMUFLOW_DB_USER", PostgresServer.USER, "EMUFLOW_DB_PASSWORD", PostgresServer.PASSWORD);
        PipelineIT.Proc audit = PipelineIT.Proc.run(BASE.getParent(), 300, reader, PipelineIT.ROOT.resolve("bin/emuflow").toString(), "audit",
                "model", "mlp", "--db", url);
        assertEquals(0, audit.exit(), audit::output);
        assertTrue(audit.output().contains("pk-emulator"), audit.output());
        String dump = PG.dump(url);
        assertTrue(dump.contains("COPY public.step_execution"), "the dump holds the store's rows");
        List<String> leaks = new ArrayList<>();
        int files = 0;
        try (Stream<Path> walk = Files.walk(BASE)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                files++;
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                if (text.contains(PostgresServer.PASSWORD) || text.contains(TOKEN)) {
                    leaks.add(BASE.relativize(f).toString());
                }
            }
        }
        if (dump.contains(PostgresServer.PASSWORD) || dump.contains(TOKEN)) {
            leaks.add("the store (pg_dump)");
        }
        System.out.printf("[secrets-it] searched %d files and the store's dump (%d characters)%n", files, dump.length());
        assertTrue(files > 50, "too few files searched: " + files);
        assertTrue(leaks.isEmpty(), "a secret was written to: " + leaks);
    }
}
