package io.emuflow.provenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The user and password for a PostgreSQL store, never from a flag: EMUFLOW_DB_USER and EMUFLOW_DB_PASSWORD, else
 * PostgreSQL's password file (PGPASSFILE or ~/.pgpass), which the JDBC driver does not read by itself.
 * The password is only handed to the driver: it is never part of a message or a record.
 */
public record Credentials(String user, String password) {
    public static final String USER_VARIABLE = "EMUFLOW_DB_USER";
    public static final String PASSWORD_VARIABLE = "EMUFLOW_DB_PASSWORD";

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
    }

    /** From this process's environment and home folder. */
    public static Credentials fromEnvironment(StoreTarget target) {
        return resolve(target, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * @param env the environment to read (EMUFLOW_DB_USER, EMUFLOW_DB_PASSWORD, PGPASSFILE, PGUSER)
     * @param home the home folder whose .pgpass is read when PGPASSFILE is unset
     */
    public static Credentials resolve(StoreTarget target, Map<String, String> env, Path home) {
        String user = firstSet(env.get(USER_VARIABLE), target.options().get("user"), env.get("PGUSER"), System.getProperty("user.name"));
        String password = env.get(PASSWORD_VARIABLE);
        if (password == null || password.isEmpty()) {
            String passFile = env.get("PGPASSFILE");
            password = pgpass(passFile != null && !passFile.isEmpty() ? Path.of(passFile) : home.resolve(".pgpass"),
                    target.host(), target.port(), target.database(), user);
        }
        return new Credentials(user, password);
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }

    /**
     * The password of the first matching line of a PostgreSQL password file, or null. Format (PostgreSQL manual,
     * "The Password File"): hostname:port:database:username:password, '*' matches anything in the first four fields,
     * '\' escapes ':' and '\', lines starting with '#' are comments. Like libpq, a file readable by group or others is
     * ignored (it would leak the password).
     */
    static String pgpass(Path file, String host, int port, String database, String user) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            var permissions = Files.getPosixFilePermissions(file);
            for (var p : permissions) {
                if (p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_")) {
                    return null;
                }
            }
        } catch (UnsupportedOperationException | IOException e) {
            // no POSIX permissions (another file system): read it as libpq does on such systems
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return null;
        }
        String[] wanted = {host, String.valueOf(port), database, user};
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = split(line);
            if (fields.size() < 5) {
                continue;
            }
            boolean match = true;
            for (int i = 0; i < 4 && match; i++) {
                // null marks an unescaped '*'; an escaped \* is a literal star (as in libpq)
                match = fields.get(i) == null || fields.get(i).equals(wanted[i]);
            }
            if (match) {
                return fields.get(4) == null ? "*" : fields.get(4);
            }
        }
        return null;
    }

    /**
     * Splits on unescaped ':' and removes the escapes (\: and \\); a field that is an unescaped '*' (a wildcard)
     * is null, so that it can be told apart from an escaped, literal star.
     */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean escaped = false;
        for (int i = 0; i <= line.length(); i++) {
            char c = i < line.length() ? line.charAt(i) : ':';
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
                escaped = true;
            } else if (c == ':') {
                fields.add(!escaped && field.toString().equals("*") ? null : field.toString());
                field.setLength(0);
                escaped = false;
            } else {
                field.append(c);
            }
        }
        return fields;
    }
}
