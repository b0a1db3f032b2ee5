package io.emuflow.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The tool version and the git commit it was built from, read from resources written by the build. */
public final class VersionInfo {
    private static final Properties VERSION = load("/emuflow-version.properties");
    private static final Properties GIT = load("/emuflow-git.properties");

    private VersionInfo() {}

    public static String version() {
        return VERSION.getProperty("version", "unknown");
    }

    public static String gitCommit() {
        String commit = GIT.getProperty("git.commit.id.abbrev", "unknown");
        return "true".equals(GIT.getProperty("git.dirty")) ? commit + "-dirty" : commit;
    }

    /** "0.1.0 (git abc1234)": what sidecars and the provenance store record as the tool version. */
    public static String full() {
        return version() + " (git " + gitCommit() + ")";
    }

    private static Properties load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = VersionInfo.class.getResourceAsStream(resource)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
