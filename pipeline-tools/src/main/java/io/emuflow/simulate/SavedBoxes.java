package io.emuflow.simulate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The {@link Simulator#SAVE_BOXES} setting of the simulators that make boxes (reion21cm, halo-boxes): which of their
 * kinds of box each sample saves. Each simulator keeps its own default and what it does with the names.
 */
final class SavedBoxes {
    private SavedBoxes() {}

    /**
     * The names listed in {@code value}, in the order listed: a list of names among {@code known}, none twice; otherwise
     * an IllegalArgumentException naming the simulator, the setting and the name at fault. {@code kind} is what a name
     * names in those messages ("box", "field").
     */
    static List<String> parse(String simulator, Object value, Collection<String> known, String kind) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("simulator " + simulator + " setting '" + Simulator.SAVE_BOXES + "' must be a list of "
                    + kind + "s among " + List.copyOf(known) + ", got '" + value + "'");
        }
        List<String> names = new ArrayList<>();
        for (Object item : list) {
            if (!known.contains(item)) {
                throw new IllegalArgumentException("simulator " + simulator + " setting '" + Simulator.SAVE_BOXES + "': unknown " + kind + " '"
                        + item + "' (known: " + String.join(", ", known) + ")");
            }
            if (names.contains(item)) {
                throw new IllegalArgumentException("simulator " + simulator + " setting '" + Simulator.SAVE_BOXES + "' lists '" + item + "' twice");
            }
            names.add((String) item);
        }
        return List.copyOf(names);
    }
}
