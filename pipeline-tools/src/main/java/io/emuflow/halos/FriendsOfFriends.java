package io.emuflow.halos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Friends-of-friends groups (Davis, Efstathiou, Frenk &amp; White 1985, ApJ 292, 371): two particles closer than the
 * linking length are friends, and a group is a connected set of friends, in a periodic box. The standard halo
 * finder links at b = 0.2 times the mean interparticle spacing, which selects regions about 180 times denser than
 * the mean (Davis et al. 1985; More et al. 2011, ApJS 195, 4).
 *
 * <p>Implementation: a grid of cells at least one linking length wide, a linked list of the particles of each cell,
 * and union-find over the pairs of the 27 neighbouring cells; a group's root is its lowest particle index, so the
 * result depends on the particles alone (not on any thread or visiting order).
 */
public final class FriendsOfFriends {
    private FriendsOfFriends() {}

    /**
     * Groups of at least {@code minMembers} particles, each as the sorted particle indices, ordered by their lowest
     * index.
     *
     * @param position {x, y, z} arrays, coordinates in [0, length)
     */
    public static List<int[]> groups(double[][] position, double length, double linkingLength, int minMembers) {
        if (!(linkingLength > 0 && linkingLength < length / 3)) {
            throw new IllegalArgumentException("linking length must lie in (0, box length / 3), got " + linkingLength);
        }
        int count = position[0].length;
        int cells = (int) Math.min(Math.floor(length / linkingLength), Math.max(3, Math.cbrt(count)));
        double toCell = cells / length;
        int[] head = new int[cells * cells * cells];
        Arrays.fill(head, -1);
        int[] next = new int[count];
        int[] cellOf = new int[count];
        for (int p = count - 1; p >= 0; p--) {
            int c = (cell(position[0][p], toCell, cells) * cells + cell(position[1][p], toCell, cells)) * cells
                    + cell(position[2][p], toCell, cells);
            cellOf[p] = c;
            next[p] = head[c];
            head[c] = p;
        }
        int[] parent = new int[count];
        for (int p = 0; p < count; p++) {
            parent[p] = p;
        }
        double l2 = linkingLength * linkingLength;
        double half = length / 2;
        for (int p = 0; p < count; p++) {
            int c = cellOf[p];
            int ci = c / (cells * cells);
            int cj = (c / cells) % cells;
            int ck = c % cells;
            double x = position[0][p];
            double y = position[1][p];
            double z = position[2][p];
            for (int di = -1; di <= 1; di++) {
                int ni = Math.floorMod(ci + di, cells);
                for (int dj = -1; dj <= 1; dj++) {
                    int nj = Math.floorMod(cj + dj, cells);
                    for (int dk = -1; dk <= 1; dk++) {
                        int nk = Math.floorMod(ck + dk, cells);
                        for (int q = head[(ni * cells + nj) * cells + nk]; q >= 0; q = next[q]) {
                            if (q <= p) {
                                continue;
                            }
                            double dx = separation(position[0][q] - x, length, half);
                            double dy = separation(position[1][q] - y, length, half);
                            double dz = separation(position[2][q] - z, length, half);
                            if (dx * dx + dy * dy + dz * dz <= l2) {
                                union(parent, p, q);
                            }
                        }
                    }
                }
            }
        }
        // with fewer than 3 cells per side, neighbouring offsets repeat a cell; the q > p test and union make
        // repeated visits harmless
        int[] size = new int[count];
        for (int p = 0; p < count; p++) {
            size[find(parent, p)]++;
        }
        int[][] members = new int[count][];
        int[] filled = new int[count];
        List<int[]> out = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            int root = find(parent, p);
            if (size[root] < minMembers) {
                continue;
            }
            if (members[root] == null) {
                members[root] = new int[size[root]];
                out.add(members[root]);
            }
            members[root][filled[root]++] = p;
        }
        return out;
    }

    private static int cell(double u, double toCell, int cells) {
        int c = (int) (u * toCell);
        return c >= cells ? cells - 1 : c;
    }

    /** The minimum-image separation of a coordinate difference in a periodic box. */
    static double separation(double d, double length, double half) {
        if (d > half) {
            return d - length;
        }
        if (d < -half) {
            return d + length;
        }
        return d;
    }

    private static int find(int[] parent, int p) {
        int root = p;
        while (parent[root] != root) {
            root = parent[root];
        }
        while (parent[p] != root) {
            int up = parent[p];
            parent[p] = root;
            p = up;
        }
        return root;
    }

    // the lower root becomes the parent, so every root is the lowest index of its group
    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra < rb) {
            parent[rb] = ra;
        } else if (rb < ra) {
            parent[ra] = rb;
        }
    }
}
