package io.emuflow.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        Map<Path, Writer> one = new LinkedHashMap<>();
        one.put(target, writer);
        writeAll(one, List.of());
    }

    /**
     * Writes several outputs of one step as a set: every one to its temporary first, so a failure (a full disk,
     * bad data found half-way) leaves every previous output as it was; then deletes {@code stale} (the step's
     * old sidecar, which describes the previous outputs) and renames the new outputs into place.
     */
    public static void writeAll(Map<Path, Writer> outputs, List<Path> stale) {
        Map<Path, Path> temporaries = new LinkedHashMap<>();
        Path current = null;
        try {
            for (Map.Entry<Path, Writer> output : outputs.entrySet()) {
                current = output.getKey();
                Path absolute = current.toAbsolutePath();
                Path temporary = absolute.getParent().resolve("." + absolute.getFileName() + ".tmp-" + ProcessHandle.current().pid());
                Files.createDirectories(absolute.getParent());
                deleteRecursively(temporary);
                temporaries.put(absolute, temporary);
                output.getValue().writeTo(temporary);
            }
            for (Path s : stale) {
                current = s;
                Files.deleteIfExists(s);
            }
            for (Map.Entry<Path, Path> t : temporaries.entrySet()) {
                current = t.getKey();
                deleteRecursively(t.getKey());
                moveIntoPlace(t.getValue(), t.getKey());
            }
        } catch (IOException e) {
            temporaries.values().forEach(AtomicFiles::deleteQuietly);
            throw new UncheckedIOException("cannot write " + current + ": " + describe(e), e);
        } catch (RuntimeException e) {
            temporaries.values().forEach(AtomicFiles::deleteQuietly);
            IOException io = ioCause(e);
            if (io != null) {
                // a writer library (jhdf) wraps the file system's error: users need the file and the reason
                throw new UncheckedIOException("cannot write " + current + ": " + describe(io), io);
            }
            throw e;
        }
    }

    private static IOException ioCause(Throwable e) {
        for (Throwable c = e; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    /** IOExceptions of the file system carry the errno text as their reason ("No space left on device"). */
    private static String describe(IOException e) {
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage();
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
