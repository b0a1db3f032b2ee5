package io.emuflow.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file written by DatasetFile, read by Debian's h5py: every value bit-identical, names and attributes as in DESIGN.md 5. */
class DatasetFileH5pyTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    /** Prints every array as the hex of its IEEE-754 (or int64) bits, so the comparison is exact. */
    private static final String SCRIPT = String.join("\n",
            "import sys, json, h5py, numpy as np",
            "f = h5py.File(sys.argv[1], 'r')",
            "bits = lambda a: ['%016x' % v for v in np.asarray(a, dtype='<f8').view('<u8').ravel()]",
            "s = lambda v: v.decode() if isinstance(v, bytes) else str(v)",
            "p = f['params']",
            "out = {",
            " 'root': {k: s(f.attrs[k]) for k in ['format', 'study', 'step', 'tool_version']},",
            " 'index': [int(v) for v in f['index'][()]], 'index_dtype': str(f['index'].dtype),",
            " 'params_shape': list(p.shape), 'params': bits(p[()]), 'params_dtype': str(p.dtype),",
            " 'names': [s(v) for v in p.attrs['names']], 'units': [s(v) for v in p.attrs['units']],",
            " 'lower': bits(p.attrs['lower']), 'upper': bits(p.attrs['upper']),",
            " 'k': bits(f['grid/k'][()]), 'k_units': s(f['grid/k'].attrs['units']),",
            " 'target_shape': list(f['targets/P_lin'].shape), 'target': bits(f['targets/P_lin'][()]),",
            " 'target_units': s(f['targets/P_lin'].attrs['units']), 'log10': int(f['targets/P_lin'].attrs['log10']),",
            " 'scaler_params_mean': bits(f['scalers/params/mean'][()]), 'scaler_target_std': bits(f['scalers/targets/P_lin/std'][()]),",
            "}",
            "print(json.dumps(out))");

    @TempDir
    Path dir;

    @Test
    void h5pyReadsEveryValueExactly() throws Exception {
        assumeTrue(h5pyAvailable(), "Debian's python3-h5py is not installed (apt-get install -y python3-h5py python3-numpy)");
        SpectrumDataset data = DatasetFileTest.withScalers(TestData.spectra(13, 7, 11));
        Path file = dir.resolve("interop.h5");
        DatasetFile.write(data, file, "0.1.0 (git abc)");

        JsonNode read = new ObjectMapper().readTree(run(PYTHON.toString(), "-c", SCRIPT, file.toString()));

        assertEquals(DatasetFile.FORMAT, read.at("/root/format").asText());
        assertEquals("toy", read.at("/root/study").asText());
        assertEquals("simulate", read.at("/root/step").asText());
        assertEquals("0.1.0 (git abc)", read.at("/root/tool_version").asText());
        assertEquals("int64", read.get("index_dtype").asText());
        assertEquals("float64", read.get("params_dtype").asText());
        List<Long> ids = new ArrayList<>();
        read.get("index").forEach(v -> ids.add(v.asLong()));
        assertEquals(java.util.Arrays.stream(data.index()).boxed().toList(), ids);
        assertEquals("[13,2]", read.get("params_shape").toString());
        assertEquals(bits(data.params()), texts(read.get("params")));
        assertEquals(List.of("A", "n"), texts(read.get("names")));
        assertEquals(List.of("", ""), texts(read.get("units")));
        assertEquals(bits(new double[][] {{1, 0.9}}), texts(read.get("lower")));
        assertEquals(bits(new double[][] {{2, 1.1}}), texts(read.get("upper")));
        assertEquals(bits(new double[][] {data.grid()}), texts(read.get("k")));
        assertEquals("1/Mpc", read.get("k_units").asText());
        assertEquals("[13,7]", read.get("target_shape").toString());
        assertEquals(bits(data.target("P_lin").values()), texts(read.get("target")));
        assertEquals("Mpc^3", read.get("target_units").asText());
        assertEquals(0, read.get("log10").asInt());
        assertEquals(bits(new double[][] {data.scalers().get("params").mean()}), texts(read.get("scaler_params_mean")));
        assertEquals(bits(new double[][] {data.scalers().get("targets/P_lin").std()}), texts(read.get("scaler_target_std")));
    }

    private static List<String> bits(double[][] rows) {
        List<String> out = new ArrayList<>();
        for (double[] row : rows) {
            for (double v : row) {
                out.add(String.format("%016x", Double.doubleToRawLongBits(v)));
            }
        }
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static boolean h5pyAvailable() throws Exception {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import h5py, numpy").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("h5py failed to read the file (exit " + p.exitValue() + "): " + out);
        }
        return out;
    }
}
