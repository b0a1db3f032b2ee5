package io.emuflow.data;

/** One input parameter of a study: its name, units and sampling range. */
public record Parameter(String name, String units, double lower, double upper) {
    public Parameter {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a parameter has no name");
        }
        if (!Double.isFinite(lower) || !Double.isFinite(upper) || !(lower < upper)) {
            throw new IllegalArgumentException(
                    "parameter " + name + " has range [" + lower + ", " + upper + "]: lower must be below upper");
        }
        units = units == null ? "" : units;
    }
}
