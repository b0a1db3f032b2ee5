package io.emuflow.data;

/**
 * What one column of boxes holds: {@code /boxes/<name>}, float32 [N, dim, dim, dim] of a periodic box of side
 * {@code boxLengthMpc}, cell (i, j, k) of a sample at flat index (i*dim + j)*dim + k (HDF5's C order).
 *
 * @param field what the box is, e.g. "brightness_temperature"
 * @param redshift the box's redshift (NaN when a box has none)
 */
public record BoxSpec(String name, String field, String units, int dim, double boxLengthMpc, double redshift) {

    public BoxSpec {
        if (name == null || name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("box name must be a non-empty HDF5 name without '/', got '" + name + "'");
        }
        if (dim < 1 || (long) dim * dim * dim > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("box " + name + ": grid size " + dim + " is out of range");
        }
        if (!(boxLengthMpc > 0) || Double.isInfinite(boxLengthMpc)) {
            throw new IllegalArgumentException("box " + name + ": box length must be a positive number of Mpc, got " + boxLengthMpc);
        }
    }

    public int cells() {
        return dim * dim * dim;
    }

    /** Bytes of one sample's box in the file (float32). */
    public long rowBytes() {
        return 4L * cells();
    }
}
