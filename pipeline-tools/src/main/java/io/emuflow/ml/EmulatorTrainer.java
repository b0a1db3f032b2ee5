package io.emuflow.ml;

import io.emuflow.data.Standardizer;

/** PLACEHOLDER (replaced by the ml work). */
public final class EmulatorTrainer {
    private EmulatorTrainer() {}

    public static Emulator train(TrainingData train, TrainingData validation, Standardizer paramScaler,
            Standardizer targetScaler, ModelSettings settings, EmulatorMetadata metadata, long seed) {
        throw new UnsupportedOperationException("ml package not implemented yet");
    }
}
