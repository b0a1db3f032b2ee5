package io.emuflow.simulate;

import io.emuflow.data.BoxSpec;
import io.emuflow.data.Parameter;
import java.util.List;

/** A simulator maps one row of parameters to one or more spectra on a fixed grid. Implementations are thread-safe. */
public interface Simulator {

    /** One output of a simulator, e.g. P_nl in Mpc^3. */
    record TargetSpec(String name, String units) {}

    /** The study setting that asks a simulator to save boxes (only simulators that make boxes accept it). */
    String SAVE_BOXES = "save_boxes";

    /** One sample's spectra (as {@link #simulate}) and its boxes, in the order of {@link #boxes()}, float32 as saved. */
    record Output(double[][] spectra, float[][] boxes) {}

    String name();

    /** Parameters a study must sample for this simulator, in any order. */
    List<String> requiredParameters();

    /** Parameters the simulator also understands (fixed to defaults when a study does not sample them). */
    List<String> optionalParameters();

    /**
     * Checks that every point of the study's box is physical (IllegalArgumentException naming the problem). Points
     * that run but deserve the user's attention are logged and kept in {@link #warnings()}.
     */
    void checkRanges(List<Parameter> parameters);

    /** Warnings raised while the settings and ranges were checked, in order: the steps record them in their sidecars. */
    default List<String> warnings() {
        return List.of();
    }

    double[] grid();

    /** The grid's name, as predict's CSV header and the model card give it ("k" for P(k); "ell" for a multipole grid). */
    default String gridName() {
        return "k";
    }

    String gridUnits();

    List<TargetSpec> targets();

    /** Settings after defaults are applied: what provenance records. */
    java.util.Map<String, Object> resolvedSettings();

    /**
     * Simulates one sample.
     *
     * @param names parameter names in the order of {@code values}
     * @return one array per target, in the order of {@link #targets()}, each on {@link #grid()}
     */
    double[][] simulate(List<String> names, double[] values);

    /** Boxes saved per sample (empty unless the study asks for them with {@link #SAVE_BOXES}). */
    default List<BoxSpec> boxes() {
        return List.of();
    }

    /**
     * Simulates one sample and also returns its boxes; the spectra are the same as {@link #simulate}'s, whether or
     * not boxes are saved.
     */
    default Output simulateWithBoxes(List<String> names, double[] values) {
        return new Output(simulate(names, values), new float[0][]);
    }

    /**
     * Whether the chunk runner should hand this simulator a whole chunk at once ({@link #simulateBatch}),
     * because each call has a large fixed cost (an external program), instead of running samples in parallel.
     */
    default boolean prefersBatch() {
        return false;
    }

    /**
     * Simulates several samples in one call; throws if the batch fails.
     *
     * @return [row][target][grid], targets in the order of {@link #targets()}
     */
    default double[][][] simulateBatch(List<String> names, double[][] rows) {
        double[][][] out = new double[rows.length][][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = simulate(names, rows[i]);
        }
        return out;
    }
}
