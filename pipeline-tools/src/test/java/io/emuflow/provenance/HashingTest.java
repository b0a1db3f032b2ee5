package io.emuflow.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashingTest {
    @TempDir
    Path dir;

    @Test
    void fileDigestIsTheStandardSha256() throws Exception {
        Path f = Files.writeString(dir.resolve("abc.txt"), "abc");
        // FIPS 180-2 test vector for "abc"
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hashing.sha256(f));
        assertEquals(3, Hashing.size(f));
    }

    @Test
    void aSymlinkedDirectoryHashesLikeTheDirectoryItself() throws Exception {
        // Nextflow stages a model bundle into the next task as a symlink to the producing task's folder
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        Files.writeString(bundle.resolve("weights.bin"), "w");
        Files.writeString(bundle.resolve("settings.json"), "{}");
        Path link = Files.createSymbolicLink(dir.resolve("link"), bundle);
        String empty = Hashing.sha256(new byte[0]);
        assertNotEquals(Hashing.sha256("".getBytes(StandardCharsets.UTF_8)), Hashing.sha256(bundle));
        assertNotEquals(empty, Hashing.sha256(link));
        assertEquals(Hashing.sha256(bundle), Hashing.sha256(link));
        assertEquals(Hashing.size(bundle), Hashing.size(link));
        assertEquals(3, Hashing.size(link));
    }
}
