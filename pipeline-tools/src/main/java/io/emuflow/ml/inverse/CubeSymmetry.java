package io.emuflow.ml.inverse;

/**
 * The 48 symmetries of a cube (the full octahedral group): a permutation of the three axes (6) times a
 * reflection or not of each axis (8). Symmetry {@code s} permutes the axes by {@code PERMUTATIONS[s / 8]} and
 * reflects axis d when bit d of {@code s % 8} is set; symmetry 0 is the identity. A periodic box of halos is
 * statistically invariant under all of them, so they augment the training set of a 3D CNN for free.
 * Cells are in C order: cell (i, j, k) of a box of side D at (i*D + j)*D + k.
 */
public final class CubeSymmetry {
    public static final int COUNT = 48;
    private static final int[][] PERMUTATIONS = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};

    private CubeSymmetry() {}

    /**
     * Writes symmetry {@code s} of the box {@code in} (side {@code dim}, from offset {@code inOffset}) to {@code out}
     * (from {@code outOffset}): out[a] = in[b] where input coordinate {@code perm[d]} of b is coordinate d of a,
     * reflected when bit d of s % 8 is set.
     */
    public static void apply(int s, float[] in, int inOffset, float[] out, int outOffset, int dim) {
        if (s < 0 || s >= COUNT) {
            throw new IllegalArgumentException("cube symmetry " + s + " is not in 0.." + (COUNT - 1));
        }
        int cells = dim * dim * dim;
        if (s == 0) {
            System.arraycopy(in, inOffset, out, outOffset, cells);
            return;
        }
        int[] perm = PERMUTATIONS[s / 8];
        int flips = s % 8;
        // stride of output axis d in the input: the input axis it comes from, reflected or not
        int[] stride = new int[3];
        int[] start = new int[3];
        int[] inStride = {dim * dim, dim, 1};
        for (int d = 0; d < 3; d++) {
            boolean reflect = (flips >> d & 1) == 1;
            stride[d] = reflect ? -inStride[perm[d]] : inStride[perm[d]];
            start[d] = reflect ? (dim - 1) * inStride[perm[d]] : 0;
        }
        int o = outOffset;
        int base = inOffset + start[0] + start[1] + start[2];
        for (int a = 0; a < dim; a++) {
            int ia = base + a * stride[0];
            for (int b = 0; b < dim; b++) {
                int ib = ia + b * stride[1];
                for (int c = 0; c < dim; c++) {
                    out[o++] = in[ib + c * stride[2]];
                }
            }
        }
    }
}
