package io.emuflow.simulate;

import io.emuflow.cosmology.CosmologyParams;
import io.emuflow.data.Parameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameter box of a matter power spectrum study, (cosmological parameters..., z): its redshift range and
 * its corners are checked before any sample is simulated, so an unphysical box fails at once with one line.
 */
final class CosmologyBox {
    private CosmologyBox() {}

    /**
     * Checks z in [0, maxRedshift] and returns the box's 2^n corners as cosmologies (z left out). The corners
     * suffice because every bound of {@link CosmologyParams} is a per-parameter interval.
     */
    static List<CosmologyParams> checkedCorners(List<Parameter> parameters, double maxRedshift) {
        List<String> names = new ArrayList<>();
        for (Parameter p : parameters) {
            names.add(p.name());
            if (p.name().equals("z") && (p.lower() < 0 || p.upper() > maxRedshift)) {
                throw new IllegalArgumentException("parameter z has range [" + p.lower() + ", " + p.upper()
                        + "]: redshifts must lie in [0, " + maxRedshift + "]");
            }
        }
        List<CosmologyParams> corners = new ArrayList<>();
        for (int c = 0; c < (1 << parameters.size()); c++) {
            double[] values = new double[parameters.size()];
            for (int j = 0; j < values.length; j++) {
                Parameter p = parameters.get(j);
                values[j] = ((c >> j) & 1) == 0 ? p.lower() : p.upper();
            }
            try {
                corners.add(cosmology(names, values));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the study's parameter box contains an unphysical cosmology: " + e.getMessage(), e);
            }
        }
        return corners;
    }

    /** The cosmology of one sample: every named value except z. */
    static CosmologyParams cosmology(List<String> names, double[] values) {
        Map<String, Double> map = new HashMap<>();
        for (int j = 0; j < names.size(); j++) {
            if (!names.get(j).equals("z")) {
                map.put(names.get(j), values[j]);
            }
        }
        return CosmologyParams.fromMap(map);
    }
}
