package io.emuflow.ml.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Emulators that ship inside the tools jar (the repository's {@code pretrained/} folder, copied in by Maven), so that
 * {@code emuflow predict --model pretrained:pk-emulator} and {@link FastEmulator#pretrained} work on a fresh clone
 * without training. Each model folder carries a {@code SHA256SUMS} file (the format of {@code sha256sum}); the files
 * are unpacked once into a cache folder named after that file's own hash, checked against it, and moved into place
 * in one step, so two processes starting at once, or one killed half-way, never leave a partial model behind.
 *
 * <p>The cache is {@code $EMUFLOW_CACHE/pretrained}, else {@code ~/.cache/emuflow/pretrained}, else the temporary
 * folder when the home folder cannot be written.
 */
public final class Pretrained {
    public static final String PREFIX = "pretrained:";
    private static final String ROOT = "/io/emuflow/pretrained/";
    private static final String SUMS = "SHA256SUMS";

    private Pretrained() {}

    /** True for a model reference of the form {@code pretrained:NAME}. */
    public static boolean isReference(String model) {
        return model != null && model.startsWith(PREFIX);
    }

    /** The names of the models in this jar (the {@code models.txt} list). */
    public static List<String> names() {
        try (InputStream in = Pretrained.class.getResourceAsStream(ROOT + "models.txt")) {
            if (in == null) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the list of pretrained models: " + e.getMessage(), e);
        }
    }

    /** The emulator behind {@code pretrained:NAME} (or plain NAME). */
    public static Emulator emulator(String reference) {
        return Emulator.load(bundle(reference));
    }

    /** The unpacked, verified model folder of {@code pretrained:NAME} (or plain NAME). */
    public static Path bundle(String reference) {
        return bundle(reference, cacheRoot());
    }

    static Path bundle(String reference, Path cacheRoot) {
        String name = isReference(reference) ? reference.substring(PREFIX.length()) : reference;
        List<String> shipped = names();
        if (!shipped.contains(name)) {
            throw new IllegalArgumentException("no pretrained model '" + name + "'; this jar has: "
                    + (shipped.isEmpty() ? "none" : String.join(", ", shipped)));
        }
        byte[] sums = resource(name, SUMS);
        Map<String, String> expected = parseSums(name, sums);
        Path target = cacheRoot.resolve(name + "-" + sha256(sums).substring(0, 16));
        try {
            if (Files.isDirectory(target)) {
                verify(name, target, expected); // a cached copy someone altered is an error, not a silent reuse
                return target;
            }
            Files.createDirectories(cacheRoot);
            Path temporary = Files.createTempDirectory(cacheRoot, "." + name + "-");
            try {
                for (String file : expected.keySet()) {
                    Files.write(temporary.resolve(file), resource(name, file));
                }
                verify(name, temporary, expected);
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException raced) {
                    if (!Files.isDirectory(target)) {
                        throw raced;
                    }
                    // another process unpacked the same model first: use its copy
                }
            } finally {
                deleteQuietly(temporary);
            }
            verify(name, target, expected);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack pretrained model " + name + " into " + cacheRoot + ": " + e.getMessage(), e);
        }
    }

    static Path cacheRoot() {
        String configured = System.getenv("EMUFLOW_CACHE");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured, "pretrained");
        }
        Path home = Path.of(System.getProperty("user.home", ""), ".cache", "emuflow", "pretrained");
        try {
            Files.createDirectories(home);
            if (Files.isWritable(home)) {
                return home;
            }
        } catch (IOException | SecurityException e) {
            // fall through to the temporary folder (a read-only home on a cluster node)
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "emuflow-" + System.getProperty("user.name", "user"), "pretrained");
    }

    private static Map<String, String> parseSums(String name, byte[] sums) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : new String(sums, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.strip().split("\\s+\\*?", 2);
            if (parts.length != 2 || parts[0].length() != 64 || parts[1].contains("/") || parts[1].startsWith(".")) {
                throw new IllegalStateException("pretrained model " + name + ": bad line in " + SUMS + ": " + line);
            }
            expected.put(parts[1], parts[0]);
        }
        if (!expected.containsKey("emulator.json")) {
            throw new IllegalStateException("pretrained model " + name + ": " + SUMS + " does not list emulator.json");
        }
        return expected;
    }

    private static void verify(String name, Path dir, Map<String, String> expected) throws IOException {
        for (Map.Entry<String, String> file : expected.entrySet()) {
            Path path = dir.resolve(file.getKey());
            if (!Files.isRegularFile(path) || !sha256(Files.readAllBytes(path)).equals(file.getValue())) {
                throw new IllegalStateException("pretrained model " + name + ": " + path + " is missing or altered (sha256 differs from "
                        + SUMS + "); delete " + dir + " to unpack it again");
            }
        }
    }

    private static byte[] resource(String name, String file) {
        try (InputStream in = Pretrained.class.getResourceAsStream(ROOT + name + "/" + file)) {
            if (in == null) {
                throw new IllegalStateException("pretrained model " + name + ": " + file + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pretrained model " + name + ": " + e.getMessage(), e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover hidden temporary folder is harmless
        }
    }
}
