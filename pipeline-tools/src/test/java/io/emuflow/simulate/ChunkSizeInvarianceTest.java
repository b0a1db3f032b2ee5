package io.emuflow.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.emuflow.data.DatasetFile;
import io.emuflow.data.Merger;
import io.emuflow.data.Parameter;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.sampling.LatinHypercube;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scatter/gather: the merged dataset is the same file whatever the chunk size, the thread count and the order in
 * which chunks arrive, so a study can be re-chunked for another cluster without changing its data.
 */
class ChunkSizeInvarianceTest {
    @TempDir
    Path dir;

    @Test
    void mergedDatasetIsIdenticalWhateverTheChunkSize() throws Exception {
        List<Parameter> parameters = List.of(new Parameter("H0", "km/s/Mpc", 60, 80), new Parameter("omega_b", "", 0.019, 0.025),
                new Parameter("omega_c", "", 0.10, 0.14), new Parameter("ln10As", "", 2.7, 3.3), new Parameter("n_s", "", 0.90, 1.01),
                new Parameter("z", "", 0, 3));
        int n = 23;
        double[][] design = LatinHypercube.sample(parameters, n, 7);
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        SpectrumDataset samples = SpectrumDataset.ofSamples("pk", ids, parameters, design);
        Simulator simulator = SimulatorRegistry.createFor("halofit", Map.of("n_k", 20), parameters);
        byte[] reference = null;
        for (int[] sizeAndThreads : new int[][] {{23, 1}, {5, 2}, {1, 1}, {10, 2}}) {
            int size = sizeAndThreads[0];
            List<SpectrumDataset> chunks = new ArrayList<>();
            for (int from = 0; from < n; from += size) {
                chunks.add(ChunkRunner.run(simulator, samples, from, Math.min(n, from + size), sizeAndThreads[1]).chunk());
            }
            Collections.reverse(chunks); // the last chunk finishing first
            Path merged = dir.resolve("merged_" + size + ".h5");
            DatasetFile.write(Merger.merge(chunks), merged, "test");
            byte[] bytes = Files.readAllBytes(merged);
            if (reference == null) {
                reference = bytes;
            } else {
                assertArrayEquals(reference, bytes, "chunks of " + size + " merge to a different file");
            }
        }
    }
}
