package io.emuflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.emuflow.cosmology.CosmologyParams;
import io.emuflow.cosmology.LinearModel;
import io.emuflow.cosmology.MatterPowerSpectrum;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkCommandTest {
    private static final String[] FIDUCIAL = {"--param", "H0=67.36", "--param", "omega_b=0.02237", "--param", "omega_c=0.12",
        "--param", "ln10As=3.044", "--param", "n_s=0.9649"};

    @TempDir
    Path dir;

    @Test
    void writesLinearAndNonlinearSpectraForParamFlags() throws Exception {
        Path out = dir.resolve("pk.csv");
        Path kFile = dir.resolve("k.txt");
        Files.writeString(kFile, "0.01\n0.1\n\n1.0\n");
        String[] args = concat(new String[] {"pk", "--z", "0,1", "--k-file", kFile.toString(), "--out", out.toString()}, FIDUCIAL);
        assertEquals(0, EmuflowCommand.execute(args));
        List<String> lines = Files.readAllLines(out);
        assertEquals("id,z,k,P_lin,P_nl", lines.get(0));
        assertEquals(1 + 2 * 3, lines.size());
        // CLASS sanity values of the reference README (fiducial, z = 0): P_lin(0.1) = 1.07429e4, P_nl(1.0) = 889.46
        String[] row = lines.get(2).split(",");
        assertEquals(0.1, Double.parseDouble(row[2]));
        assertEquals(1.07429e4, Double.parseDouble(row[3]), 0.005 * 1.07429e4);
        String[] nl = lines.get(3).split(",");
        assertEquals(889.46, Double.parseDouble(nl[4]), 0.01 * 889.46);
        // the same numbers as the library
        MatterPowerSpectrum p = MatterPowerSpectrum.create(CosmologyParams.lcdm(67.36, 0.02237, 0.12, 3.044, 0.9649), LinearModel.CORRECTED);
        String[] last = lines.get(6).split(",");
        assertEquals(p.nonlinear(new double[] {1.0}, 1)[0], Double.parseDouble(last[4]), 0);
    }

    @Test
    void readsParamsCsvWithIdsAndOptionalColumns() throws Exception {
        Path csv = dir.resolve("params.csv");
        Files.writeString(csv, "id,H0,omega_b,omega_c,ln10As,n_s,w0\n7,67.36,0.02237,0.12,3.044,0.9649,-0.9\n9,70,0.022,0.11,3.0,0.96,-1\n");
        Path out = dir.resolve("pk.csv");
        assertEquals(0, EmuflowCommand.execute("pk", "--params-csv", csv.toString(), "--kmin", "1e-3", "--kmax", "1", "--nk", "5",
                "--out", out.toString()));
        List<String> lines = Files.readAllLines(out);
        assertEquals(11, lines.size());
        assertEquals("7", lines.get(1).split(",")[0]);
        assertEquals("9", lines.get(10).split(",")[0]);
        assertEquals(1.0, Double.parseDouble(lines.get(10).split(",")[2]));
    }

    @Test
    void rejectsBadInputWithExitCode2AndNoOutput() throws Exception {
        Path out = dir.resolve("pk.csv");
        Path kFile = dir.resolve("k.txt");
        Files.writeString(kFile, "0.1\n");
        String o = out.toString();
        assertEquals(2, EmuflowCommand.execute("pk", "--param", "H0=67", "--out", o)); // missing parameters
        assertEquals(2, EmuflowCommand.execute(concat(new String[] {"pk", "--z", "-1", "--out", o}, FIDUCIAL)));
        assertEquals(2, EmuflowCommand.execute(concat(new String[] {"pk", "--k-file", kFile.toString(), "--nk", "5", "--out", o}, FIDUCIAL)));
        assertEquals(2, EmuflowCommand.execute(concat(new String[] {"pk", "--kmax", "1e5", "--out", o}, FIDUCIAL)));
        assertEquals(2, EmuflowCommand.execute("pk", "--param", "H0=67", "--param", "omega_b=-0.02", "--param", "omega_c=0.12",
                "--param", "ln10As=3", "--param", "n_s=0.96", "--out", o));
        assertFalse(Files.exists(out));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
