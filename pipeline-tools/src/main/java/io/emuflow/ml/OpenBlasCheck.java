package io.emuflow.ml;

import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ND4J's matrix products run in the OpenBLAS bundled with it (0.3.19), which does not recognise recent Xeons
 * and then falls back to its generic "Prescott" (SSE3) kernels: dense training runs about 2x slower than with
 * the AVX-512 kernels (docs/benchmarks.md). OpenBLAS reads OPENBLAS_CORETYPE when it loads, so only the
 * launcher can fix it; this check tells the user when it should.
 */
public final class OpenBlasCheck {
    private static final Logger LOG = LoggerFactory.getLogger(OpenBlasCheck.class);

    private OpenBlasCheck() {}

    /** Intel models (family 6) newer than OpenBLAS 0.3.19 knows: Sapphire, Emerald and Granite Rapids. */
    private static final java.util.Set<Integer> UNKNOWN_MODELS = java.util.Set.of(143, 207, 173, 174);

    /** OPENBLAS_CORETYPE as set, or "auto" (OpenBLAS detects the CPU itself). */
    public static String core() {
        String set = System.getenv("OPENBLAS_CORETYPE");
        return set == null || set.isBlank() ? "auto" : set;
    }

    /** Warns once when OpenBLAS will fall back to generic kernels on a CPU it does not know. */
    public static void warnIfGeneric() {
        if (warned || !core().equals("auto")) {
            return;
        }
        warned = true;
        Integer model = cpuModel();
        if (model != null && UNKNOWN_MODELS.contains(model)) {
            String suggestion = cpuFlag("avx512f") ? "SKYLAKEX" : cpuFlag("avx2") ? "HASWELL" : null;
            if (suggestion != null) {
                LOG.warn("OpenBLAS 0.3.19 (ND4J's) does not know this CPU (model {}) and runs its generic Prescott kernels, "
                        + "about 2x slower; set OPENBLAS_CORETYPE={} in the environment", model, suggestion);
            }
        }
    }

    private static volatile boolean warned;

    private static Integer cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model") && !line.startsWith("model name")) {
                    return Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        } catch (Exception e) {
            // not Linux, or an unexpected format: no advice
        }
        return null;
    }

    private static boolean cpuFlag(String flag) {
        try {
            return Files.readString(Path.of("/proc/cpuinfo")).contains(" " + flag);
        } catch (Exception e) {
            return false;
        }
    }
}
