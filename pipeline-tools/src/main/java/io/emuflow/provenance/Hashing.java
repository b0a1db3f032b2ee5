package io.emuflow.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** SHA-256 of files and of directories (a directory's digest covers the relative path and digest of every file). */
public final class Hashing {
    private Hashing() {}

    public static String sha256(Path path) {
        return Files.isDirectory(path) ? directoryDigest(path) : fileDigest(path);
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** Total bytes of a file, or of all files under a directory. */
    public static long size(Path path) {
        try {
            if (!Files.isDirectory(path)) {
                return Files.size(path);
            }
            long total = 0;
            for (Path file : files(path)) {
                total += Files.size(file);
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fileDigest(Path file) {
        MessageDigest digest = digest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String directoryDigest(Path dir) {
        StringBuilder manifest = new StringBuilder();
        Path root;
        try {
            root = dir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash " + dir + ": " + e.getMessage(), e);
        }
        for (Path file : files(root)) {
            manifest.append(root.relativize(file).toString().replace('\\', '/')).append('\0').append(fileDigest(file)).append('\n');
        }
        return sha256(manifest.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Files under a directory; a symlinked directory (as Nextflow stages inputs) is followed at the top. */
    private static List<Path> files(Path dir) {
        try (Stream<Path> walk = Files.walk(dir.toRealPath())) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
