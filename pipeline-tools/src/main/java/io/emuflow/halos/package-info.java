/**
 * Halo boxes from a fast N-body run (docs/halo-boxes.md): second-order Lagrangian initial conditions ({@link
 * io.emuflow.halos.Lpt2}) on the Gaussian field of package {@code fields}, a FastPM-style particle mesh ({@link
 * io.emuflow.halos.ParticleMesh}), friends-of-friends halos ({@link io.emuflow.halos.FriendsOfFriends}) and their
 * count, mass and speed binned on a grid ({@link io.emuflow.halos.HaloGrid}); {@link io.emuflow.halos.HaloSimulation}
 * runs one box.
 *
 * <p>Physics only: may import {@code fields} and {@code cosmology} (the linear growth is {@code cosmology.HeathGrowth};
 * {@link io.emuflow.halos.LcdmGrowth} adds the second-order growth and FastPM's kick and drift factors); knows nothing
 * of HDF5, DL4J or the CLI ({@code simulate.HaloBoxesSimulator} adapts it). A new halo finder or channel goes here,
 * with its validation in {@code HaloValidationTest}.
 */
package io.emuflow.halos;
