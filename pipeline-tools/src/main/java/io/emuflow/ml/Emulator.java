package io.emuflow.ml;

import java.nio.file.Path;
import java.util.List;

/** PLACEHOLDER (replaced by the ml work). */
public final class Emulator {
    public static Emulator load(Path bundle) {
        throw new UnsupportedOperationException("ml package not implemented yet");
    }

    public void save(Path bundle) {
        throw new UnsupportedOperationException("ml package not implemented yet");
    }

    public EmulatorMetadata metadata() {
        throw new UnsupportedOperationException("ml package not implemented yet");
    }

    public ModelSettings settings() {
        throw new UnsupportedOperationException("ml package not implemented yet");
    }

    public List<EpochRecord> history() {
        throw new UnsupportedOperationException("ml package not implemented yet");
    }

    /** log10 of the target for each row of raw parameters. */
    public double[][] predictLog10(double[][] params) {
        throw new UnsupportedOperationException("ml package not implemented yet");
    }

    /** The target itself (10^log10) for each row of raw parameters. */
    public double[][] predict(double[][] params) {
        throw new UnsupportedOperationException("ml package not implemented yet");
    }
}
