package io.emuflow.progress;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far a long step is. On a terminal it draws a progress bar on stderr (stdout carries data); otherwise it logs
 * one line at most every {@code interval} (and at the end) with the count, the rate and the time left, so a
 * 30-minute Nextflow task tells the user in .command.log how far it is. Thread-safe: parallel workers call
 * {@link #step()}.
 */
public final class Progress implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    private final String task;
    private final String unit;
    private final long total;
    private final long intervalNanos;
    private final ProgressBar bar;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong lastReport;
    private final long start;
    private final LineSink lines;
    private final boolean cap;
    private volatile String detail = "";

    /** Where the plain lines go (the log; tests capture them). */
    @FunctionalInterface
    interface LineSink {
        void line(String text);
    }

    private Progress(String task, long total, String unit, boolean cap, boolean terminal, Duration interval, LineSink lines) {
        this.task = task;
        this.cap = cap;
        this.total = total;
        this.unit = unit;
        this.intervalNanos = interval.toNanos();
        this.lines = lines;
        this.start = System.nanoTime();
        this.lastReport = new AtomicLong(start);
        this.bar = terminal
                ? new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" " + unit, 1).showSpeed()
                        .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err)).build()
                : null;
    }

    /** A bar on a terminal (stderr is one when a console is attached), log lines elsewhere. */
    public static Progress start(String task, long total, String unit) {
        return new Progress(task, total, unit, false, onTerminal(), DEFAULT_INTERVAL, LOG::info);
    }

    /**
     * For loops that may end early (training by patience, sampling at convergence): {@code cap} is the most steps
     * there can be, so the time left is an upper bound and says so ("at most 12 min left").
     */
    public static Progress upTo(String task, long cap, String unit) {
        return new Progress(task, cap, unit, true, onTerminal(), DEFAULT_INTERVAL, LOG::info);
    }

    private static boolean onTerminal() {
        return System.console() != null && System.getenv("NXF_TASK_WORKDIR") == null;
    }

    /** Plain lines to {@code lines}, at most one per {@code interval}: for tests and for callers with their own log. */
    static Progress lines(String task, long total, String unit, Duration interval, LineSink lines) {
        return new Progress(task, total, unit, false, false, interval, lines);
    }

    /** As {@link #lines}, for a loop that may end before {@code cap}. */
    static Progress linesUpTo(String task, long cap, String unit, Duration interval, LineSink lines) {
        return new Progress(task, cap, unit, true, false, interval, lines);
    }

    public void step() {
        step(1);
    }

    /** One step with what it reached ("validation loss 1.2e-4"): shown beside the bar, appended to the line. */
    public void step(String detail) {
        this.detail = detail == null ? "" : detail;
        if (bar != null) {
            bar.setExtraMessage(" " + this.detail);
        }
        step(1);
    }

    public void step(long n) {
        long now = done.addAndGet(n);
        if (bar != null) {
            bar.stepBy(n);
            return;
        }
        long t = System.nanoTime();
        long last = lastReport.get();
        if (t - last >= intervalNanos && lastReport.compareAndSet(last, t)) {
            lines.line(describe(now, t));
        }
    }

    /** "simulate: 1200/5000 samples (24%), 3.1 samples/s, about 20 min left". */
    String describe(long count, long nowNanos) {
        return describe(count, nowNanos, false);
    }

    private String describe(long count, long nowNanos, boolean finished) {
        double seconds = Math.max(1e-9, (nowNanos - start) / 1e9);
        double rate = count / seconds;
        StringBuilder s = new StringBuilder(task).append(": ").append(count).append('/').append(total).append(' ').append(unit);
        if (total > 0) {
            s.append(String.format(java.util.Locale.ROOT, " (%d%%)", Math.round(100.0 * count / total)));
        }
        s.append(String.format(java.util.Locale.ROOT, ", %.3g %s/s", rate, unit));
        if (count < total && rate > 0 && !finished) {
            s.append(cap ? ", at most " : ", about ").append(human((total - count) / rate)).append(" left");
        } else if (count >= total || finished) {
            s.append(", done in ").append(human(seconds));
        }
        if (!detail.isEmpty()) {
            s.append("; ").append(detail);
        }
        return s.toString();
    }

    static String human(double seconds) {
        if (seconds < 90) {
            return Math.round(seconds) + " s";
        }
        if (seconds < 5400) {
            return Math.round(seconds / 60) + " min";
        }
        return String.format(java.util.Locale.ROOT, "%.1f h", seconds / 3600);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        } else {
            lines.line(describe(done.get(), System.nanoTime(), cap)); // a capped loop that stopped early is done
        }
    }
}
