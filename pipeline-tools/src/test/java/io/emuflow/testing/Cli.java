package io.emuflow.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.emuflow.cli.EmuflowCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs `emuflow ARGS` in this JVM with stdout and stderr captured, for the CLI tests. */
public final class Cli {
    private Cli() {
    }

    /** What a command left: its exit code, stdout and stderr. */
    public record Result(int exit, String out, String err) {
        /** The one error line a user sees ("COMMAND: error: ..."; log lines of libraries may come before it). */
        public String line() {
            List<String> errors = err.lines().filter(l -> l.matches("^[a-z][a-z0-9-]*: error: .*")).toList();
            assertEquals(1, errors.size(), "expected one error line on stderr, got:\n" + err);
            return errors.get(0);
        }
    }

    public static synchronized Result emuflow(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = EmuflowCommand.execute(args);
            return new Result(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
