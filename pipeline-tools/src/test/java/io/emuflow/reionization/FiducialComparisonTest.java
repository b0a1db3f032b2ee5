package io.emuflow.reionization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuflow.fields.Box;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The statistical targets of issues 4 and 20 against 21cmFAST v3.4.0 at the fiducial point (HII_EFF_FACTOR 30,
 * ION_Tvir_MIN 4.7, R_BUBBLE_MAX 15 Mpc; 64^3 cells, 128 Mpc; z = 7, 8, 9). The Java field cannot reproduce
 * 21cmFAST's random numbers, so only statistics over seeds can agree:
 *
 * <ul>
 *   <li>means over 8 seeds of the volume-weighted x_HI within 0.02, of the mean T_b within 3%, and of Delta^2 at
 *       k = 0.51/Mpc (bin 13) within 10% ({@code reference/21cmfast/fiducial.csv});</li>
 *   <li>in every k bin from 10 to 19 (k from 0.28 to 1.57/Mpc), the mean of Delta^2 over the seeds within two
 *       combined standard errors of 21cmFAST's mean over its 8 seeds, sqrt(s_java^2 / n_java + s_21cmFAST^2 / 8)
 *       ({@code reference/21cmfast/fiducial_seeds_delta2.csv}).</li>
 * </ul>
 * About 15 s on a quiet 2-core machine, 40 s at load 25: tagged {@code slow} ({@code -DexcludedGroups=slow} leaves it out of a
 * quick run; {@code ./run-tests} and {@code .ci/run} run it).
 */
@Tag("slow")
class FiducialComparisonTest {
    private static final int SEEDS = 8;
    private static final double[] REDSHIFTS = {7, 8, 9};
    private static final int FIRST_BIN = 10;
    private static final int LAST_BIN = 19;

    /** [z][seed]: x_HI, mean T_b, then Delta^2 per bin. */
    private static double[][][] values;

    @BeforeAll
    static void simulate() {
        CoevalSimulator simulator = new CoevalSimulator(new Box(64, 128), ReionCosmology.fiducial(), 3, true);
        values = new double[REDSHIFTS.length][SEEDS][];
        for (int seed = 1; seed <= SEEDS; seed++) {
            CoevalSimulator.InitialConditions ic = simulator.initialConditions(seed);
            for (int iz = 0; iz < REDSHIFTS.length; iz++) {
                PerturbedField field = simulator.perturb(ic, REDSHIFTS[iz]);
                CoevalSimulator.Coeval box = simulator.ionize(field, AstroParams.fiducial(), 1000L * seed + iz);
                double[] d2 = simulator.delta2(box.brightnessTemperature());
                double[] row = new double[d2.length + 2];
                row[0] = box.meanNeutralFraction();
                row[1] = box.meanBrightnessTemperature();
                System.arraycopy(d2, 0, row, 2, d2.length);
                values[iz][seed - 1] = row;
            }
        }
    }

    @Test
    void meanNeutralFractionBrightnessAndMidScalePowerMatch21cmFast() throws IOException {
        List<double[]> reference = CosmologyFormulasTest.table("fiducial.csv");
        for (double[] ref : reference) {
            int iz = redshiftIndex(ref[0]);
            String z = "z = " + ref[0];
            assertEquals(ref[1], mean(iz, 0), 0.02, z + ": x_HI");
            assertEquals(ref[3], mean(iz, 1), 0.03 * ref[3], z + ": mean T_b");
            assertEquals(ref[5], mean(iz, 2 + 13), 0.10 * ref[5], z + ": Delta^2(0.51/Mpc)");
        }
    }

    @Test
    void everySmallScaleBinWithinTwoCombinedStandardErrorsOf21cmFast() throws IOException {
        List<String> failures = new ArrayList<>();
        StringBuilder table = new StringBuilder("z,bin,k,java_mean,java_sd,21cmfast_mean,21cmfast_sd,diff_percent,diff_in_combined_se\n");
        for (double[] ref : binTable()) {
            int bin = (int) ref[1];
            if (bin < FIRST_BIN || bin > LAST_BIN) {
                continue;
            }
            int iz = redshiftIndex(ref[0]);
            double javaMean = mean(iz, 2 + bin);
            double javaSd = sd(iz, 2 + bin);
            double combined = Math.sqrt(javaSd * javaSd / SEEDS + ref[7] * ref[7] / ref[8]);
            double pulls = (javaMean - ref[6]) / combined;
            table.append(String.format(Locale.ROOT, "%.0f,%d,%.3f,%.3f,%.3f,%.3f,%.3f,%+.1f,%+.2f%n", ref[0], bin, ref[4],
                    javaMean, javaSd, ref[6], ref[7], 100 * (javaMean / ref[6] - 1), pulls));
            if (Math.abs(pulls) > 2) {
                failures.add(String.format(Locale.ROOT, "z = %.0f bin %d (k = %.2f/Mpc): %.3f against %.3f mK^2, %+.1f combined"
                        + " standard errors", ref[0], bin, ref[4], javaMean, ref[6], pulls));
            }
        }
        System.out.print(table);
        assertTrue(failures.isEmpty(), String.join("; ", failures));
    }

    private static int redshiftIndex(double z) {
        for (int i = 0; i < REDSHIFTS.length; i++) {
            if (REDSHIFTS[i] == z) {
                return i;
            }
        }
        throw new IllegalArgumentException("no simulated redshift " + z);
    }

    private static double mean(int iz, int column) {
        double sum = 0;
        for (double[] row : values[iz]) {
            sum += row[column];
        }
        return sum / SEEDS;
    }

    private static double sd(int iz, int column) {
        double m = mean(iz, column);
        double sum = 0;
        for (double[] row : values[iz]) {
            sum += (row[column] - m) * (row[column] - m);
        }
        return Math.sqrt(sum / (SEEDS - 1));
    }

    /** Rows of fiducial_seeds_delta2.csv: z, bin, k_lo, k_hi, k_centre, modes, mean, sd, seeds ("nan" read as NaN). */
    static List<double[]> binTable() throws IOException {
        try (InputStream in = FiducialComparisonTest.class.getResourceAsStream("/reference/21cmfast/fiducial_seeds_delta2.csv")) {
            if (in == null) {
                throw new IOException("missing test resource fiducial_seeds_delta2.csv");
            }
            List<double[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                line = line.trim();
                if (line.isEmpty() || Character.isLetter(line.charAt(0))) {
                    continue;
                }
                String[] parts = line.split(",");
                double[] row = new double[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    row[i] = parts[i].equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(parts[i]);
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
