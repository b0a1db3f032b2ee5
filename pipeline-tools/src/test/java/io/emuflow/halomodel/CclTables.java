package io.emuflow.halomodel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the CCL benchmark tables copied into test resources (reference/ccl, see its README.md). */
final class CclTables {
    private CclTables() {}

    static List<double[]> table(String name) {
        try (InputStream in = CclTables.class.getResourceAsStream("/reference/ccl/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource reference/ccl/" + name);
            }
            List<double[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String t = line.trim();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] parts = t.split("\\s+");
                double[] row = new double[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    row[i] = Double.parseDouble(parts[i]);
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
