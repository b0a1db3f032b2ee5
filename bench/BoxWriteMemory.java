import io.emuflow.data.*;
import java.nio.file.*;
import java.util.*;

/** Writes a dataset of N rows whose boxes are gathered (repeated) from a simulated chunk: peak memory against N (docs/benchmarks.md, "21-cm boxes"). */
public class BoxWriteMemory {
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[1]);
        SpectrumDataset src = DatasetFile.read(Path.of(a[0]));
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i % src.size();
        SpectrumDataset big = src.selectRows(rows);
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) ids[i] = i;
        big = new SpectrumDataset(big.study(), big.step(), ids, big.parameters(), big.params(), big.grid(), big.gridUnits(),
                big.targets(), big.scalers(), big.boxes());
        long t = System.nanoTime();
        DatasetFile.write(big, Path.of(a[2]), "bench");
        System.err.printf("wrote %d rows in %.1f s, %d bytes%n", n, (System.nanoTime() - t) / 1e9, Files.size(Path.of(a[2])));
    }
}
