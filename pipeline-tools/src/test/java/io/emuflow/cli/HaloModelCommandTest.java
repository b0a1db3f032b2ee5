package io.emuflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `emuflow halomodel`, `emuflow hmf` and `emuflow bench-halomodel` against the CCL benchmark figures and on bad input. */
class HaloModelCommandTest {
    private static final String[] C1 = {"--param", "Omega_m=0.3", "--param", "Omega_b=0.05", "--param", "h=0.7", "--param", "sigma_8=0.8",
        "--param", "n_s=0.96"};
    private static final String[] HOD = {"--param", "alpha=0.8", "--param", "sigma=0.3", "--param", "M_th=1e12", "--param", "M_prime=1e13",
        "--param", "beta=1"};

    @TempDir
    Path dir;

    @Test
    void reproducesTheCclHaloModelBenchmarkWithItsModelChoices() throws Exception {
        List<double[]> z0 = table("pk_hm_c1_z0.txt");
        List<double[]> z1 = table("pk_hm_c1_z1.txt");
        StringBuilder kText = new StringBuilder();
        for (int i = 0; i < z0.size(); i += 5) {
            kText.append(z0.get(i)[0] * 0.7).append('\n'); // h/Mpc -> 1/Mpc
        }
        Path kFile = dir.resolve("k.txt");
        Files.writeString(kFile, kText);
        Path out = dir.resolve("hm.csv");
        String[] args = concat(concat(new String[] {"halomodel", "--z", "0,1", "--k-file", kFile.toString(), "--mass-function", "sheth-tormen",
            "--bias", "sheth-tormen", "--concentration", "duffy08", "--mass-definition", "vir", "--out", out.toString()}, C1), HOD);
        assertEquals(0, EmuflowCommand.execute(args));
        List<String> lines = Files.readAllLines(out);
        assertEquals(HaloModelCommand.HEADER, lines.get(0));
        int perZ = (z0.size() + 4) / 5;
        assertEquals(1 + 2 * perZ, lines.size());
        double worst = 0;
        for (int row = 1; row < lines.size(); row++) {
            String[] cells = lines.get(row).split(",");
            int i = ((row - 1) % perZ) * 5;
            double[] expected = (row - 1 < perZ ? z0 : z1).get(i);
            double pmm = Double.parseDouble(cells[6]) * 0.343; // Mpc^3 -> (Mpc/h)^3
            worst = Math.max(worst, Math.abs(pmm / expected[4] - 1));
            double total = Double.parseDouble(cells[4]) + Double.parseDouble(cells[5]);
            assertEquals(Double.parseDouble(cells[6]), total, 1e-12 * total);
        }
        assertTrue(worst < 1e-3, "P_mm against CCL's pk_hm_c1: worst relative difference " + worst);
    }

    @Test
    void hmfReproducesTheTinker08BenchmarkWithinOnePercent() throws Exception {
        List<double[]> rows = table("hmf_tinker08.txt");
        StringBuilder masses = new StringBuilder();
        for (double[] r : rows) {
            masses.append(r[0]).append('\n');
        }
        Path massesFile = dir.resolve("m.txt");
        Files.writeString(massesFile, masses);
        Path out = dir.resolve("hmf.csv");
        assertEquals(0, EmuflowCommand.execute(concat(new String[] {"hmf", "--z", "0,0.5,1", "--masses-file", massesFile.toString(),
            "--out", out.toString()}, C1)));
        List<String> lines = Files.readAllLines(out);
        assertEquals("z,M,dn_dlog10M,bias", lines.get(0));
        assertEquals(1 + 3 * rows.size(), lines.size());
        for (int line = 1; line < lines.size(); line++) {
            String[] cells = lines.get(line).split(",");
            int zi = (line - 1) / rows.size();
            double expected = rows.get((line - 1) % rows.size())[1 + zi];
            assertEquals(expected, Double.parseDouble(cells[2]), 0.01 * expected, lines.get(line));
        }
    }

    @Test
    void badInputGetsExitCode2AndNoOutput() throws Exception {
        Path out = dir.resolve("x.csv");
        String o = out.toString();
        Path masses = dir.resolve("m.txt");
        Files.writeString(masses, "1e12\n-5e13\n");
        assertEquals(2, EmuflowCommand.execute(concat(concat(new String[] {"halomodel", "--mass-function", "press-schechter", "--out", o}, C1), HOD)));
        assertEquals(2, EmuflowCommand.execute(concat(concat(new String[] {"halomodel", "--concentration", "prada12", "--out", o}, C1), HOD)));
        assertEquals(2, EmuflowCommand.execute(concat(concat(new String[] {"halomodel", "--param", "alpha=1.5", "--out", o}, C1),
            new String[] {"--param", "sigma=0.3", "--param", "M_th=1e12", "--param", "M_prime=1e13", "--param", "beta=1"})));
        assertEquals(2, EmuflowCommand.execute(concat(concat(new String[] {"halomodel", "--param", "Omega_c=0.2", "--out", o}, C1), HOD)));
        assertEquals(2, EmuflowCommand.execute(concat(new String[] {"hmf", "--masses-file", masses.toString(), "--out", o}, C1)));
        assertEquals(2, EmuflowCommand.execute(concat(new String[] {"hmf", "--masses-file", masses.toString(), "--mass-definition", "500x",
            "--out", o}, C1)));
        assertFalse(Files.exists(out));
    }

    @Test
    void benchHaloModelReportsCpuTimePerPoint() {
        assertEquals(0, EmuflowCommand.execute("bench-halomodel", "--points", "3", "--warmup", "1"));
    }

    private static List<double[]> table(String name) throws IOException {
        try (InputStream in = HaloModelCommandTest.class.getResourceAsStream("/reference/ccl/" + name)) {
            List<double[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.trim().split("\\s+");
                    double[] row = new double[parts.length];
                    for (int i = 0; i < parts.length; i++) {
                        row[i] = Double.parseDouble(parts[i]);
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
