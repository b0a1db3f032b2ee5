package io.emuflow.bench;

import static io.emuflow.testing.Cli.emuflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuflow.testing.Cli.Result;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `bench-record` fills an empty store with its runs, prints its figures, and refuses a store that holds runs. */
class BenchRecordCommandTest {
    @TempDir
    Path dir;

    @Test
    void recordsTenSidecarsPerRunAndTimesAuditsThenRefusesAFullStore() {
        String db = dir.resolve("store/emuflow").toString();
        Result r = emuflow("bench-record", "--runs", "3", "--audits", "2", "--db", db);
        assertEquals(0, r.exit(), r.err());
        Map<String, String> figures = new HashMap<>();
        r.out().lines().filter(l -> !l.startsWith("#")).forEach(l -> figures.put(l.split(",")[0], l.split(",")[1]));
        assertEquals("30", figures.get("sidecars"));
        assertEquals("3", figures.get("audit_model_runs_in_store"));
        assertTrue(Double.parseDouble(figures.get("sidecars_per_s")) > 0, r.out());
        assertTrue(Double.parseDouble(figures.get("audit_model_ms_median")) > 0, r.out());
        // the store now holds three runs, each with its own model that audit finds
        Result audit = emuflow("audit", "model", "mlp-2", "--db", db);
        assertEquals(0, audit.exit(), audit.err());
        Result again = emuflow("bench-record", "--runs", "1", "--db", db);
        assertTrue(again.exit() != 0 && again.line().contains("already holds runs: bench-record needs an empty store"), again.err());
    }
}
