package io.emuflow.provenance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A temporary PostgreSQL server for tests: initdb in a temp folder, a free loopback port, a login role with a password
 * (SCRAM over TCP), a fresh database per {@link #newDatabase()}, stopped and deleted after the test class.
 * Uses Debian's binaries (/usr/lib/postgresql/N/bin). initdb and postgres refuse to run as root, and tests and CI
 * run as root: then they run as the {@code postgres} system user (runuser). Without binaries, tests that need the
 * server are skipped with a reason ({@link #assumeAvailable()}); CI installs the postgresql package so they run there.
 *
 * <p>Use: {@code @RegisterExtension static final PostgresServer PG = new PostgresServer();}
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback {
    public static final String USER = "emuflow_test";
    public static final String PASSWORD = "s3cret-pw:with\\colon";

    private Path bin;
    private Path dir;
    private int port;
    private boolean asPostgresUser;
    private String unavailable;
    private int databases;
    private boolean up;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        bin = findBinaries();
        if (bin == null) {
            unavailable = "no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin: install the postgresql package";
            return;
        }
        asPostgresUser = "root".equals(System.getProperty("user.name"));
        dir = Files.createTempDirectory("emuflow-pg");
        if (asPostgresUser) {
            run(List.of("chown", "postgres:postgres", dir.toString()), false);
        }
        Path data = dir.resolve("data");
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "--auth-local=trust",
                "--auth-host=scram-sha-256", "--locale=C", "-E", "UTF8", "--no-sync"), true);
        port = freePort();
        start();
        psql("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD.replace("'", "''") + "'");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (dir == null) {
            return;
        }
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"), true);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Starts the server (again, after {@link #stop}) on its port. */
    public synchronized void start() throws IOException, InterruptedException {
        if (up) {
            return;
        }
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(), "-w",
                "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"), true);
        up = true;
    }

    /** Stops the server at once (as a crash or an outage would), ending every open connection. */
    public synchronized void stop() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"), true);
        up = false;
    }

    /** Skips the calling test (with the reason) when no server could be started here. */
    public void assumeAvailable() {
        Assumptions.assumeTrue(unavailable == null, unavailable);
    }

    public int port() {
        return port;
    }

    /** A new, empty database owned by the test role; its JDBC URL. */
    public synchronized String newDatabase() throws IOException, InterruptedException {
        assumeAvailable();
        String name = "store" + (++databases);
        psql("CREATE DATABASE " + name + " OWNER " + USER);
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
    }

    /** Credentials of the test role, as the environment would give them. */
    static Credentials credentials() {
        return new Credentials(USER, PASSWORD);
    }

    /** A plain-text dump (pg_dump, as the superuser) of the database a JDBC URL of {@link #newDatabase()} names. */
    public String dump(String url) throws IOException, InterruptedException {
        String name = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        return run(List.of(bin.resolve("pg_dump").toString(), "-h", dir.toString(), "-p", String.valueOf(port), "-U", "postgres", "-d", name), true);
    }

    /** Runs a SQL file as the superuser in the database a JDBC URL of {@link #newDatabase()} names. */
    public void psqlFile(String url, Path file) throws IOException, InterruptedException {
        String name = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        run(List.of(bin.resolve("psql").toString(), "-h", dir.toString(), "-p", String.valueOf(port), "-U", "postgres", "-d", name,
                "-v", "ON_ERROR_STOP=1", "-q", "-f", file.toString()), true);
    }

    /** Runs SQL as the superuser over the server's Unix socket. */
    void psql(String sql) throws IOException, InterruptedException {
        run(List.of(bin.resolve("psql").toString(), "-h", dir.toString(), "-p", String.valueOf(port), "-U", "postgres", "-d", "postgres",
                "-v", "ON_ERROR_STOP=1", "-q", "-c", sql), true);
    }

    private String run(List<String> command, boolean asServerUser) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asServerUser && asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("test PostgreSQL: " + String.join(" ", full) + " failed: " + out);
        }
        return out;
    }

    private static Path findBinaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")) && Files.isExecutable(b.resolve("psql")))
                    .max(Comparator.comparing(Path::toString)).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
