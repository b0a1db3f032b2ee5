package io.emuflow.halos;

import java.util.List;

/**
 * Halos of one box: centre of mass (Mpc/h, in [0, length)), mass (M_sun/h), bulk peculiar velocity (km/s) and
 * number of particles, as parallel arrays.
 */
public record HaloCatalog(double length, double[][] position, double[] mass, double[][] velocity, int[] particles) {

    /** Mean matter density today in M_sun/h per (Mpc/h)^3 per unit Omega_m: 3 H0^2 / (8 pi G) = 2.775e11 h^2 M_sun/Mpc^3. */
    public static final double RHO_CRIT = 2.77536627e11;

    public int size() {
        return mass.length;
    }

    /** Speed |v| of halo h in km/s. */
    public double speed(int h) {
        double vx = velocity[0][h];
        double vy = velocity[1][h];
        double vz = velocity[2][h];
        return Math.sqrt(vx * vx + vy * vy + vz * vz);
    }

    /**
     * Halos from friends-of-friends groups of the particles at scale factor {@code a}: mass = members times
     * {@code particleMass}; position = centre of mass (members unwrapped around the first one, the result wrapped
     * back into the box); velocity = mean of p / a of the members, in km/s (p is in units of 100 km/s times a).
     */
    public static HaloCatalog fromGroups(Particles particles, List<int[]> groups, double particleMass, double a) {
        int count = groups.size();
        double length = particles.length();
        double half = length / 2;
        double[][] position = new double[3][count];
        double[][] velocity = new double[3][count];
        double[] mass = new double[count];
        int[] members = new int[count];
        for (int h = 0; h < count; h++) {
            int[] group = groups.get(h);
            members[h] = group.length;
            mass[h] = group.length * particleMass;
            for (int axis = 0; axis < 3; axis++) {
                double[] x = particles.position()[axis];
                double[] p = particles.momentum()[axis];
                double anchor = x[group[0]];
                double sumX = 0;
                double sumP = 0;
                for (int m : group) {
                    sumX += FriendsOfFriends.separation(x[m] - anchor, length, half);
                    sumP += p[m];
                }
                position[axis][h] = Particles.wrap(anchor + sumX / group.length, length);
                velocity[axis][h] = 100 * sumP / group.length / a;
            }
        }
        return new HaloCatalog(length, position, mass, velocity, members);
    }
}
