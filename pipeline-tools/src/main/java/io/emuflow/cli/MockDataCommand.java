package io.emuflow.cli;

import io.emuflow.data.ParameterTable;
import io.emuflow.inference.DataVector;
import io.emuflow.inference.DataVectorFiles;
import io.emuflow.inference.MockData;
import io.emuflow.inference.SimulatorSpectra;
import io.emuflow.ml.emulator.Emulator;
import io.emuflow.provenance.StepProvenance;
import io.emuflow.simulate.Simulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A mock data vector from a simulator at a fiducial cosmology, with a Gaussian survey covariance (docs/inference.md). */
@Command(name = "mock-data", mixinStandardHelpOptions = true,
        description = "Make a mock P(k) data vector with a simulator (default halofit) on an emulator's k grid, with the "
                + "Feldman-Kaiser-Peacock Gaussian covariance of a survey (volume, number density). Output: HDF5 "
                + "(emuflow-data-vector/1, covariance and fiducial values inside) and optionally CSV copies.")
final class MockDataCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "emulator bundle: its parameter names and k grid")
    Path modelDir;

    @Option(names = "--simulator", defaultValue = "halofit", description = "simulator making the spectrum (default halofit)")
    String simulatorName;

    @Option(names = "--param", required = true, description = "NAME=VALUE of the fiducial cosmology (every parameter but z; repeat)")
    List<String> pairs = new ArrayList<>();

    @Option(names = "--z", split = ",", description = "redshifts, one data block each (e.g. 0.5,1.0)")
    List<Double> redshifts = new ArrayList<>();

    @Option(names = "--k-min", defaultValue = "0.02", description = "smallest k kept (1/Mpc)")
    double kMin;

    @Option(names = "--k-max", defaultValue = "0.3", description = "largest k kept (1/Mpc)")
    double kMax;

    @Option(names = "--volume", defaultValue = "1.0e9", description = "survey volume per redshift block (Mpc^3)")
    double volume;

    @Option(names = "--number-density", defaultValue = "1.0e-3", description = "galaxy number density (1/Mpc^3); shot noise 1/n")
    double numberDensity;

    @Option(names = "--noise-seed", description = "add one Gaussian noise realisation with this seed (default: noiseless)")
    Long noiseSeed;

    @Option(names = "--out", required = true, description = "data vector (HDF5)")
    Path out;

    @Option(names = "--csv-out", description = "also the data vector as CSV (k,z,value)")
    Path csvOut;

    @Option(names = "--covariance-out", description = "also the covariance as CSV")
    Path covarianceOut;

    @Override
    public Integer call() {
        Emulator emulator = Emulator.load(modelDir);
        List<String> names = emulator.metadata().paramNames();
        List<String> given = new ArrayList<>(names);
        if (!redshifts.isEmpty()) {
            given.remove("z");
        }
        double[] values = ParameterTable.fromPairs(pairs, given).rows()[0];
        double[] fiducial = new double[names.size()];
        for (int i = 0; i < given.size(); i++) {
            fiducial[names.indexOf(given.get(i))] = values[i];
        }
        Simulator simulator = SimulatorSpectra.forGrid(simulatorName, emulator.metadata().grid());
        DataVector mock = MockData.make(simulator, names, fiducial, redshifts.stream().mapToDouble(Double::doubleValue).toArray(), kMin, kMax,
                new MockData.Survey(volume, numberDensity), noiseSeed);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("simulator", simulatorName);
        attributes.put("volume_mpc3", volume);
        attributes.put("number_density_per_mpc3", numberDensity);
        attributes.put("covariance_model", "Gaussian (Feldman, Kaiser & Peacock 1994): 2 (P + 1/n)^2 / N_modes, N_modes = V k^2 dk / (2 pi^2)");
        attributes.put("noise", noiseSeed == null ? "none" : "gaussian, seed " + noiseSeed);
        DataVectorFiles.writeHdf5(mock, out, attributes);
        StepProvenance prov = StepSupport.provenance(spec, emulator.metadata().study())
                .input("model", modelDir, "model")
                .setting("simulator", simulatorName)
                .setting("simulator_settings", simulator.resolvedSettings())
                .setting("fiducial", mock.fiducial())
                .setting("redshifts", redshifts)
                .setting("k_min", kMin)
                .setting("k_max", kMax)
                .setting("volume_mpc3", volume)
                .setting("number_density_per_mpc3", numberDensity)
                .output("data", out, "data-vector", StepSupport.shape(mock.size()));
        if (noiseSeed != null) {
            prov.seed(noiseSeed);
        }
        if (csvOut != null) {
            DataVectorFiles.writeCsv(mock, csvOut);
            prov.output("data_csv", csvOut, "data-vector", StepSupport.shape(mock.size()));
        }
        if (covarianceOut != null) {
            DataVectorFiles.writeCovarianceCsv(mock.covariance(), covarianceOut);
            prov.output("covariance", covarianceOut, "covariance", StepSupport.shape(mock.size(), mock.size()));
        }
        prov.write(StepProvenance.sidecarOf(out));
        return 0;
    }
}
