package io.emuflow.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesTheFileAndNothingElse() throws IOException {
        Path target = dir.resolve("sub/out.txt");
        AtomicFiles.writeString(target, "hello\n");
        assertEquals("hello\n", Files.readString(target));
        assertEquals(List.of("out.txt"), names(target.getParent()));
    }

    @Test
    void aFailingWriterLeavesNoPartialFile() throws IOException {
        Path target = dir.resolve("out.h5");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(target, temporary -> {
            Files.writeString(temporary, "half of it");
            throw new IOException("No space left on device");
        }));
        assertTrue(e.getMessage().contains("cannot write " + target) && e.getMessage().contains("No space left"), e.getMessage());
        assertEquals(List.of(), names(dir));

        IllegalStateException bug = new IllegalStateException("bug");
        assertSame(bug, assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, temporary -> {
            Files.writeString(temporary, "half");
            throw bug;
        })));
        assertEquals(List.of(), names(dir));
    }

    @Test
    void aFailedRewriteKeepsThePreviousFile() throws IOException {
        Path target = dir.resolve("out.txt");
        AtomicFiles.writeString(target, "complete v1");
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(target, temporary -> {
            Files.writeString(temporary, "v2 partial");
            throw new IOException("disk full");
        }));
        assertEquals("complete v1", Files.readString(target));
        assertEquals(List.of("out.txt"), names(dir));
    }

    @Test
    void directoriesAreWrittenAndReplacedWhole() throws IOException {
        Path bundle = dir.resolve("model");
        AtomicFiles.write(bundle, temporary -> {
            Files.createDirectories(temporary);
            Files.writeString(temporary.resolve("a"), "1");
            Files.writeString(temporary.resolve("b"), "2");
        });
        AtomicFiles.write(bundle, temporary -> {
            Files.createDirectories(temporary);
            Files.writeString(temporary.resolve("c"), "3");
        });
        assertEquals(List.of("c"), names(bundle));
        assertEquals(List.of("model"), names(dir));
    }

    @Test
    void aStaleTemporaryOfThisProcessIsReplaced() throws IOException {
        Path target = dir.resolve("out.txt");
        Path stale = dir.resolve(".out.txt.tmp-" + ProcessHandle.current().pid());
        Files.writeString(stale, "left by a killed attempt");
        AtomicFiles.writeString(target, "fresh");
        assertEquals("fresh", Files.readString(target));
        assertFalse(Files.exists(stale));
    }

    static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
