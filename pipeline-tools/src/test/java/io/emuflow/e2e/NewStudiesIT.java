package io.emuflow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The halo-model emulator and the box CNN studies end to end in their test profiles, as a user starts them
 * (`./nextflow run main.nf --study NAME -profile test`), with checks against independent figures: a merged
 * halo-model spectrum is recomputed outside the pipeline by `emuflow halomodel`, and the halo boxes are read by h5py
 * and checked for what the channels mean (whole counts, mass and speed zero exactly where no halo is).
 */
class NewStudiesIT {
    private static PipelineIT.Proc run(Path base, String study) throws Exception {
        PipelineIT.deleteRecursively(base);
        Files.createDirectories(base);
        Files.createDirectories(PipelineIT.BASE);
        long start = System.nanoTime();
        PipelineIT.Proc run = PipelineIT.Proc.run(base, 900, PipelineIT.ROOT.resolve("nextflow").toString(), "run",
                PipelineIT.ROOT.resolve("main.nf").toString(), "-profile", "test", "--study", study,
                "--outdir", base.resolve("results").toString(), "-work-dir", base.resolve("work").toString());
        System.out.printf("[e2e] -profile test --study %s: exit %d in %.1f s%n", study, run.exit(), (System.nanoTime() - start) / 1e9);
        assertEquals(0, run.exit(), run::output);
        assertTrue(Files.size(base.resolve("results/report.html")) > 0, "no report.html");
        return run;
    }

    @Test
    void halomodelEmulatorRunsAndItsSpectraAreTheHaloModelsOwn() throws Exception {
        Path base = PipelineIT.ROOT.resolve("pipeline-tools/target/e2e-halomodel");
        run(base, "halomodel-emulator");
        Path study = base.resolve("results/halomodel-emulator");
        // every model of the resolved study (its test_overrides) was trained and evaluated
        var models = new com.fasterxml.jackson.databind.ObjectMapper().readTree(study.resolve("sample/study.json").toFile()).path("models");
        assertTrue(models.size() >= 2, models.toString());
        for (var model : models) {
            String name = model.path("name").asText();
            assertTrue(Files.exists(study.resolve("evaluation").resolve(name).resolve("metrics.json")), "model " + name + " not evaluated");
        }
        fineTuneSearchesAndComparisonArePublished(base, study);
        // h5py reads row 0 of the merged dataset; `emuflow halomodel` recomputes its ten spectra from its parameters alone
        String script = String.join("\n",
                "import h5py, numpy as np, sys",
                "f = h5py.File(sys.argv[1], 'r')",
                "names = [x.decode() if isinstance(x, bytes) else x for x in f['params'].attrs['names']]",
                "print(' '.join('%s=%r' % (n, float(v)) for n, v in zip(names, f['params'][0])))",
                "print(' '.join(repr(float(x)) for x in f['grid/k'][()]))",
                "for t in ['P_lin', 'P_mm', 'P_gm', 'P_gg', 'P_gg_1h', 'P_gg_2h']:",
                "    print(t + ' ' + ' '.join(repr(float(x)) for x in f['targets/' + t][0]))");
        PipelineIT.Proc py = PipelineIT.python(script, study.resolve("merge/dataset.h5").toString());
        assertEquals(0, py.exit(), py::output);
        String[] lines = py.output().strip().split("\n");
        Path kFile = base.resolve("k.txt");
        Files.writeString(kFile, String.join("\n", lines[1].split(" ")) + "\n");
        List<String> args = new java.util.ArrayList<>(List.of("halomodel", "--k-file", kFile.toString(), "--z", "0", "--out", "-"));
        for (String pair : lines[0].split(" ")) {
            args.add("--param");
            args.add(pair);
        }
        PipelineIT.Proc direct = PipelineIT.emuflow(args.toArray(String[]::new));
        assertEquals(0, direct.exit(), direct::output);
        List<String> csv = direct.output().lines().filter(l -> l.matches("^[0-9].*")).toList();
        String header = direct.output().lines().filter(l -> l.startsWith("id,")).findFirst().orElseThrow();
        List<String> columns = List.of(header.split(","));
        double[] k = PipelineIT.parse(lines[1]);
        assertEquals(k.length, csv.size(), direct.output());
        for (int t = 2; t < lines.length; t++) {
            String[] parts = lines[t].split(" ", 2);
            double[] merged = PipelineIT.parse(parts[1]);
            int column = columns.indexOf(parts[0]);
            for (int i = 0; i < k.length; i++) {
                double recomputed = Double.parseDouble(csv.get(i).split(",")[column]);
                assertEquals(merged[i], recomputed, 1e-9 * Math.abs(merged[i]), parts[0] + " at k = " + k[i]);
            }
        }
    }

