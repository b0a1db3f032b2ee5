package io.emuflow.ml.emulator;

/**
 * Mean squared and mean absolute error of an emulator on one split, in the units it trains in: the standardised
 * log10 target (or the standardised target itself with target_transform none), over every sample and output. The
 * MSE is {@link Emulator#standardisedLoss}; the pair is what a search trial reports per split.
 */
public record SplitErrors(double mse, double mae) {
    public static SplitErrors of(Emulator emulator, TrainingData data) {
        double[][] predicted = emulator.predictLog10(data.inputs());
        double[] std = emulator.targetScaler().std();
        double squares = 0;
        double absolute = 0;
        long count = 0;
        for (int i = 0; i < predicted.length; i++) {
            for (int j = 0; j < predicted[i].length; j++) {
                double d = (predicted[i][j] - data.targets()[i][j]) / std[j];
                squares += d * d;
                absolute += Math.abs(d);
                count++;
            }
        }
        return new SplitErrors(squares / count, absolute / count);
    }
}
