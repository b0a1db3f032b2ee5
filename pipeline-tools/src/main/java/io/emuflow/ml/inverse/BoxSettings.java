package io.emuflow.ml.inverse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings of a {@code cnn3d} inverse model that only a box network has (docs/inverse-models.md "3D CNN on
 * boxes"): which {@code /boxes/<name>} datasets are the input channels, in order ({@code boxes}), how each is
 * scaled ({@code box_transforms}), whether training sees random rotations and reflections of the cube
 * ({@code augment}) and whether each convolution is followed by batch normalisation ({@code batch_norm}).
 *
 * <p>Transforms: {@code max} divides by the largest value of the channel in the training split (empty cells
 * stay 0), {@code log10} maps a cell to log10(value) / 15 and empty cells (value <= 0) to 0 (the reference's
 * summed-mass channel), {@code none} keeps the raw value. By default a channel named {@code mass} gets
 * {@code log10} and every other channel {@code max}.
 */
public record BoxSettings(List<String> channels, Map<String, String> transforms, boolean augment, boolean batchNorm) {
    /** The keys this class reads from a model's settings. */
    static final Set<String> KEYS = Set.of("boxes", "box_transforms", "augment", "batch_norm");
    static final Set<String> TRANSFORMS = Set.of("max", "log10", "none");

    public BoxSettings {
        channels = List.copyOf(channels);
        transforms = new LinkedHashMap<>(transforms);
    }

    /** Reads the box keys; refuses them on a network that is not cnn3d, and requires {@code boxes} on one that is. */
    static BoxSettings parse(Map<String, Object> source, boolean cnn3d) {
        if (!cnn3d) {
            for (String key : KEYS) {
                if (source.containsKey(key)) {
                    throw new IllegalArgumentException("inverse model setting '" + key + "' needs network: cnn3d");
                }
            }
            return null;
        }
        if (source.containsKey("inputs")) {
            throw new IllegalArgumentException("inverse model setting 'inputs' names spectra; a cnn3d network reads the boxes named by 'boxes'");
        }
        List<String> channels = channels(source.get("boxes"));
        Map<String, String> transforms = new LinkedHashMap<>();
        for (String c : channels) {
            transforms.put(c, c.equals("mass") ? "log10" : "max");
        }
        Object given = source.get("box_transforms");
        if (given != null) {
            if (!(given instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("inverse model setting 'box_transforms' must map box names to one of "
                        + new TreeSet<>(TRANSFORMS) + ", got '" + given + "'");
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!channels.contains(String.valueOf(e.getKey()))) {
                    throw new IllegalArgumentException("inverse model setting 'box_transforms' names '" + e.getKey()
                            + "', which is not one of the model's boxes " + channels);
                }
                if (!(e.getValue() instanceof String t) || !TRANSFORMS.contains(t)) {
                    throw new IllegalArgumentException("inverse model setting 'box_transforms' of '" + e.getKey() + "' must be one of "
                            + new TreeSet<>(TRANSFORMS) + ", got '" + e.getValue() + "'");
                }
                transforms.put(String.valueOf(e.getKey()), t);
            }
        }
        return new BoxSettings(channels, transforms, bool(source, "augment", true), bool(source, "batch_norm", true));
    }

    private static List<String> channels(Object v) {
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("inverse model setting 'boxes' must be a non-empty list of box names (e.g. [nhalo, mass]) for network cnn3d, got '"
                    + v + "'");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s) || s.isBlank() || s.contains("/")) {
                throw new IllegalArgumentException("inverse model setting 'boxes' must hold box names, got '" + o + "'");
            }
            if (out.contains(s)) {
                throw new IllegalArgumentException("inverse model setting 'boxes' lists '" + s + "' twice");
            }
            out.add(s);
        }
        return out;
    }

    private static boolean bool(Map<String, Object> source, String key, boolean fallback) {
        Object v = source.getOrDefault(key, fallback);
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException("inverse model setting '" + key + "' must be true or false, got '" + v + "'");
        }
        return b;
    }
}
