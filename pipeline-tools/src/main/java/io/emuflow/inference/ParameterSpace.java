package io.emuflow.inference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model's parameters (in the emulator's order) with a prior each: free parameters are sampled, fixed ones
 * are held, and those the data vector sets (the redshift {@code z} of each data block) are left to the data model.
 * By default a free parameter's prior is uniform over the emulator's training box; a user prior must lie inside
 * the box (an emulator is not trusted outside the box it was trained on): a uniform prior reaching outside it, a
 * Gaussian centred outside it, or a fixed value outside it is refused with one line naming the parameter.
 * Gaussian priors are truncated to the box.
 */
public final class ParameterSpace {
    private final List<String> names;
    private final Map<String, Prior> priors;
    private final List<String> free = new ArrayList<>();
    private final int[] freeIndex;
    private final double[] template;
    private final List<String> setByData;
    private final double[] lower;
    private final double[] upper;

    /**
     * @param names the model's parameter names in order
     * @param lower training box lower bounds (same order)
     * @param upper training box upper bounds
     * @param user priors given by the user (name -> prior); an infinite bound of a {@link Prior.Uniform} means the box's
     *     bound; a Gaussian is truncated to the box
     * @param setByData names the data vector sets (e.g. z), never sampled
     */
    public ParameterSpace(List<String> names, double[] lower, double[] upper, Map<String, Prior> user, List<String> setByData) {
        this.names = List.copyOf(names);
        this.setByData = List.copyOf(setByData);
        if (lower.length != names.size() || upper.length != names.size()) {
            throw new IllegalArgumentException("the training box has " + lower.length + " bounds for " + names.size() + " parameters");
        }
        this.lower = lower.clone();
        this.upper = upper.clone();
        for (String name : user.keySet()) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("prior for unknown parameter '" + name + "' (the model takes " + names + ")");
            }
            if (setByData.contains(name)) {
                throw new IllegalArgumentException("parameter " + name + " is set by the data vector (its " + name
                        + " column); do not give it a prior");
            }
        }
        priors = new LinkedHashMap<>();
        template = new double[names.size()];
        List<Integer> index = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (setByData.contains(name)) {
                continue;
            }
            double lo = lower[i];
            double hi = upper[i];
            Prior prior = user.get(name);
            if (prior == null) {
                prior = new Prior.Uniform(lo, hi);
            } else {
                prior = checked(name, prior, lo, hi);
            }
            priors.put(name, prior);
            if (prior instanceof Prior.Fixed f) {
                template[i] = f.value();
            } else {
                free.add(name);
                index.add(i);
            }
        }
        if (free.isEmpty()) {
            throw new IllegalArgumentException("every parameter is fixed: nothing to infer");
        }
        freeIndex = index.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Prior checked(String name, Prior prior, double lo, double hi) {
        String box = String.format(Locale.ROOT, "[%s, %s]", lo, hi);
        if (prior instanceof Prior.Uniform u) {
            double a = Double.isInfinite(u.lower()) ? lo : u.lower();
            double b = Double.isInfinite(u.upper()) ? hi : u.upper();
            if (a < lo || b > hi) {
                throw new IllegalArgumentException("prior of " + name + " uniform(" + a + ", " + b
                        + ") reaches outside the emulator's training box " + box);
            }
            return new Prior.Uniform(a, b);
        }
        if (prior instanceof Prior.Gaussian g) {
            if (g.mean() < lo || g.mean() > hi) {
                throw new IllegalArgumentException("prior of " + name + " gaussian(" + g.mean() + ", " + g.sigma()
                        + ") is centred outside the emulator's training box " + box);
            }
            return new Prior.Gaussian(g.mean(), g.sigma(), lo, hi);
        }
        Prior.Fixed f = (Prior.Fixed) prior;
        if (f.value() < lo || f.value() > hi) {
            throw new IllegalArgumentException("fixed value of " + name + " = " + f.value() + " lies outside the emulator's training box " + box);
        }
        return f;
    }

    /** Parses "uniform:LO:HI", "uniform" (the box), "gaussian:MEAN:SIGMA", "fixed:VALUE" or a bare number (fixed). */
    public static Prior parse(String name, String spec) {
        String[] parts = spec.trim().split(":");
        try {
            switch (parts[0].toLowerCase(Locale.ROOT)) {
                case "uniform":
                    if (parts.length == 1) {
                        return new Prior.Uniform(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
                    }
                    require(parts, 3, name, spec);
                    return new Prior.Uniform(Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
                case "gaussian", "gauss", "normal":
                    require(parts, 3, name, spec);
                    return new Prior.Gaussian(Double.parseDouble(parts[1]), Double.parseDouble(parts[2]), Double.NEGATIVE_INFINITY,
                            Double.POSITIVE_INFINITY);
                case "fixed":
                    require(parts, 2, name, spec);
                    return new Prior.Fixed(Double.parseDouble(parts[1]));
                default:
                    if (parts.length == 1) {
                        return new Prior.Fixed(Double.parseDouble(parts[0]));
                    }
                    throw new IllegalArgumentException("prior of " + name + " '" + spec
                            + "' is not uniform:LO:HI, gaussian:MEAN:SIGMA, fixed:VALUE or a number");
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("prior of " + name + " '" + spec + "' has a value that is not a number");
        }
    }

    /**
     * A prior from a parsed YAML/JSON value: a spec string (see {@link #parse}), a number (fixed), or a one-key map
     * {uniform: [LO, HI]} (or {uniform: box}), {gaussian: [MEAN, SIGMA]}, {fixed: VALUE}.
     */
    public static Prior fromValue(String name, Object value) {
        if (value instanceof Number n) {
            return new Prior.Fixed(n.doubleValue());
        }
        if (value instanceof String text) {
            return parse(name, text);
        }
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<?, ?> e = map.entrySet().iterator().next();
            String kind = String.valueOf(e.getKey());
            Object v = e.getValue();
            if (v instanceof List<?> list) {
                StringBuilder spec = new StringBuilder(kind);
                list.forEach(x -> spec.append(':').append(x));
                return parse(name, spec.toString());
            }
            if ("uniform".equals(kind) && "box".equals(String.valueOf(v))) {
                return parse(name, "uniform");
            }
            return parse(name, kind + ":" + v);
        }
        throw new IllegalArgumentException("prior of " + name + " must be a spec string, a number or a one-key map"
                + " ({uniform: [lo, hi]}, {gaussian: [mean, sigma]}, {fixed: value}), got " + value);
    }

    /** Priors from a parsed YAML/JSON map name -> value (see {@link #fromValue}). */
    public static Map<String, Prior> fromMap(Map<?, ?> map) {
        Map<String, Prior> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), fromValue(String.valueOf(k), v)));
        return out;
    }

    private static void require(String[] parts, int n, String name, String spec) {
        if (parts.length != n) {
            throw new IllegalArgumentException("prior of " + name + " '" + spec + "' needs " + (n - 1) + " number(s) after '" + parts[0] + "'");
        }
    }

    public List<String> names() {
        return names;
    }

    /** The sampled parameters, in the model's order. */
    public List<String> free() {
        return List.copyOf(free);
    }

    public int dimension() {
        return free.size();
    }

    public Map<String, Prior> priors() {
        return new LinkedHashMap<>(priors);
    }

    public List<String> setByData() {
        return setByData;
    }

    /** The training box of a parameter: {lower, upper}. */
    public double[] bounds(String name) {
        int i = names.indexOf(name);
        return new double[] {lower[i], upper[i]};
    }

    public Prior prior(String name) {
        return priors.get(name);
    }

    /** A full model row from free values (fixed values filled in; parameters set by data left at 0). */
    public double[] full(double[] freeValues) {
        double[] row = template.clone();
        for (int j = 0; j < freeIndex.length; j++) {
            row[freeIndex[j]] = freeValues[j];
        }
        return row;
    }

    public double logPrior(double[] freeValues) {
        double sum = 0;
        for (int j = 0; j < freeIndex.length; j++) {
            sum += priors.get(free.get(j)).logDensity(freeValues[j]);
        }
        return sum;
    }

    /** Free values from a point of the unit cube (nested sampling's prior transform). */
    public double[] fromUnit(double[] u) {
        double[] out = new double[u.length];
        for (int j = 0; j < u.length; j++) {
            out[j] = priors.get(free.get(j)).fromUnit(u[j]);
        }
        return out;
    }
}
