package io.emuflow.provenance;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a provenance store lives, as given to {@code --db}: an H2 file path (one run's store, the default) or a
 * PostgreSQL JDBC URL {@code jdbc:postgresql://host[:port]/database[?options]} (a group's store). The URL never
 * carries a password: credentials come from the environment or ~/.pgpass ({@link Credentials}).
 */
public record StoreTarget(Engine engine, Path h2Base, String url, String host, int port, String database, Map<String, String> options) {
    public enum Engine {
        H2("h2"), POSTGRESQL("postgresql");

        /** Flyway's folder name for the engine's V1-V3 (db/vendor/NAME). */
        final String vendor;

        Engine(String vendor) {
            this.vendor = vendor;
        }
    }

    private static final Pattern POSTGRES = Pattern.compile("jdbc:postgresql://([^/:?#@\\[\\]]+|\\[[0-9A-Fa-f:.]+\\])(?::([0-9]{1,5}))?/([^/?#]+)(?:\\?(.*))?");

    /** An H2 store at this path (with or without .mv.db). */
    public static StoreTarget h2(Path path) {
        return new StoreTarget(Engine.H2, ProvenanceStore.base(path).toAbsolutePath(), null, null, 0, null, Map.of());
    }

    /** Parses a --db value; a malformed JDBC URL or one that holds a password is refused with one line. */
    public static StoreTarget parse(String db) {
        if (db == null || db.isBlank()) {
            throw new IllegalArgumentException("--db is empty: give an H2 path or jdbc:postgresql://host:port/database");
        }
        if (!db.regionMatches(true, 0, "jdbc:", 0, 5)) {
            return h2(Path.of(db));
        }
        if (!db.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--db " + redacted(db) + ": only jdbc:postgresql://host:port/database URLs are supported "
                    + "(or an H2 file path)");
        }
        if (db.contains("@")) {
            // jdbc:postgresql://user:secret@host/db: userinfo is not JDBC syntax and would put a secret on the command line
            throw new IllegalArgumentException("--db " + redacted(db) + ": user or password in the URL is not allowed; "
                    + "set EMUFLOW_DB_USER and EMUFLOW_DB_PASSWORD or use ~/.pgpass");
        }
        Matcher m = POSTGRES.matcher(db);
        if (!m.matches()) {
            throw new IllegalArgumentException("--db " + redacted(db) + " is not a valid PostgreSQL JDBC URL: expected jdbc:postgresql://host[:port]/database");
        }
        int port = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--db " + db + ": port " + port + " is out of range");
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (m.group(4) != null && !m.group(4).isEmpty()) {
            for (String pair : m.group(4).split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                String lower = key.toLowerCase(Locale.ROOT);
                if (lower.equals("password") || lower.equals("sslpassword")) {
                    throw new IllegalArgumentException("--db " + redacted(db) + ": a password in the URL is not allowed "
                            + "(it would be visible in the process list and the pipeline's logs); set EMUFLOW_DB_PASSWORD or use ~/.pgpass");
                }
                options.put(key, value);
            }
        }
        String host = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
        return new StoreTarget(Engine.POSTGRESQL, null, db, host, port, URLDecoder.decode(m.group(3), StandardCharsets.UTF_8), Map.copyOf(options));
    }

    /** What messages call the store: its file, or its URL (which holds no secret). */
    public String describe() {
        return engine == Engine.H2 ? h2Base.resolveSibling(h2Base.getFileName() + ".mv.db").toString() : url;
    }

    /** The H2 database file (base + .mv.db); null for PostgreSQL. */
    Path h2File() {
        return engine == Engine.H2 ? h2Base.resolveSibling(h2Base.getFileName() + ".mv.db") : null;
    }

    /** A URL with anything after '?' or an '@' cut, for messages about a URL being refused. */
    private static String redacted(String db) {
        String cut = db.replaceAll("//[^/@]*@", "//***@");
        int q = cut.indexOf('?');
        return q < 0 ? cut : cut.substring(0, q) + "?...";
    }
}
