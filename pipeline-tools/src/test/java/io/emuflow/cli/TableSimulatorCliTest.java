package io.emuflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emuflow.data.DatasetFile;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.provenance.Hashing;
import io.emuflow.simulate.Simulator;
import io.emuflow.simulate.SimulatorRegistry;
import io.emuflow.testing.Cli;
import io.jhdf.HdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The `table` simulator through sample and simulate, on the 64-row subset of the CLASS CMB table in
 * src/test/resources/reference/class-cmb: every value that comes out is compared with the table as read directly.
 */
class TableSimulatorCliTest {
    static final Path TABLE = Path.of("src/test/resources/reference/class-cmb/cmb_subset.h5").toAbsolutePath();
    private static final String[] SPECTRA = {"tt", "te", "ee", "pp"};
    private static double[][] params;
    private static long[] ell;
    private static float[][][] spectra;

    @TempDir
    Path dir;

    @BeforeAll
    static void readTable() {
        try (HdfFile file = new HdfFile(TABLE)) {
            params = (double[][]) file.getDatasetByPath("/params").getData();
            ell = (long[]) file.getDatasetByPath("/ell").getData();
            spectra = new float[SPECTRA.length][][];
            for (int s = 0; s < SPECTRA.length; s++) {
                spectra[s] = (float[][]) file.getDatasetByPath("/" + SPECTRA[s]).getData();
            }
        }
    }

    /** The CMB study over the README's box (or a narrower h), reading {@code table}. */
    private Path study(int samples, String table, String hLower, String extraSettings, String tauName) throws Exception {
        Path file = dir.resolve("study-" + Math.abs((samples + table + hLower + extraSettings + tauName).hashCode()) + ".yaml");
        Files.writeString(file, """
                name: cmb-table
                kind: emulator
                samples: %d
                parameters:
                  - {name: omega_b,   units: "", lower: 0.0205, upper: 0.0245}
                  - {name: omega_cdm, units: "", lower: 0.10,   upper: 0.14}
                  - {name: h,         units: "", lower: %s,     upper: 0.80}
                  - {name: %s,  units: "", lower: 0.02,   upper: 0.12}
                  - {name: n_s,       units: "", lower: 0.92,   upper: 1.01}
                  - {name: ln10As,    units: "", lower: 2.85,   upper: 3.25}
                simulator:
                  name: table
                  settings: {path: "%s"%s}
                target: [TT, TE, EE, PP]
                split: {train: 0.8, validation: 0.1, test: 0.1}
                models:
                  - {name: tt}
                """.formatted(samples, hLower, tauName, table, extraSettings));
        return file;
    }

