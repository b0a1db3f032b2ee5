package io.emuflow.orchestration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The pipeline's checkout (main.nf, nextflow.config, conf/studies): its shipped studies and configuration profiles. */
public record PipelineDir(Path root) {
    private static final Pattern PROFILE = Pattern.compile("^\\s*([A-Za-z0-9_]+)\\s*\\{");

    public PipelineDir {
        root = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("main.nf")) || !Files.isRegularFile(root.resolve("nextflow.config"))) {
            throw new IllegalArgumentException("pipeline directory " + root + " has no main.nf and nextflow.config (--pipeline-dir)");
        }
    }

    /** The checkout that holds this jar (pipeline-tools/target/emuflow-tools.jar), or the working directory. */
    public static PipelineDir locate() {
        Path cwd = Path.of("").toAbsolutePath();
        if (Files.isRegularFile(cwd.resolve("main.nf"))) {
            return new PipelineDir(cwd);
        }
        try {
            Path jar = Path.of(PipelineDir.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar.getParent(); p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("main.nf"))) {
                    return new PipelineDir(p);
                }
            }
        } catch (java.net.URISyntaxException | SecurityException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("no pipeline directory (main.nf) found from " + cwd + " or the jar; pass --pipeline-dir");
    }

    /** The shipped studies: conf/studies/NAME.yaml, sorted. */
    public List<String> studies() {
        try (Stream<Path> files = Files.list(root.resolve("conf/studies"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path studyFile(String study) {
        if (!studies().contains(study)) {
            throw new IllegalArgumentException("unknown study '" + study + "'; studies: " + String.join(", ", studies()));
        }
        return root.resolve("conf/studies/" + study + ".yaml");
    }

    /** The names in nextflow.config's `profiles { ... }` block (one level of braces inside it). */
    public List<String> profiles() {
        List<String> names = new ArrayList<>();
        try {
            int depth = -1;
            for (String line : Files.readAllLines(root.resolve("nextflow.config"))) {
                String code = line.replaceAll("//.*", "");
                if (depth < 0) {
                    if (code.matches("^\\s*profiles\\s*\\{.*")) {
                        depth = 1;
                    }
                    continue;
                }
                if (depth == 1) {
                    Matcher m = PROFILE.matcher(code);
                    if (m.find()) {
                        names.add(m.group(1));
                    }
                }
                for (char c : code.toCharArray()) {
                    depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                }
                if (depth == 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** Checks every name of a comma-separated -profile value. */
    public String requireProfile(String profile) {
        List<String> known = profiles();
        for (String p : profile.split(",")) {
            if (!known.contains(p.strip())) {
                throw new IllegalArgumentException("unknown profile '" + p.strip() + "'; profiles: " + String.join(", ", known));
            }
        }
        return profile;
    }
}
