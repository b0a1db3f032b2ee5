/**
 * The bridge from physics to datasets: the {@link io.emuflow.simulate.Simulator} interface, the
 * {@link io.emuflow.simulate.SimulatorRegistry} of names a study may use, one adapter class per simulator, and the
 * chunk runner that simulates a slice of the samples in parallel.
 *
 * <p>May import the physics packages, {@code data} and {@code progress}; the physics packages never import it. A new
 * simulator is one class here plus one line in the registry.
 */
package io.emuflow.simulate;
