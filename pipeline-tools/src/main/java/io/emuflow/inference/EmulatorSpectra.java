package io.emuflow.inference;

import io.emuflow.ml.emulator.Emulator;
import io.emuflow.ml.emulator.EmulatorMetadata;
import java.util.List;

/** A trained emulator as the model: every batch goes through {@link Emulator#predict} in one call. */
public final class EmulatorSpectra implements SpectrumModel {
    private final Emulator emulator;
    private final int target;

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
        double[][] all = emulator.predict(rows);
        EmulatorMetadata meta = emulator.metadata();
        return meta.targetNames().size() == 1 ? all : meta.slice(all, target);
    }

    @Override
    public String describe() {
        return "emulator " + emulator.settings().name() + " (" + emulator.metadata().targetNames().get(target) + ")";
    }
}
