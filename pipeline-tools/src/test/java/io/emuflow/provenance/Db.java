package io.emuflow.provenance;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test helpers: whole-table snapshots and single values from the store. */
final class Db {
    static final List<String> TABLES = List.of("run", "artifact", "artifact_location", "step_execution", "step_input", "step_output",
            "run_step", "model", "metric", "hyperparameter_trial");

    private Db() {}

    /** Every row of every table, as sorted text: equal snapshots mean the database did not change. */
    static Map<String, List<String>> snapshot(Path db) {
        try (ProvenanceStore store = ProvenanceStore.open(db, false)) {
            Map<String, List<String>> out = new TreeMap<>();
            for (String table : TABLES) {
                out.put(table, rows(store.connection(), "SELECT * FROM " + table));
            }
            return out;
        }
    }

    static List<String> rows(Connection c, String sql, Object... values) {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                List<String> rows = new ArrayList<>();
                int n = r.getMetaData().getColumnCount();
                while (r.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        row.append(i > 1 ? " | " : "").append(r.getString(i));
                    }
                    rows.add(row.toString());
                }
                rows.sort(null);
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(Path db, String sql, Object... values) {
        try (ProvenanceStore store = ProvenanceStore.open(db, false)) {
            return Long.parseLong(rows(store.connection(), sql, values).get(0));
        }
    }
}
