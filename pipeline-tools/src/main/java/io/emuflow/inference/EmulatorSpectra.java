package io.emuflow.inference;

import io.emuflow.ml.emulator.Emulator;
import io.emuflow.ml.emulator.EmulatorMetadata;
import io.emuflow.ml.emulator.FastEmulator;
import java.util.List;

/**
 * A trained emulator as the model. A batch of more than {@link #FAST_ROWS} rows goes through {@link Emulator#predict}
 * (ND4J) in one call; smaller ones, which an ensemble sampler sends (half its walkers at a time), through the
 * pure-Java {@link FastEmulator} row by row, which skips ND4J's fixed cost per call (about 1 ms, docs/benchmarks.md).
 * Both give the same spectra to float32 rounding; a given run always takes the same path, so a seed still gives
 * the same chain.
 */
public final class EmulatorSpectra implements SpectrumModel {
    /** Up to this many rows the pure-Java path is faster than one ND4J call. */
    static final int FAST_ROWS = 64;
    private final Emulator emulator;
    private final int target;
    private FastEmulator fast;

    /** @param targetName the emulator's target to use, or null for its first (P_nl for pk-emulator) */
    public EmulatorSpectra(Emulator emulator, String targetName) {
        this.emulator = emulator;
        EmulatorMetadata meta = emulator.metadata();
        if (targetName == null) {
            target = 0;
        } else {
            target = meta.targetNames().indexOf(targetName);
            if (target < 0) {
                throw new IllegalArgumentException("the emulator predicts " + meta.targetNames() + ", not '" + targetName + "'");
            }
        }
    }

    @Override
    public List<String> parameterNames() {
        return emulator.metadata().paramNames();
    }

    @Override
    public double[] grid() {
        return emulator.metadata().grid().clone();
    }

    @Override
    public double[][] spectra(double[][] rows) {
        double[][] all = rows.length <= FAST_ROWS ? fastPredict(rows) : emulator.predict(rows);
        EmulatorMetadata meta = emulator.metadata();
        return meta.targetNames().size() == 1 ? all : meta.slice(all, target);
    }

    private double[][] fastPredict(double[][] rows) {
        if (fast == null) {
            fast = FastEmulator.of(emulator);
        }
        boolean log10 = !emulator.settings().linearTarget();
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = fast.predictLog10(rows[i]);
            if (log10) {
                for (int j = 0; j < out[i].length; j++) {
                    out[i][j] = Math.pow(10, out[i][j]);
                }
            }
        }
        return out;
    }

    @Override
    public String describe() {
        return "emulator " + emulator.settings().name() + " (" + emulator.metadata().targetNames().get(target) + ")";
    }
}
