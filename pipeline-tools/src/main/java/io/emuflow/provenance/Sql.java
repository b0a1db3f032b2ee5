package io.emuflow.provenance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Read queries of the store (audit, verify, report): rows as maps keyed by upper-case column label. */
public final class Sql {
    private Sql() {}

    public static List<Map<String, Object>> rows(Connection db, String sql, Object... values) {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                int columns = r.getMetaData().getColumnCount();
                while (r.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= columns; c++) {
                        Object value = r.getObject(c);
                        // CLOB columns (settings, command line, sidecar) come back as Clob handles on H2: read them as text.
                        // TIMESTAMP WITH TIME ZONE comes back as OffsetDateTime from H2 and as Timestamp from PostgreSQL:
                        // one type (UTC) for both engines.
                        if (value instanceof java.sql.Clob) {
                            value = r.getString(c);
                        } else if (value instanceof java.sql.Timestamp t) {
                            value = t.toInstant().atOffset(java.time.ZoneOffset.UTC);
                        }
                        row.put(r.getMetaData().getColumnLabel(c).toUpperCase(java.util.Locale.ROOT), value);
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("provenance query failed: " + e.getMessage(), e);
        }
    }
}
