package io.emuflow.halos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Friends-of-friends on hand-made particle sets and against a brute-force search over all pairs. */
class FriendsOfFriendsTest {

    @Test
    void aChainAcrossThePeriodicBoundaryIsOneGroupAndAGapSplitsIt() {
        double length = 10;
        double link = 0.5;
        // five particles 0.45 apart straddling x = 0 (= 10), then a lone pair 0.6 apart, then an isolated particle
        double[] xs = {9.1, 9.55, 0.0, 0.45, 0.9, 4.0, 4.6, 7.0};
        double[][] position = {xs, new double[xs.length], new double[xs.length]};
        for (int i = 0; i < xs.length; i++) {
            position[1][i] = 5;
            position[2][i] = 5;
        }
        List<int[]> groups = FriendsOfFriends.groups(position, length, link, 2);
        assertEquals(1, groups.size(), "the pair 0.6 apart is not linked, the chain is");
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, groups.get(0));
        List<int[]> all = FriendsOfFriends.groups(position, length, 0.61, 2);
        assertEquals(2, all.size());
        assertArrayEquals(new int[] {5, 6}, all.get(1));
    }

    @Test
    void matchesABruteForceSearchOnClusteredPoints() {
        SplittableRandom random = new SplittableRandom(7);
        double length = 20;
        int count = 1500;
        double[][] position = new double[3][count];
        for (int p = 0; p < count; p++) {
            boolean clustered = p % 3 != 0;
            for (int axis = 0; axis < 3; axis++) {
                double centre = clustered ? (p % 5) * 4.0 + 0.3 : 0;
                double u = clustered ? centre + random.nextGaussian() * 0.4 : random.nextDouble() * length;
                position[axis][p] = Particles.wrap(u, length);
            }
        }
        double link = 0.35;
        List<int[]> fast = FriendsOfFriends.groups(position, length, link, 3);
        assertEquals(bruteForce(position, length, link, 3).toString(), toString(fast));
    }

    private static String toString(List<int[]> groups) {
        List<List<Integer>> out = new ArrayList<>();
        for (int[] g : groups) {
            List<Integer> members = new ArrayList<>();
            for (int m : g) {
                members.add(m);
            }
            out.add(members);
        }
        return out.toString();
    }

    // connected components by breadth-first search over all pairs
    private static List<List<Integer>> bruteForce(double[][] x, double length, double link, int min) {
        int count = x[0].length;
        int[] label = new int[count];
        java.util.Arrays.fill(label, -1);
        List<List<Integer>> out = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            if (label[s] >= 0) {
                continue;
            }
            List<Integer> members = new ArrayList<>();
            java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
            queue.add(s);
            label[s] = s;
            while (!queue.isEmpty()) {
                int p = queue.poll();
                members.add(p);
                for (int q = 0; q < count; q++) {
                    if (label[q] < 0 && distance2(x, p, q, length) <= link * link) {
                        label[q] = s;
                        queue.add(q);
                    }
                }
            }
            if (members.size() >= min) {
                members.sort(null);
                out.add(members);
            }
        }
        return out;
    }

    private static double distance2(double[][] x, int p, int q, double length) {
        double sum = 0;
        for (int axis = 0; axis < 3; axis++) {
            double d = Math.abs(x[axis][p] - x[axis][q]);
            d = Math.min(d, length - d);
            sum += d * d;
        }
        return sum;
    }
}
