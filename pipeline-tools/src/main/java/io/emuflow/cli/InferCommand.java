package io.emuflow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.emuflow.data.DatasetFile;
import io.emuflow.data.Parameter;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.inference.ChainFiles;
import io.emuflow.inference.DataModel;
import io.emuflow.inference.DataVector;
import io.emuflow.inference.DataVectorFiles;
import io.emuflow.inference.EmulatorError;
import io.emuflow.inference.EmulatorSpectra;
import io.emuflow.inference.EnsembleSampler;
import io.emuflow.inference.GaussianLikelihood;
import io.emuflow.inference.InferenceRun;
import io.emuflow.inference.NestedSampler;
import io.emuflow.inference.ParameterSpace;
import io.emuflow.inference.Posterior;
import io.emuflow.inference.Prior;
import io.emuflow.inference.SimulatorSpectra;
import io.emuflow.inference.SpectrumModel;
import io.emuflow.ml.emulator.Emulator;
import io.emuflow.provenance.StepProvenance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Posterior sampling of an emulator's parameters given a data vector (docs/inference.md). */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = "Sample the posterior of an emulator's parameters given a data vector and its covariance "
                + "(ensemble sampler or nested sampling). Writes chain.h5, posterior.json, corner.png and a sidecar.")
final class InferCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "emulator bundle directory")
    Path modelDir;

    @Option(names = "--train", required = true, description = "the emulator's training split (HDF5): its parameter box is the default prior")
    Path trainFile;

    @Option(names = "--data", required = true, description = "data vector: CSV (k[,z],value) or HDF5 (emuflow-data-vector/1)")
    Path dataFile;

    @Option(names = "--covariance", description = "covariance: CSV (n rows of n numbers) or HDF5 (/covariance); default: the data file's")
    Path covarianceFile;

    @Option(names = "--prior", description = "NAME=SPEC: uniform:LO:HI, uniform (the training box), gaussian:MEAN:SIGMA, fixed:VALUE (repeat)")
    List<String> priorPairs = new ArrayList<>();

    @Option(names = "--priors", description = "YAML or JSON map NAME -> spec (as --prior, or {uniform: [lo, hi]}, {gaussian: [m, s]}, {fixed: v})")
    Path priorsFile;

    @Option(names = "--emulator-error", description = "an evaluate step's metrics.json: its test-split p68 relative error per k is added to the covariance")
    Path emulatorErrorFile;

    @Option(names = "--sampler", defaultValue = "ensemble", description = "ensemble (Goodman & Weare stretch move) or nested (Skilling)")
    String sampler;

    @CommandLine.Mixin
    EnsembleOptions ensemble;

    @Option(names = "--live-points", defaultValue = "400", description = "nested: live points")
    int livePoints;

    @Option(names = "--walk-steps", defaultValue = "25", description = "nested: random-walk steps per replacement")
    int walkSteps;

    @Option(names = "--tolerance", defaultValue = "0.01", description = "nested: stop when the live points could add at most this fraction to Z")
    double tolerance;

    @Option(names = "--max-iterations", defaultValue = "200000", description = "nested: cap on iterations")
    int maxIterations;

    @Option(names = "--simulator", description = "use this simulator (e.g. halofit) as the model instead of the emulator, on the emulator's grid (a check)")
    String simulatorName;

    @Option(names = "--threads", defaultValue = "2", description = "threads for --simulator")
    int threads;

    @Option(names = "--target", description = "which of the model's targets the data measure (default: P_nl / the first)")
    String target;

    @Option(names = "--truth", description = "NAME=VALUE marked in the corner plot (default: the data file's fiducial values)")
    List<String> truthPairs = new ArrayList<>();

    @Option(names = "--require-convergence", description = "exit non-zero when the sampler stops at its cap unconverged")
    boolean requireConvergence;

    @CommandLine.Mixin
    PosteriorOutputs outputs;

    @Override
    public Integer call() throws Exception {
        Emulator emulator = Emulator.load(modelDir);
        SpectrumDataset train = DatasetFile.read(trainFile);
        List<String> names = emulator.metadata().paramNames();
        if (!train.parameterNames().equals(names)) {
            throw new IllegalArgumentException(trainFile + " has parameters " + train.parameterNames() + ", the emulator takes " + names);
        }
        double[] lower = train.parameters().stream().mapToDouble(Parameter::lower).toArray();
        double[] upper = train.parameters().stream().mapToDouble(Parameter::upper).toArray();
        DataVector data = DataVectorFiles.read(dataFile);
        double[][] covariance = covarianceFile != null ? DataVectorFiles.readCovariance(covarianceFile) : data.covariance();
        if (covariance == null) {
            throw new IllegalArgumentException("no covariance: give --covariance FILE (the data file " + dataFile + " has none)");
        }
        EmulatorError emulatorError = emulatorErrorFile == null ? null : EmulatorError.fromMetrics(emulatorErrorFile);
        if (emulatorError != null) {
            if (covariance.length != data.size()) {
                throw new IllegalArgumentException("the covariance is " + covariance.length + " x " + covariance.length + " for " + data.size() + " data values");
            }
            covariance = emulatorError.addTo(covariance, data);
        }
        GaussianLikelihood likelihood = new GaussianLikelihood(data.value(), covariance);
        Map<String, Prior> userPriors = priors();
        List<String> setByData = data.z() != null ? List.of("z") : List.of();
        ParameterSpace space = new ParameterSpace(names, lower, upper, userPriors, setByData);
        SpectrumModel model = simulatorName == null ? new EmulatorSpectra(emulator, target)
                : new SimulatorSpectra(SimulatorSpectra.forGrid(simulatorName, emulator.metadata().grid()), names, target, threads);
        DataModel dataModel = new DataModel(model, space, data);
        Posterior posterior = new Posterior(dataModel, likelihood);
        InferenceRun.Outcome run = switch (sampler) {
            case "ensemble" -> InferenceRun.ensemble(posterior, ensemble.settings());
            case "nested" -> InferenceRun.nested(posterior, new NestedSampler.Settings(livePoints, walkSteps, tolerance, maxIterations, ensemble.seed));
            default -> throw new IllegalArgumentException("unknown sampler '" + sampler + "' (ensemble, nested)");
        };
        Map<String, Double> truth = new LinkedHashMap<>(data.fiducial());
        for (String pair : truthPairs) {
            String[] kv = pair.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("--truth wants NAME=VALUE, got '" + pair + "'");
            }
            truth.put(kv[0].trim(), Double.parseDouble(kv[1].trim()));
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("model", model.describe());
        context.put("emulator_bundle", modelDir.toString());
        context.put("data", dataFile.toString());
        context.put("data_points", data.size());
        context.put("data_on_model_grid", dataModel.onGrid());
        context.put("emulator_error", emulatorError == null ? null : emulatorError.source());
        Map<String, String> priorText = new LinkedHashMap<>();
        space.priors().forEach((k, v) -> priorText.put(k, v.describe()));
        context.put("priors", priorText);
        context.put("set_by_data", setByData);
        context.put("seed", ensemble.seed);
        context.put("truth", truth);
        Map<String, Object> doc = ChainFiles.json(run, context);
        String message = message(run);
        doc.put("message", message);
        StepProvenance prov = StepSupport.provenance(spec, emulator.metadata().study()).seed(ensemble.seed)
                .input("model", modelDir, "model")
                .input("train", trainFile, "dataset")
                .input("data", dataFile, "data-vector");
        if (covarianceFile != null) {
            prov.input("covariance", covarianceFile, "covariance");
        }
        if (emulatorErrorFile != null) {
            prov.input("emulator_error", emulatorErrorFile, "metrics");
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("sampler", sampler);
        settings.put("model", model.describe());
        settings.put("priors", priorText);
        settings.put("walkers", ensemble.walkers);
        settings.put("max_steps", ensemble.maxSteps);
        settings.put("max_rhat", ensemble.maxRhat);
        settings.put("min_ess", ensemble.minEss);
        settings.put("live_points", livePoints);
        prov.settings(settings).extra("emulator_training", emulator.trainingSummary().getOrDefault("data", Map.of()));
        outputs.write(run, doc, truth, model.describe(), prov, message);
        System.err.println("infer: " + message);
        return run.converged() || !requireConvergence ? 0 : ExitCodes.BAD_INPUT;
    }

    private Map<String, Prior> priors() throws java.io.IOException {
        Map<String, Prior> out = new LinkedHashMap<>();
        if (priorsFile != null) {
            if (!java.nio.file.Files.isRegularFile(priorsFile)) {
                throw new IllegalArgumentException("priors file " + priorsFile + " does not exist");
            }
            Object parsed = new ObjectMapper(new YAMLFactory()).readValue(priorsFile.toFile(), Object.class);
            if (!(parsed instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(priorsFile + " must hold a map NAME -> prior");
            }
            out.putAll(ParameterSpace.fromMap(map));
        }
        for (String pair : priorPairs) {
            String[] kv = pair.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("--prior wants NAME=SPEC, got '" + pair + "'");
            }
            out.put(kv[0].trim(), ParameterSpace.parse(kv[0].trim(), kv[1]));
        }
        return out;
    }

    private static String message(InferenceRun.Outcome run) {
        if (run.ensemble() != null) {
            EnsembleSampler.Result r = run.ensemble();
            double minEss = Double.POSITIVE_INFINITY;
            double maxR = 0;
            for (int d = 0; d < run.names().size(); d++) {
                minEss = Math.min(minEss, r.ess()[d]);
                maxR = Math.max(maxR, r.rhat()[d]);
            }
            return String.format(Locale.ROOT, "%s after %d steps of %d walkers (max split R-hat %.4f, min ESS %.0f, %.1f s)",
                    r.converged() ? "converged" : "did NOT converge (stopped at the step cap)", r.steps(), r.chain()[0].length, maxR, minEss,
                    run.seconds());
        }
        NestedSampler.Result r = run.nested();
        return String.format(Locale.ROOT, "%s: log Z = %.3f +- %.3f after %d iterations (%.1f s)",
                r.converged() ? "converged" : "did NOT converge (stopped at the iteration cap)", r.logZ(), r.logZError(), r.iterations(),
                run.seconds());
    }
}
