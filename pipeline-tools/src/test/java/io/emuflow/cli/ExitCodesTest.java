package io.emuflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Airflow's BashOperator marks a task whose command exits 99 as skipped, not failed (docs/airflow.md): no error of
 * `emuflow` or of its launch scripts may exit 99. Checked over the exit-code table, over every literal a command
 * returns as its exit code, every System.exit, and every `exit N` of the scripts in bin/ and the Nextflow launcher.
 */
class ExitCodesTest {
    static final Path ROOT = Path.of(System.getProperty("emuflow.root", "..")).toAbsolutePath().normalize();
    static final int AIRFLOW_SKIP = 99;

    @Test
    void theExitCodeTableHasNo99AndOnlyCodesAShellKeeps() throws Exception {
        List<Integer> codes = new ArrayList<>();
        for (Field f : ExitCodes.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                f.setAccessible(true);
                codes.add(f.getInt(null));
            }
        }
        assertEquals(3, codes.size(), "codes: " + codes);
        for (int c : codes) {
            assertNotEquals(AIRFLOW_SKIP, c);
            assertTrue(c >= 1 && c <= 125, "exit code " + c + " outside 1..125 (126+ mean 'not run' or a signal)");
        }
        for (Throwable t : List.of(new IllegalArgumentException("x"), new IOException("x"), new UncheckedIOException(new IOException("x")),
                new IllegalStateException("x"), new RuntimeException(), new OutOfMemoryError())) {
            assertTrue(codes.contains(ExitCodes.of(t)), t.toString());
        }
        // a real failure through the command line: bad input exits 2
        assertEquals(ExitCodes.BAD_INPUT, EmuflowCommand.execute("airflow-dag", "--study", "no-such-study", "--out", "/nonexistent/x.py"));
    }

    @Test
    void noCommandReturnsOrExits99() throws Exception {
        Pattern returnLiteral = Pattern.compile("return\\s+(\\d+)\\s*;");
        Pattern exit = Pattern.compile("System\\.exit\\(([^;]*)\\);");
        List<String> found = new ArrayList<>();
        int commands = 0;
        try (Stream<Path> files = Files.walk(ROOT.resolve("pipeline-tools/src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String src = Files.readString(f);
                Matcher e = exit.matcher(src);
                while (e.find()) {
                    found.add(f.getFileName() + ": System.exit(" + e.group(1) + ")");
                }
                if (src.contains("Callable<Integer>")) {
                    commands++;
                    Matcher r = returnLiteral.matcher(src);
                    while (r.find()) {
                        int code = Integer.parseInt(r.group(1));
                        assertNotEquals(AIRFLOW_SKIP, code, f + " returns 99");
                        assertTrue(code <= 3, f + " returns exit code " + code + ", not in ExitCodes");
                    }
                }
            }
        }
        assertTrue(commands > 20, "commands found: " + commands);
        assertEquals(List.of("EmuflowCommand.java: System.exit(execute(args))"), found, "exits outside the one table");
    }

    @Test
    void noScriptExits99() throws Exception {
        Pattern exitN = Pattern.compile("\\bexit\\s+(\\d+)");
        List<Path> scripts = new ArrayList<>(List.of(ROOT.resolve("nextflow")));
        try (Stream<Path> bin = Files.list(ROOT.resolve("bin"))) {
            bin.filter(Files::isRegularFile).forEach(scripts::add);
        }
        int exits = 0;
        for (Path s : scripts) {
            Matcher m = exitN.matcher(Files.readString(s));
            while (m.find()) {
                exits++;
                assertNotEquals(AIRFLOW_SKIP, Integer.parseInt(m.group(1)), s + " exits 99");
            }
        }
        assertTrue(exits > 0, "no `exit N` found in " + scripts);
    }
}
