package io.emuflow.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import io.emuflow.data.AtomicFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Renders the report template (resource io/emuflow/report/report.mustache) into one self-contained HTML file. */
public final class ReportWriter {
    private static final String TEMPLATE = "io/emuflow/report/report.mustache";

    private ReportWriter() {}

    public static String render(Map<String, Object> model) {
        Mustache template = new DefaultMustacheFactory().compile(TEMPLATE);
        StringWriter out = new StringWriter();
        template.execute(out, model);
        return out.toString();
    }

    /** Writes the page to a temporary name and renames it, so a reader never sees half a report. */
    public static void write(Map<String, Object> model, Path out) {
        String html = render(model);
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(out, tmp -> Files.writeString(tmp, html, StandardCharsets.UTF_8));
    }
}
