package io.emuflow.data;

import java.util.Arrays;
import org.apache.commons.math3.analysis.interpolation.SplineInterpolator;
import org.apache.commons.math3.analysis.polynomials.PolynomialSplineFunction;

/**
 * Values on every integer between the first and the last node of an integer grid, from values at the nodes, by a
 * natural cubic spline (commons-math3). CMB spectra are tabulated at multipole nodes (every l to 29, then every 5th:
 * the CLASS table of ../shared/reference/class-cmb), and a user needs every l from 2 to 2508; the spline goes
 * through l(l+1) C_l / 2pi, which is smooth in l, and returns the node values exactly. Its error between nodes is
 * measured against nodes left out (docs/accuracy.md, "CMB emulators: every multipole").
 */
public final class IntegerGridSpline {
    private final double[] nodes;
    private final int first;
    private final int last;

    public IntegerGridSpline(double[] nodes) {
        if (nodes.length < 3) {
            throw new IllegalArgumentException("a spline needs at least 3 nodes, got " + nodes.length);
        }
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] != Math.rint(nodes[i]) || (i > 0 && !(nodes[i] > nodes[i - 1]))) {
                throw new IllegalArgumentException("grid nodes must be increasing integers (multipoles); node " + i + " is " + nodes[i]);
            }
        }
        this.nodes = nodes.clone();
        this.first = (int) nodes[0];
        this.last = (int) nodes[nodes.length - 1];
    }

    /** The integers first..last: the grid of {@link #interpolate}. */
    public double[] everyInteger() {
        double[] all = new double[last - first + 1];
        Arrays.setAll(all, i -> first + i);
        return all;
    }

    /** One row of node values to one value per integer (node values unchanged). */
    public double[] interpolate(double[] valuesAtNodes) {
        if (valuesAtNodes.length != nodes.length) {
            throw new IllegalArgumentException(valuesAtNodes.length + " values for " + nodes.length + " nodes");
        }
        PolynomialSplineFunction spline = new SplineInterpolator().interpolate(nodes, valuesAtNodes);
        double[] out = new double[last - first + 1];
        int node = 0;
        for (int l = first; l <= last; l++) {
            if (l == (int) nodes[node]) {
                out[l - first] = valuesAtNodes[node++]; // exact at the nodes
            } else {
                out[l - first] = spline.value(l);
            }
        }
        return out;
    }
}
