package io.emuflow.cosmology;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the reference figures copied into the test resources (CCL benchmarks, CLASS tables). */
final class Reference {
    private Reference() {}

    /** Whitespace-separated numeric table; lines starting with '#' are skipped. */
    static List<double[]> table(String resource) {
        List<double[]> rows = new ArrayList<>();
        for (String line : lines(resource)) {
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
    }

    /** A CSV with a header row; every value numeric. */
    static List<Map<String, Double>> csv(String resource) {
        List<String> lines = lines(resource);
        String[] header = lines.get(0).split(",");
        List<Map<String, Double>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] parts = line.split(",");
            Map<String, Double> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], Double.parseDouble(parts[i]));
            }
            rows.add(row);
        }
        return rows;
    }

    /** One CLASS cosmology's spectrum at one redshift, from pk_public.csv. */
    record ClassSpectrum(int id, double z, CosmologyParams params, double[] k, double[] pLin, double[] pNl) {}

    private static List<ClassSpectrum> classSpectra;

    static synchronized List<ClassSpectrum> classSpectra() {
        if (classSpectra == null) {
            Map<String, List<Map<String, Double>>> groups = new LinkedHashMap<>();
            for (Map<String, Double> row : csv("/reference/class/pk_public.csv")) {
                groups.computeIfAbsent(row.get("id").intValue() + "/" + row.get("z"), key -> new ArrayList<>()).add(row);
            }
            List<ClassSpectrum> out = new ArrayList<>();
            for (List<Map<String, Double>> rows : groups.values()) {
                Map<String, Double> first = rows.get(0);
                CosmologyParams params = CosmologyParams.lcdm(first.get("H0"), first.get("omega_b"), first.get("omega_c"),
                        first.get("ln10As"), first.get("n_s"));
                double[] k = rows.stream().mapToDouble(r -> r.get("k_1_per_Mpc")).toArray();
                double[] lin = rows.stream().mapToDouble(r -> r.get("P_lin_Mpc3")).toArray();
                double[] nl = rows.stream().mapToDouble(r -> r.get("P_nl_Mpc3")).toArray();
                out.add(new ClassSpectrum(first.get("id").intValue(), first.get("z"), params, k, lin, nl));
            }
            classSpectra = out;
        }
        return classSpectra;
    }

    private static List<String> lines(String resource) {
        InputStream in = Reference.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + resource);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
