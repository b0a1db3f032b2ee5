package io.emuflow.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A measured (or mock) spectrum: values at wavenumbers k (1/Mpc), optionally each at a redshift z, with an
 * optional covariance and optional fiducial parameter values (the truth of a mock, drawn in the corner plot).
 * The file formats are in {@link DataVectorFiles} and docs/inference.md.
 *
 * @param z null when the data have no z column
 * @param covariance null when the covariance comes from its own file
 */
public record DataVector(double[] k, double[] z, double[] value, double[][] covariance, Map<String, Double> fiducial) {
    public DataVector {
        if (k.length == 0 || k.length != value.length || (z != null && z.length != k.length)) {
            throw new IllegalArgumentException("a data vector needs k and value columns of the same non-zero length (k " + k.length
                    + ", value " + value.length + (z == null ? "" : ", z " + z.length) + ")");
        }
        for (int i = 0; i < k.length; i++) {
            if (!(k[i] > 0) || !Double.isFinite(k[i])) {
                throw new IllegalArgumentException("data vector row " + i + " has k = " + k[i] + " (k must be positive)");
            }
            if (!Double.isFinite(value[i]) || (z != null && !Double.isFinite(z[i]))) {
                throw new IllegalArgumentException("data vector row " + i + " has a value or z that is not a finite number");
            }
        }
        if (covariance != null && (covariance.length != k.length)) {
            throw new IllegalArgumentException("the data file's covariance is " + covariance.length + " x " + covariance.length
                    + " for " + k.length + " data values");
        }
        fiducial = fiducial == null ? Map.of() : new LinkedHashMap<>(fiducial);
    }

    public int size() {
        return k.length;
    }

    /** The distinct redshifts in order of first appearance (one block each); empty when there is no z column. */
    public double[] redshifts() {
        if (z == null) {
            return new double[0];
        }
        List<Double> out = new ArrayList<>();
        for (double v : z) {
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public DataVector withCovariance(double[][] c) {
        return new DataVector(k, z, value, c, fiducial);
    }

    @Override
    public String toString() {
        return "DataVector[" + k.length + " values, k " + Arrays.stream(k).min().orElse(0) + ".." + Arrays.stream(k).max().orElse(0)
                + (z == null ? "" : ", z " + Arrays.toString(redshifts())) + "]";
    }
}
