import io.emuflow.data.*;
import java.nio.file.*;
import java.util.*;

/**
 * Writes a toy halo-box dataset of N rows for bench/cnn3d_memory.sh: 64 distinct samples (Poisson counts per cell whose
 * mean follows Omega_m, halo masses following sigma_8, speeds) repeated to N rows (gathered, so memory stays one row),
 * with channels nhalo, mass and speed of D^3 cells. Usage: java -cp emuflow-tools.jar bench/MakeBoxes.java N D out.h5
 */
public class MakeBoxes {
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]);
        int dim = Integer.parseInt(a[1]);
        int k = Math.min(n, 64);
        int cells = dim * dim * dim;
        SplittableRandom random = new SplittableRandom(1);
        double[][] params = new double[k][];
        float[][][] boxes = new float[3][k][cells];
        for (int i = 0; i < k; i++) {
            double om = 0.1 + 0.4 * random.nextDouble();
            double s8 = 0.6 + 0.4 * random.nextDouble();
            params[i] = new double[] {om, s8};
            double limit = Math.exp(-(0.3 + 2.0 * (om - 0.1) / 0.4));
            for (int c = 0; c < cells; c++) {
                int count = 0;
                for (double p = random.nextDouble(); p > limit; p *= random.nextDouble()) {
                    count++;
                }
                boxes[0][i][c] = count;
                boxes[1][i][c] = (float) (count * Math.pow(10, 12 + 2 * (s8 - 0.6) / 0.4));
                boxes[2][i][c] = count == 0 ? 0f : (float) (300 * s8);
            }
        }
        String[] names = {"nhalo", "mass", "speed"};
        Map<String, BoxColumn> columns = new LinkedHashMap<>();
        int[] columnOf = new int[n];
        int[] rowOf = new int[n];
        for (int i = 0; i < n; i++) {
            rowOf[i] = i % k;
        }
        for (int b = 0; b < 3; b++) {
            BoxColumn source = BoxColumn.inMemory(new BoxSpec(names[b], names[b], "", dim, 1000.0, 0.0), boxes[b]);
            columns.put(names[b], BoxColumn.gather(List.of(source), columnOf, rowOf));
        }
        long[] index = new long[n];
        double[][] all = new double[n][];
        for (int i = 0; i < n; i++) {
            index[i] = i;
            all[i] = params[i % k];
        }
        List<Parameter> parameters = List.of(new Parameter("Omega_m", "", 0.1, 0.5), new Parameter("sigma_8", "", 0.6, 1.0));
        SpectrumDataset data = new SpectrumDataset("box-bench", "split", index, parameters, all, null, null, Map.of(), Map.of(), columns);
        long t = System.nanoTime();
        DatasetFile.write(data, Path.of(a[2]), "bench");
        System.err.printf("wrote %d rows in %.1f s, %d bytes%n", n, (System.nanoTime() - t) / 1e9, Files.size(Path.of(a[2])));
    }
}
