package io.emuflow.provenance;

import java.nio.file.Path;

/** How artifact locations are written in the store: relative to the run's output folder, with '/' separators. */
final class Locations {
    private Locations() {}

    /** A relative path written the same way on every platform, so a store moves between machines. */
    static String portable(Path relative) {
        return relative.toString().replace(java.io.File.separatorChar, '/');
    }

    /** A recorded location resolved against a folder: the recorded output folder, or the folder it was copied to. */
    static Path resolve(String outdir, String path) {
        return outdir.isEmpty() ? Path.of(path) : Path.of(outdir).resolve(path).normalize();
    }
}