    /**
     * Issue 16 in the test profile: the training search ran in waves (its last TPE trial learnt from every earlier
     * one), `mm` (after TRAIN) and `searched` (after SELECT_BEST) were fine-tuned by one task per trial, each
     * model is the best fine-tuned bundle only if that beat the network before fine-tuning, and COMPARE tabulated
     * every final model, with its outputs in the provenance store.
     */
    private static void fineTuneSearchesAndComparisonArePublished(Path base, Path study) throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        String wave2 = Files.readString(study.resolve("search/searched/trial_2.prov.json"));
        String wave3 = Files.readString(study.resolve("search/searched/trial_3.prov.json"));
        assertTrue(wave2.contains("finished_trial_1") && !wave2.contains("finished_trial_2"), "trial 2 learns from trials 0, 1: " + wave2);
        assertTrue(wave3.contains("finished_trial_2"), "trial 3 (the second TPE wave) learns from trials 0, 1, 2: " + wave3);
        for (var entry : java.util.Map.of("mm", 2, "searched", 3).entrySet()) {
            Path dir = study.resolve("fine_tune").resolve(entry.getKey());
            String baseSha = io.emuflow.provenance.Hashing.sha256(dir.resolve(entry.getKey())); // the network before fine-tuning
            double bestKept = Double.POSITIVE_INFINITY;
            for (int i = 0; i < entry.getValue(); i++) {
                var record = json.readTree(dir.resolve("trial_" + i + ".fine_tune.json").toFile());
                assertEquals(baseSha, record.path("base_bundle_sha256").asText(), "trial " + i + " of " + entry.getKey() + " tuned another bundle");
                assertEquals(record.path("bundle_sha256").asText(), io.emuflow.provenance.Hashing.sha256(dir.resolve("trial_" + i)));
                assertEquals(record.path("improved").asBoolean(), !record.path("bundle_sha256").asText().equals(baseSha), record.toString());
                assertTrue(record.path("validation_loss").asDouble() <= record.path("base_validation_loss").asDouble(), record.toString());
                bestKept = Math.min(bestKept, record.path("validation_loss").asDouble());
            }
            var log = json.readTree(dir.resolve("fine_tune_log.json").toFile());
            assertEquals(entry.getValue(), log.path("trials").size());
            boolean tuned = log.at("/outcome/kept").asText().equals("fine-tuned");
            assertEquals(tuned, bestKept < log.path("base_validation_loss").asDouble(), log.toString());
            // the model is the chosen bundle: the best trial's, or the network before fine-tuning
            assertEquals(log.at("/outcome/bundle_sha256").asText(), io.emuflow.provenance.Hashing.sha256(study.resolve("models").resolve(entry.getKey())));
            if (!tuned) {
                assertEquals(baseSha, io.emuflow.provenance.Hashing.sha256(study.resolve("models").resolve(entry.getKey())));
            }
        }
        String table = Files.readString(study.resolve("compare/compare.md"));
        var compared = json.readTree(study.resolve("compare/compare.json").toFile()).path("models");
        List<String> names = new java.util.ArrayList<>();
        compared.forEach(m -> names.add(m.path("model").asText()));
        assertEquals(List.of("gg-1h", "mm", "searched"), names, table);
        for (String name : names) {
            assertTrue(table.contains(name), name + " missing from compare.md:\n" + table);
        }
        assertTrue(Files.size(study.resolve("compare/compare_error.png")) > 1000, "no compare_error.png");
        PipelineIT.Proc audit = PipelineIT.emuflow("audit", "dataset", study.resolve("compare/compare.json").toString(),
                "--db", base.resolve("results/provenance/emuflow").toString());
        assertEquals(0, audit.exit(), audit::output);
        assertTrue(audit.output().contains("<- compare"), "the provenance store does not know compare.json:\n" + audit.output());
    }

    @Test
    void boxCnnRunsWithPhysicalHaloBoxesAndTabulatesEveryModel() throws Exception {
        Path base = PipelineIT.ROOT.resolve("pipeline-tools/target/e2e-boxcnn");
        run(base, "box-cnn");
        Path study = base.resolve("results/box-cnn");
        String script = String.join("\n",
                "import h5py, numpy as np, sys",
                "f = h5py.File(sys.argv[1], 'r')",
                "n = f['boxes/nhalo'][()]; m = f['boxes/mass'][()]; s = f['boxes/speed'][()]",
                "assert n.shape == m.shape == s.shape and n.shape[1:] == (32, 32, 32), n.shape",
                "assert n.dtype == np.float32",
                "assert np.all(n == np.round(n)) and n.min() >= 0, 'counts are whole numbers'",
                "assert np.all((m > 0) == (n > 0)) and np.all(s[n == 0] == 0), 'mass and speed are zero exactly where no halo is'",
                "assert np.all(m[n > 0] / n[n > 0] >= 1e11), 'a halo weighs at least its particles'",
                "assert f['targets/pk_halo'].shape == (n.shape[0], 6)",
                "print(n.shape[0], int(n.sum()))");
        PipelineIT.Proc py = PipelineIT.python(script, study.resolve("split/train.h5").toString());
        assertEquals(0, py.exit(), py::output);
        assertTrue(Integer.parseInt(py.output().strip().split("\\s+")[0]) >= 40, "at least 40 training boxes: " + py.output());
        String table = Files.readString(study.resolve("evaluation/summary/summary.md"));
        for (String model : List.of("cnn3d-nhalo", "cnn3d-mass", "cnn3d-speed", "cnn3d-nhalo-mass", "cnn3d-nhalo-mass-speed", "dense-phh")) {
            assertTrue(table.contains("| " + model + " |"), model + " missing from the summary table:\n" + table);
        }
        String clean = Files.readString(study.resolve("clean/clean_report.json"));
        assertTrue(clean.contains("\"removedSampleIds\" : [ ]"), "every box of the study's range simulates: " + clean);
    }
}
