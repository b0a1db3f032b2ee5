package io.emuflow.cli;

import io.emuflow.data.AtomicFiles;
import io.emuflow.ml.search.FineTuneLog;
import io.emuflow.ml.search.FineTuneRecord;
import io.emuflow.provenance.Hashing;
import io.emuflow.provenance.StepProvenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Ends a fine-tuning search: keeps the best fine-tune trial's bundle only if its validation loss beats the
 * un-fine-tuned network's, else the network as trained; writes the fine-tune log (JSON + Markdown).
 */
@Command(name = "select-fine-tune", mixinStandardHelpOptions = true,
        description = "Keep the best fine-tuned bundle only if its validation loss beats the original's; write the fine-tune log.")
final class SelectFineTuneCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--base", required = true, description = "the bundle the trials fine-tuned (the model as trained)")
    Path base;

    @Option(names = "--trials", split = ",", description = "fine-tune trial records (*.fine_tune.json)")
    List<Path> trials = new ArrayList<>();

    @Option(names = "--trials-dir", description = "directory of fine-tune trial records (*.fine_tune.json)")
    Path trialsDir;

    @Option(names = "--models", split = ",", description = "the trials' bundles; the best is found by its sha256")
    List<Path> models = new ArrayList<>();

    @Option(names = "--log", required = true, description = "fine-tune log to write (JSON; a .md table is written beside it)")
    Path log;

    @Option(names = "--out", required = true, description = "the chosen bundle: the best fine-tuned one, or a copy of --base")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(base)) {
            throw new IllegalArgumentException("model bundle " + base + " does not exist");
        }
        List<Path> files = new ArrayList<>(trials);
        if (trialsDir != null) {
            files.addAll(FineTuneRecord.files(trialsDir));
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no fine-tune trial records given (use --trials or --trials-dir)");
        }
        List<FineTuneRecord> records = new ArrayList<>();
        for (Path f : files) {
            records.add(FineTuneRecord.read(f));
        }
        FineTuneLog fineTuneLog = FineTuneLog.of(records);
        String baseSha = Hashing.sha256(base);
        if (!baseSha.equals(fineTuneLog.best().baseBundleSha256())) {
            throw new IllegalArgumentException("the trials fine-tuned a bundle with sha256 " + fineTuneLog.best().baseBundleSha256()
                    + ", not --base " + base + " (" + baseSha + ")");
        }
        Path chosen = base;
        if (fineTuneLog.keepFineTuned()) {
            chosen = null;
            for (Path m : models) {
                if (Files.isDirectory(m) && Hashing.sha256(m).equals(fineTuneLog.best().bundleSha256())) {
                    chosen = m;
                }
            }
            if (chosen == null) {
                throw new IllegalArgumentException("the best fine-tune trial (#" + fineTuneLog.best().trialIndex() + ", sha256 "
                        + fineTuneLog.best().bundleSha256() + ") is not among the --models bundles");
            }
        }
        FineTuneCommand.copyBundle(chosen, out);
        AtomicFiles.writeString(log, fineTuneLog.json());
        Path markdown = log.resolveSibling(log.getFileName().toString().replaceFirst("\\.json$", "") + ".md");
        AtomicFiles.writeString(markdown, fineTuneLog.markdown());
        StepProvenance prov = StepSupport.provenance(spec, fineTuneLog.best().study())
                .extra("model", outcome(fineTuneLog))
                .input("base_model", base, "model");
        for (int i = 0; i < files.size(); i++) {
            prov.input("trial_" + i, files.get(i), "trial");
        }
        if (fineTuneLog.keepFineTuned()) {
            prov.input("best_model", chosen, "model");
        }
        prov.output("model", out, "model", null).output("fine_tune_log", log, "search-log", null)
                .output("fine_tune_log_md", markdown, "search-log", null)
                .write(StepProvenance.sidecarOf(log));
        return 0;
    }

    private static java.util.Map<String, Object> outcome(FineTuneLog log) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("name", log.best().model());
        m.put("bundle_sha256", log.chosenSha256());
        m.put("kept", log.keepFineTuned() ? "fine-tuned" : "original");
        m.put("best_trial", log.best().toMap());
        return m;
    }
}
