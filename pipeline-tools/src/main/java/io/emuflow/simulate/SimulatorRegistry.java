package io.emuflow.simulate;

import io.emuflow.data.Parameter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** Simulators by name, as study files refer to them. */
public final class SimulatorRegistry {
    private static final Map<String, Function<Map<String, Object>, Simulator>> FACTORIES = new TreeMap<>(Map.of(
            "halofit", settings -> new PowerSpectrumSimulator("halofit", settings, true),
            "eh-linear", settings -> new PowerSpectrumSimulator("eh-linear", settings, false),
            "external", ExternalSimulator::new,
            "halomodel", HaloModelSimulator::new,
            "halo-boxes", HaloBoxesSimulator::new,
            "reion21cm", Reion21cmSimulator::new,
            "table", TableSimulator::new));

    private SimulatorRegistry() {}

    public static Simulator create(String name, Map<String, Object> settings) {
        Function<Map<String, Object>, Simulator> factory = FACTORIES.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown simulator '" + name + "' (known: " + String.join(", ", FACTORIES.keySet()) + ")");
        }
        return factory.apply(settings);
    }

    /** Creates the simulator and checks that the study samples exactly what it understands, over physical ranges. */
    public static Simulator createFor(String name, Map<String, Object> settings, List<Parameter> parameters) {
        Simulator simulator = create(name, settings);
        Set<String> sampled = new HashSet<>();
        for (Parameter p : parameters) {
            sampled.add(p.name());
            if (!simulator.requiredParameters().contains(p.name()) && !simulator.optionalParameters().contains(p.name())) {
                throw new IllegalArgumentException("simulator " + name + " does not know the parameter '" + p.name()
                        + "' (it takes " + simulator.requiredParameters() + " and optionally " + simulator.optionalParameters() + ")");
            }
        }
        for (String required : simulator.requiredParameters()) {
            if (!sampled.contains(required)) {
                throw new IllegalArgumentException("simulator " + name + " needs the parameter '" + required + "', which the study does not sample");
            }
        }
        simulator.checkRanges(parameters);
        return simulator;
    }
}
