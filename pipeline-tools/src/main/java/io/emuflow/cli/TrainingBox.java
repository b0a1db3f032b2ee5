package io.emuflow.cli;

import io.emuflow.data.ParameterTable;
import io.emuflow.ml.emulator.Emulator;
import io.emuflow.ml.emulator.EmulatorMetadata;
import io.emuflow.study.StudyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parameter box a model was trained on: recorded in the bundle by `train` (metadata.box), or, for bundles
 * written before that, the study.json beside it (the pretrained models carry one). Outside its box an emulator
 * extrapolates, so predict refuses such points unless told {@code --extrapolate}, and then flags them.
 */
final class TrainingBox {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingBox.class);

    private TrainingBox() {}

    static EmulatorMetadata metadata(Emulator emulator, Path bundle) {
        EmulatorMetadata meta = emulator.metadata();
        Path study = bundle.resolve("study.json");
        if (meta.box().isEmpty() && Files.isRegularFile(study)) {
            return meta.withBox(StudyLoader.load(study, false, Map.of()).parameters());
        }
        return meta;
    }

    /**
     * Which rows lie outside the box. Without {@code extrapolate} the first such row is a one-line error; with it,
     * a warning counts them and the caller flags them.
     */
    static boolean[] outside(EmulatorMetadata meta, ParameterTable table, boolean extrapolate) {
        boolean[] outside = new boolean[table.rows().length];
        int count = 0;
        for (int i = 0; i < outside.length; i++) {
            Optional<String> where = meta.outsideBox(table.rows()[i]);
            if (where.isPresent() && !extrapolate) {
                throw new IllegalArgumentException("parameter set " + table.ids()[i] + ": " + where.get()
                        + "; use --extrapolate to predict there anyway");
            }
            outside[i] = where.isPresent();
            count += outside[i] ? 1 : 0;
        }
        if (count > 0) {
            LOG.warn("{} of {} parameter sets are outside the training box: extrapolated, flagged in column 'extrapolated'", count, outside.length);
        }
        return outside;
    }
}
