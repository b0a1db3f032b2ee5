package io.emuflow.cli;

import io.emuflow.data.DatasetFile;
import io.emuflow.data.Parameter;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.inference.ChainFiles;
import io.emuflow.inference.CmbLikelihood;
import io.emuflow.inference.CmbModel;
import io.emuflow.inference.EmulatorSpectra;
import io.emuflow.inference.InferenceRun;
import io.emuflow.inference.ParameterSpace;
import io.emuflow.inference.Posterior;
import io.emuflow.inference.SpectrumModel;
import io.emuflow.ml.emulator.Emulator;
import io.emuflow.ml.emulator.Pretrained;
import io.emuflow.provenance.StepProvenance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A CMB posterior with the TT, TE and EE emulators (issue 23): a noiseless, cosmic-variance-limited mock made from
 * one row of a dataset of CLASS spectra (the study's test split), the likelihood of {@link CmbLikelihood} on a sky
 * fraction, uniform priors over the emulators' training box, the ensemble sampler. Reports whether every parameter
 * of the row lies within 2 sigma of its posterior mean, and the run time next to the same number of model calls
 * made with CLASS at {@code --class-seconds} each.
 */
@Command(name = "infer-cmb", mixinStandardHelpOptions = true,
        description = "Posterior of (omega_b, omega_cdm, h, tau_reio, n_s, ln10As) from a TT+TE+EE mock with the CMB emulators.")
final class InferCmbCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--tt", required = true, description = "TT emulator: bundle directory or pretrained:cmb-tt")
    String tt;

    @Option(names = "--te", required = true, description = "TE emulator: bundle directory or pretrained:cmb-te")
    String te;

    @Option(names = "--ee", required = true, description = "EE emulator: bundle directory or pretrained:cmb-ee")
    String ee;

    @Option(names = "--data", required = true, description = "a dataset file with targets TT, TE, EE on the emulators' nodes (e.g. the test split)")
    Path dataFile;

    @Option(names = "--row", defaultValue = "0", description = "which row of --data is the mock (default ${DEFAULT-VALUE})")
    int row;

    @Option(names = "--fsky", defaultValue = "0.4", description = "observed sky fraction (default ${DEFAULT-VALUE})")
    double fSky;

    @CommandLine.Mixin
    EnsembleOptions ensemble;

    @Option(names = "--class-seconds", defaultValue = "3.5", description = "seconds of one CLASS run, for the comparison (default ${DEFAULT-VALUE})")
    double classSeconds;

    @CommandLine.Mixin
    PosteriorOutputs outputs;

    @Override
    public Integer call() throws Exception {
        List<String> references = List.of(tt, te, ee);
        List<Path> bundles = new ArrayList<>();
        List<SpectrumModel> models = new ArrayList<>();
        Emulator first = null;
        for (int s = 0; s < 3; s++) {
            Path bundle = Pretrained.isReference(references.get(s)) ? Pretrained.bundle(references.get(s)) : Path.of(references.get(s));
            Emulator emulator = Emulator.load(bundle);
            String spectrum = List.of("TT", "TE", "EE").get(s);
            if (!emulator.metadata().gridName().equals("ell") || !emulator.metadata().targetNames().contains(spectrum)) {
                throw new IllegalArgumentException(references.get(s) + " is not a " + spectrum + " emulator on multipoles (it predicts "
                        + emulator.metadata().targetNames() + " on " + emulator.metadata().gridName() + ")");
            }
            bundles.add(bundle);
            models.add(new EmulatorSpectra(emulator, spectrum));
            first = first == null ? emulator : first;
        }
        List<Parameter> box = first.metadata().box();
        List<String> names = first.metadata().paramNames();
        if (box.isEmpty()) {
            throw new IllegalArgumentException(references.get(0) + " records no training box (retrain it with this version): the prior needs it");
        }
        double[] lower = names.stream().mapToDouble(n -> parameter(box, n).lower()).toArray();
        double[] upper = names.stream().mapToDouble(n -> parameter(box, n).upper()).toArray();
        ParameterSpace space = new ParameterSpace(names, lower, upper, Map.of(), List.of());
        CmbModel model = new CmbModel(models, space);

        SpectrumDataset data = DatasetFile.read(dataFile);
        if (!data.parameterNames().equals(names)) {
            throw new IllegalArgumentException(dataFile + " has parameters " + data.parameterNames() + ", the emulators take " + names);
        }
        if (!Arrays.equals(data.grid(), model.ell())) {
            throw new IllegalArgumentException(dataFile + " is not on the emulators' multipole nodes");
        }
        if (row < 0 || row >= data.size()) {
            throw new IllegalArgumentException("--row " + row + " is outside the " + data.size() + " rows of " + dataFile);
        }
        double[][] mock = new double[3][];
        for (int s = 0; s < 3; s++) {
            mock[s] = data.target(List.of("TT", "TE", "EE").get(s)).values()[row];
        }
        double[] truthValues = data.params()[row];
        CmbLikelihood likelihood = new CmbLikelihood(model.ell(), mock, mock, fSky);
        Posterior posterior = new Posterior(model, likelihood);
        InferenceRun.Outcome run = InferenceRun.ensemble(posterior, ensemble.settings());

        Map<String, Double> truth = new LinkedHashMap<>();
        Map<String, Object> pulls = new LinkedHashMap<>();
        boolean within2Sigma = true;
        for (int p = 0; p < names.size(); p++) {
            truth.put(names.get(p), truthValues[p]);
            int d = run.summary().names().indexOf(names.get(p));
            double pull = (run.summary().mean()[d] - truthValues[p]) / run.summary().std()[d];
            pulls.put(names.get(p), pull);
            within2Sigma &= Math.abs(pull) <= 2;
        }
        double classEstimate = run.modelRows() * classSeconds;
        String message = String.format(Locale.ROOT, "%s; %d model calls in %.1f s; with CLASS at %.1f s a call: %.1f h (%.0fx)",
                within2Sigma ? "every parameter of the mock within 2 sigma" : "NOT every parameter within 2 sigma", run.modelRows(),
                run.seconds(), classSeconds, classEstimate / 3600, classEstimate / run.seconds());
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("model", model.describe());
        context.put("data", dataFile.toString());
        context.put("row", row);
        context.put("f_sky", fSky);
        // an ordered map: Map.of's order changes from one JVM to the next, and posterior.json should not
        Map<String, Object> multipoles = new LinkedHashMap<>();
        multipoles.put("first", (long) model.ell()[0]);
        multipoles.put("last", (long) model.ell()[model.ell().length - 1]);
        multipoles.put("nodes", model.ell().length);
        context.put("multipoles", multipoles);
        context.put("truth", truth);
        context.put("pulls_in_sigma", pulls);
        context.put("within_2_sigma", within2Sigma);
        context.put("class_seconds_per_call", classSeconds);
        context.put("class_estimate_seconds", classEstimate);
        Map<String, Object> doc = ChainFiles.json(run, context);
        doc.put("message", message);

        StepProvenance prov = StepSupport.provenance(spec, first.metadata().study()).seed(ensemble.seed);
        for (int s = 0; s < 3; s++) {
            prov.input("model_" + List.of("tt", "te", "ee").get(s), bundles.get(s), "model");
        }
        prov.input("data", dataFile, "dataset")
                .settings(Map.of("row", row, "f_sky", fSky, "walkers", ensemble.walkers, "max_steps", ensemble.maxSteps,
                        "max_rhat", ensemble.maxRhat, "min_ess", ensemble.minEss));
        outputs.write(run, doc, truth, model.describe(), prov, message);
        System.err.println("infer-cmb: " + message + (run.converged() ? "" : " (the sampler stopped at its cap unconverged)"));
        return 0;
    }

    private static Parameter parameter(List<Parameter> box, String name) {
        return box.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the training box has no range for " + name));
    }
}
