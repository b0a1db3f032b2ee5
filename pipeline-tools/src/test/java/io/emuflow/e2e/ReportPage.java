package io.emuflow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuflow.provenance.ProvenanceStore;
import io.emuflow.provenance.Sql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Checks of a run's report.html: every plot and metrics table the provenance store names for the run is on the page,
 * and a real headless browser (Debian's chromium) renders it with every embedded image decoded, keeping a screenshot.
 */
final class ReportPage {
    private ReportPage() {}

    static void check(Path outdir, Path workDir) throws Exception {
        Path page = outdir.resolve("report.html");
        assertTrue(Files.size(page) > 0, "no report.html in " + outdir);
        String html = Files.readString(page);
        assertFalse(html.contains("http://") && html.contains("<script src"), "the page must not load anything from the network");
        int plots;
        try (ProvenanceStore store = ProvenanceStore.open(outdir.resolve("provenance/emuflow"), false)) {
            String run = (String) Sql.rows(store.connection(), "SELECT run_name FROM run ORDER BY id").get(0).get("RUN_NAME");
            assertTrue(html.contains("EmuFlow run " + run), "the page is not the report of run " + run);
            List<Map<String, Object>> plotRows = Sql.rows(store.connection(), "SELECT DISTINCT o.sha256 FROM step_output o "
                    + "JOIN artifact a ON a.sha256 = o.sha256 WHERE a.kind = 'plot'");
            assertFalse(plotRows.isEmpty(), "the store records no plot");
            for (Map<String, Object> r : plotRows) {
                assertTrue(html.contains("<img src=\"data:image/png;base64,") && html.contains("data-sha=\"" + r.get("SHA256") + "\""),
                        "plot " + r.get("SHA256") + " is not on the page");
            }
            plots = plotRows.size();
            for (Map<String, Object> r : Sql.rows(store.connection(), "SELECT DISTINCT model_sha256 FROM metric")) {
                assertTrue(html.contains("data-model=\"" + r.get("MODEL_SHA256") + "\""), "metrics of model " + r.get("MODEL_SHA256") + " missing");
            }
        }
        String browser = Files.isExecutable(Path.of("/usr/bin/chromium")) ? "/usr/bin/chromium" : null;
        Assumptions.assumeTrue(browser != null, "chromium is not installed (.ci/run installs Debian's chromium): browser check skipped");
        List<String> flags = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                "--user-data-dir=" + workDir.resolve("chromium-profile"), "--virtual-time-budget=15000");
        PipelineIT.Proc dom = PipelineIT.Proc.run(workDir, 180, concat(browser, flags, "--dump-dom", page.toUri().toString()));
        assertEquals(0, dom.exit(), dom::output);
        Matcher images = Pattern.compile("data-images=\"(\\d+)\"").matcher(dom.output());
        assertTrue(images.find(), "the page's load handler did not run:\n" + tail(dom.output()));
        assertTrue(Integer.parseInt(images.group(1)) >= plots, "the browser saw " + images.group(1) + " images, the store records " + plots);
        assertTrue(dom.output().contains("data-broken-images=\"\""), "images the browser could not decode:\n" + tail(dom.output()));
        Path screenshot = workDir.resolve("report.png");
        PipelineIT.Proc shot = PipelineIT.Proc.run(workDir, 180,
                concat(browser, flags, "--window-size=1400,2400", "--screenshot=" + screenshot, page.toUri().toString()));
        assertEquals(0, shot.exit(), shot::output);
        assertTrue(Files.size(screenshot) > 10_000, "screenshot too small to show the page");
        System.out.println("[e2e] report screenshot: " + screenshot);
    }

    private static String[] concat(String first, List<String> middle, String... last) {
        List<String> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(middle);
        all.addAll(List.of(last));
        return all.toArray(String[]::new);
    }

    private static String tail(String s) {
        return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    }
}
