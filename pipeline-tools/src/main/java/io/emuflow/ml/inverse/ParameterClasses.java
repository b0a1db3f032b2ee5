package io.emuflow.ml.inverse;

/**
 * Equal-width classes over one parameter's sampling range [lower, upper]: class c holds
 * [lower + c w, lower + (c + 1) w) with w = (upper - lower) / count; the upper edge itself belongs to the last
 * class, and values outside the range are clamped to the first or last class.
 */
public record ParameterClasses(String parameter, double lower, double upper, int count) {

    public ParameterClasses {
        if (!(lower < upper) || !Double.isFinite(lower) || !Double.isFinite(upper)) {
            throw new IllegalArgumentException("parameter " + parameter + " has range [" + lower + ", " + upper + "]: cannot bin it");
        }
        if (count < 2) {
            throw new IllegalArgumentException("parameter " + parameter + ": need at least 2 classes, got " + count);
        }
    }

    public double width() {
        return (upper - lower) / count;
    }

    /** The count + 1 class edges, from lower to upper. */
    public double[] edges() {
        double[] edges = new double[count + 1];
        for (int c = 0; c <= count; c++) {
            edges[c] = edge(c);
        }
        return edges;
    }

    public int classOf(double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("parameter " + parameter + " is NaN: it has no class");
        }
        int c = Math.max(0, Math.min(count - 1, (int) Math.floor((value - lower) / width())));
        // the division can round across an edge: settle the class against the edges themselves
        if (c > 0 && value < edge(c)) {
            c--;
        } else if (c < count - 1 && value >= edge(c + 1)) {
            c++;
        }
        return c;
    }

    private double edge(int c) {
        return c == count ? upper : lower + c * width();
    }

    /** The middle of class c: the value a classifier predicts for it. */
    public double centre(int c) {
        if (c < 0 || c >= count) {
            throw new IllegalArgumentException("class " + c + " of " + parameter + " is outside 0.." + (count - 1));
        }
        return lower + (c + 0.5) * width();
    }
}