    private Path study(int samples) throws Exception {
        return study(samples, TABLE.toString(), "0.60", "", "tau_reio");
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    private static void ok(String... args) {
        Cli.Result r = Cli.emuflow(args);
        assertEquals(0, r.exit(), String.join(" ", args) + " failed: " + r.err());
    }

    private static String fails(String... args) {
        Cli.Result r = Cli.emuflow(args);
        assertNotEquals(0, r.exit(), String.join(" ", args) + " should fail");
        return r.line();
    }

    @Test
    void everyRowOfTheTableComesOutOfSampleAndSimulateAsItIsInTheTable() throws Exception {
        ok("sample", "--study", study(1000).toString(), "--seed", "1", "--out", p("samples.h5"), "--study-out", p("study.json"),
                "--count-out", p("n.txt"));
        assertEquals(params.length + "", Files.readString(dir.resolve("n.txt")).trim(), "samples beyond the table's rows: all rows");
        SpectrumDataset samples = DatasetFile.read(dir.resolve("samples.h5"));
        for (int r = 0; r < params.length; r++) {
            assertEquals(r, samples.index()[r], "sample ids are the table's row numbers");
            assertArrayEquals(params[r], samples.params()[r], 0.0, "row " + r + " parameters, bit for bit");
        }
        ok("simulate", "--study", p("study.json"), "--samples", p("samples.h5"), "--chunk", "0", "--chunk-size", "40", "--threads", "2",
                "--out", p("chunk-0.h5"));
        ok("simulate", "--study", p("study.json"), "--samples", p("samples.h5"), "--chunk", "1", "--chunk-size", "40", "--out", p("chunk-1.h5"));
        List<SpectrumDataset> chunks = List.of(DatasetFile.read(dir.resolve("chunk-0.h5")), DatasetFile.read(dir.resolve("chunk-1.h5")));
        int row = 0;
        for (SpectrumDataset chunk : chunks) {
            assertArrayEquals(Arrays.stream(ell).asDoubleStream().toArray(), chunk.grid(), 0.0);
            assertEquals("", chunk.gridUnits());
            assertEquals(Set.of("TT", "TE", "EE", "PP"), chunk.targets().keySet(), "the dataset file lists its targets by name");
            for (int i = 0; i < chunk.size(); i++, row++) {
                assertEquals(row, chunk.index()[i]);
                for (int s = 0; s < SPECTRA.length; s++) {
                    double[] got = chunk.targets().get(SPECTRA[s].toUpperCase()).values()[i];
                    for (int j = 0; j < got.length; j++) {
                        assertEquals(spectra[s][row][j], got[j], 0.0, SPECTRA[s] + " row " + row + " l = " + ell[j]);
                    }
                }
            }
        }
        assertEquals(params.length, row);

        ObjectMapper json = new ObjectMapper();
        JsonNode resolved = json.readTree(dir.resolve("study.json").toFile());
        assertEquals(TABLE.toString(), resolved.path("simulator").path("settings").path("path").asText(), "study.json names the table absolutely");
        JsonNode prov = json.readTree(dir.resolve("samples.h5.prov.json").toFile());
        String sha = Hashing.sha256(TABLE);
        assertEquals("table-rows", prov.path("settings").path("method").asText(), prov.toString());
        assertEquals(sha, prov.path("settings").path("table_sha256").asText());
        assertEquals("0-" + (params.length - 1), prov.path("settings").path("table_rows").asText());
        boolean tableInput = false;
        for (JsonNode in : prov.path("inputs")) {
            tableInput |= in.path("role").asText().equals("table") && in.path("sha256").asText().equals(sha);
        }
        assertTrue(tableInput, "the table is an input of the sample step, with its hash: " + prov.path("inputs"));
        JsonNode chunkProv = json.readTree(dir.resolve("chunk-0.h5.prov.json").toFile());
        assertEquals(sha, chunkProv.path("settings").path("simulator_settings").path("sha256").asText());
    }

    @Test
    void aSubsetIsSeededSortedAndTheSameForTheSameSeed() throws Exception {
        Path study = study(20);
        ok("sample", "--study", study.toString(), "--seed", "5", "--out", p("a.h5"), "--study-out", p("a.json"));
        ok("sample", "--study", study.toString(), "--seed", "5", "--out", p("b.h5"), "--study-out", p("b.json"));
        ok("sample", "--study", study.toString(), "--seed", "6", "--out", p("c.h5"), "--study-out", p("c.json"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.h5")), Files.readAllBytes(dir.resolve("b.h5")), "same seed, same file");
        SpectrumDataset a = DatasetFile.read(dir.resolve("a.h5"));
        SpectrumDataset c = DatasetFile.read(dir.resolve("c.h5"));
        assertEquals(20, a.size());
        assertEquals(20, new ObjectMapper().readTree(dir.resolve("a.json").toFile()).path("samples").asInt(), "study.json holds the count taken");
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < a.size(); i++) {
            long r = a.index()[i];
            assertTrue(seen.add(r) && r >= 0 && r < params.length && (i == 0 || r > a.index()[i - 1]), "distinct ascending table rows");
            assertArrayEquals(params[(int) r], a.params()[i], 0.0);
        }
        assertTrue(!Arrays.equals(a.index(), c.index()), "another seed takes other rows");
    }

    @Test
    void rowsOutsideTheBoxAreAnErrorOrDroppedOnRequest() throws Exception {
        String line = fails("sample", "--study", study(1000, TABLE.toString(), "0.70", "", "tau_reio").toString(), "--seed", "1",
                "--out", p("s.h5"), "--study-out", p("s.json"));
        assertTrue(line.contains("outside the study's box") && line.contains("h = "), line);
        ok("sample", "--study", study(1000, TABLE.toString(), "0.70", ", outside_box: drop", "tau_reio").toString(), "--seed", "1",
                "--out", p("s.h5"), "--study-out", p("s.json"));
        SpectrumDataset kept = DatasetFile.read(dir.resolve("s.h5"));
        long expected = Arrays.stream(params).filter(r -> r[2] >= 0.70).count();
        assertEquals(expected, kept.size(), "exactly the rows with h >= 0.70");
        assertTrue(expected > 0 && expected < params.length);
    }

    @Test
    void badTablesAndStudiesGiveOneLineErrors() throws Exception {
        String columns = fails("sample", "--study", study(10, TABLE.toString(), "0.60", "", "Omega_k").toString(), "--seed", "1",
                "--out", p("s.h5"), "--study-out", p("s.json"));
        assertTrue(columns.contains("tau_reio") || columns.contains("Omega_k"), columns);
        String missing = fails("sample", "--study", study(10, dir.resolve("none.h5").toString(), "0.60", "", "tau_reio").toString(),
                "--seed", "1", "--out", p("s.h5"), "--study-out", p("s.json"));
        assertTrue(missing.contains("does not exist"), missing);
        String hash = fails("sample", "--study", study(10, TABLE.toString(), "0.60", ", sha256: \"00\"", "tau_reio").toString(),
                "--seed", "1", "--out", p("s.h5"), "--study-out", p("s.json"));
        assertTrue(hash.contains(Hashing.sha256(TABLE)), hash);
    }

    /** A CSV table (long layout) made from the first rows of the HDF5 one reads back the same values; NaNs are handled. */
    @Test
    void csvTablesReadTheSameValuesAndNaNParametersAreRejected() throws Exception {
        List<String> names = List.of("omega_b", "omega_cdm", "h", "tau_reio", "n_s", "ln10As");
        StringBuilder csv = new StringBuilder("id," + String.join(",", names) + ",ell,TT,TE,EE,PP\n");
        int rows = 3;
        int points = 40;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < points; j++) {
                csv.append(r);
                for (double v : params[r]) {
                    csv.append(',').append(v);
                }
                csv.append(',').append(ell[j]);
                for (int s = 0; s < SPECTRA.length; s++) {
                    csv.append(',').append(r == 1 && s == 2 && j == 7 ? "NaN" : Double.toString(spectra[s][r][j]));
                }
                csv.append('\n');
            }
        }
        Path table = dir.resolve("table.csv");
        Files.writeString(table, csv);
        Simulator sim = SimulatorRegistry.create("table", Map.of("path", table.toString()));
        assertEquals(names, sim.requiredParameters());
        assertEquals("ell", sim.gridName());
        assertEquals(points, sim.grid().length);
        for (int r = 0; r < rows; r++) {
            double[][] out = sim.simulate(names, params[r]);
            for (int s = 0; s < SPECTRA.length; s++) {
                for (int j = 0; j < points; j++) {
                    if (r == 1 && s == 2 && j == 7) {
                        assertTrue(Double.isNaN(out[s][j]), "a NaN spectrum value reaches the clean step as NaN");
                    } else {
                        assertEquals(spectra[s][r][j], out[s][j], 0.0);
                    }
                }
            }
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(table));
        for (int i = 1; i <= points; i++) {
            lines.set(i, lines.get(i).replaceFirst("^0,[^,]+,", "0,NaN,"));
        }
        Files.write(table, lines);
        Simulator nan = SimulatorRegistry.create("table", Map.of("path", table.toString()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, nan::requiredParameters);
        assertTrue(e.getMessage().contains("row 0") && e.getMessage().contains("non-finite omega_b"), e.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> sim.simulate(names, new double[] {0.022, 0.12, 0.7, 0.05, 0.96, 3.0}));
        assertTrue(unknown.getMessage().contains("has no row"), unknown.getMessage());
    }
}
