package io.emuflow.ml.emulator;

import io.emuflow.data.AtomicFiles;
import io.jhdf.HdfFile;
import io.jhdf.api.WritableGroup;
import io.jhdf.WritableHdfFile;
import java.nio.file.Path;

/**
 * Writes a trained emulator to one HDF5 file that numpy + h5py can evaluate without EmuFlow (docs/models.md):
 * <pre>
 *   x = (theta - /input/mean) / /input/std
 *   h = x;  for l in 0..L-1:  h = act_l(h @ /layers/l/W + /layers/l/b)      (W is [n_in, n_out], float32)
 *       act = identity | relu | selu | leakyrelu (slope) | tanh | sigmoid | elu (slope) | swish | gelu (x sigmoid(1.702 x))
 *             | gelu_tanh | cosmopower: (beta + sigmoid(alpha z) (1 - beta)) z with /layers/l/alpha, /layers/l/beta
 *       selu: 1.0507009873554805 z for z > 0, 1.0507009873554805 * 1.6732632423543772 (e^z - 1) otherwise
 *   s = h                                                        without /pca
 *   s = /pca/mean + (h * /pca/coefficient_std) @ /pca/components  with /pca  (components is [m, K])
 *   log10 target = s * /output/std + /output/mean;   target = 10 ** (log10 target)
 * </pre>
 * With several targets (attribute target_names), output t * len(grid) + j is target t at grid point j.
 * The /pca attribute {@code scaling} (per_component or common) says how coefficient_std was chosen; with common all
 * its entries are equal. The formula is the same for both.
 */
public final class Hdf5Export {
    public static final String FORMAT = "emuflow-emulator-export/1";
    public static final String FORMULA = "x=(theta-input/mean)/input/std; h=act_l(h@W_l+b_l) for each layer l "
            + "(cosmopower: (beta+sigmoid(alpha*z)*(1-beta))*z; selu: 1.0507009873554805*(z>0?z:1.6732632423543772*(exp(z)-1))); s=h, or pca/mean+(h*pca/coefficient_std)@pca/components; "
            + "log10 target = s*output/std+output/mean";

    private Hdf5Export() {}

    public static void write(Emulator emulator, Path file, String toolVersion) {
        FastEmulator fast = FastEmulator.of(emulator, new FastEmulator.ScalarKernels());
        EmulatorMetadata meta = emulator.metadata();
        AtomicFiles.write(file, temporary -> {
            try (WritableHdfFile out = HdfFile.write(temporary)) {
                out.putAttribute("format", FORMAT);
                out.putAttribute("formula", FORMULA);
                out.putAttribute("study", meta.study());
                out.putAttribute("model", emulator.settings().name());
                out.putAttribute("target_name", meta.targetName());
                out.putAttribute("target_names", meta.targetNames().toArray(new String[0]));
                out.putAttribute("grid_name", meta.gridName());
                out.putAttribute("tool_version", toolVersion);
                out.putAttribute("param_names", meta.paramNames().toArray(new String[0]));
                out.putDataset("grid", meta.grid());
                WritableGroup input = out.putGroup("input");
                input.putDataset("mean", emulator.paramScaler().mean());
                input.putDataset("std", emulator.paramScaler().std());
                WritableGroup layers = out.putGroup("layers");
                layers.putAttribute("count", (long) fast.layers().size());
                for (int l = 0; l < fast.layers().size(); l++) {
                    FastEmulator.Dense d = fast.layers().get(l);
                    WritableGroup g = layers.putGroup(Integer.toString(l));
                    float[][] w = new float[d.in()][d.out()];
                    for (int i = 0; i < d.in(); i++) {
                        System.arraycopy(d.w(), i * d.out(), w[i], 0, d.out());
                    }
                    g.putDataset("W", w);
                    g.putDataset("b", d.b());
                    g.putAttribute("activation", activationName(d.kind()));
                    if (d.kind() == FastEmulator.Kind.LEAKYRELU || d.kind() == FastEmulator.Kind.ELU) {
                        g.putAttribute("slope", (double) d.slope());
                    }
                    if (d.kind() == FastEmulator.Kind.COSMOPOWER) {
                        g.putDataset("alpha", d.alpha());
                        g.putDataset("beta", d.beta());
                    }
                }
                if (emulator.pca() != null) {
                    WritableGroup pca = out.putGroup("pca");
                    pca.putDataset("mean", emulator.pca().mean());
                    pca.putDataset("components", emulator.pca().components());
                    pca.putDataset("coefficient_std", emulator.pca().coefficientStd());
                    pca.putAttribute("scaling", emulator.pca().scaling().key());
                }
                WritableGroup output = out.putGroup("output");
                output.putDataset("mean", emulator.targetScaler().mean());
                output.putDataset("std", emulator.targetScaler().std());
            }
        });
    }

    static String activationName(FastEmulator.Kind kind) {
        return switch (kind) {
            case GELU_SIGMOID -> "gelu";
            case GELU_TANH -> "gelu_tanh";
            default -> kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
