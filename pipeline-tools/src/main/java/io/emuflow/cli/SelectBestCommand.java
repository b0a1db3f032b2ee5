package io.emuflow.cli;

import io.emuflow.data.AtomicFiles;
import io.emuflow.ml.search.SearchLog;
import io.emuflow.ml.search.TrialRecord;
import io.emuflow.provenance.Hashing;
import io.emuflow.provenance.StepProvenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Picks the best hyperparameter trial on validation loss alone and writes the study's search log. */
@Command(name = "select-best", mixinStandardHelpOptions = true,
        description = "Select the trial with the lowest validation loss, write the search log (JSON + Markdown) and copy its bundle.")
final class SelectBestCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--trials", split = ",", description = "trial records (*.trial.json)")
    List<Path> trials = new ArrayList<>();

    @Option(names = "--trials-dir", description = "directory of trial records (*.trial.json)")
    Path trialsDir;

    @Option(names = "--models", split = ",", description = "trial model bundles; the best is found by its sha256")
    List<Path> models = new ArrayList<>();

    @Option(names = "--log", required = true, description = "search log to write (JSON; a .md table and a .txt log, one line per trial, are written beside it)")
    Path log;

    @Option(names = "--best-out", description = "copy the best trial's bundle here (needs --models)")
    Path bestOut;

    @Override
    public Integer call() throws IOException {
        List<Path> files = new ArrayList<>(trials);
        if (trialsDir != null) {
            try (Stream<Path> s = Files.list(trialsDir)) {
                s.filter(f -> f.getFileName().toString().endsWith(TrialRecord.SUFFIX)).sorted().forEach(files::add);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no trial records given (use --trials or --trials-dir)");
        }
        List<TrialRecord> records = new ArrayList<>();
        for (Path f : files) {
            records.add(TrialRecord.read(f));
        }
        SearchLog searchLog = SearchLog.of(records);
        TrialRecord best = searchLog.best();
        Path bestBundle = null;
        if (bestOut != null) {
            for (Path m : models) {
                if (Files.isDirectory(m) && Hashing.sha256(m).equals(best.bundleSha256())) {
                    bestBundle = m;
                }
            }
            if (bestBundle == null) {
                throw new IllegalArgumentException("the best trial (" + best.model() + " #" + best.trialIndex() + ", sha256 "
                        + best.bundleSha256() + ") is not among the --models bundles");
            }
            Path source = bestBundle;
            AtomicFiles.write(bestOut, temporary -> copyTree(source, temporary));
        }
        AtomicFiles.writeString(log, searchLog.json());
        Path markdown = log.resolveSibling(log.getFileName().toString().replaceFirst("\\.json$", "") + ".md");
        AtomicFiles.writeString(markdown, searchLog.markdown());
        Path text = log.resolveSibling(log.getFileName().toString().replaceFirst("\\.json$", "") + ".txt");
        AtomicFiles.writeString(text, searchLog.text());
        StepProvenance prov = StepSupport.provenance(spec, best.study()).extra("best_trial", best.toMap());
        for (int i = 0; i < files.size(); i++) {
            prov.input("trial_" + i, files.get(i), "trial");
        }
        if (bestBundle != null) {
            prov.input("best_model", bestBundle, "model").output("model", bestOut, "model", null);
        }
        prov.output("search_log", log, "search-log", null).output("search_log_md", markdown, "search-log", null)
                .output("search_log_txt", text, "search-log", null)
                .write(StepProvenance.sidecarOf(log));
        return 0;
    }

    /** Copies a bundle; a symlinked bundle (as Nextflow stages inputs) is followed at the top. */
    private static void copyTree(Path link, Path to) throws IOException {
        Path from = link.toRealPath();
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted().toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
