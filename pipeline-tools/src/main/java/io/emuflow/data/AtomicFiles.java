package io.emuflow.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Write-then-rename: an output appears under its final name only when it is complete, so a step killed
 * at any moment leaves at most a hidden temporary file that no later step or `record` reads.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Something that writes a complete file or directory at the given (temporary) path. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path temporary) throws IOException;
    }

    /** Writes {@code target} (a file or a directory) through a temporary sibling, then renames it into place. */
    public static void write(Path target, Writer writer) {
        Path absolute = target.toAbsolutePath();
        Path parent = absolute.getParent();
        Path temporary = parent.resolve("." + absolute.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(parent);
            deleteRecursively(temporary);
            writer.writeTo(temporary);
            deleteRecursively(absolute);
            moveIntoPlace(temporary, absolute);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(temporary);
            throw e;
        }
    }

    /** Writes a small text file atomically. */
    public static void writeString(Path target, String text) {
        write(target, temporary -> Files.writeString(temporary, text));
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            deleteRecursively(path);
        } catch (IOException ignored) {
            // the original failure is what the user needs to see
        }
    }
}
