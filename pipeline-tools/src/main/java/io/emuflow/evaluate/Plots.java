package io.emuflow.evaluate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import io.emuflow.data.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plots of an evaluation, drawn headless with XChart. */
public final class Plots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {}

    /** A line: x values, y values and a legend label. */
    public record Line(String label, double[] x, double[] y, boolean dashed) {}

    public static void history(Path file, double[] epochs, double[] train, double[] validation) {
        XYChart chart = chart("Training history", "epoch", "loss (MSE, standardised)", false, true);
        add(chart, new Line("train", epochs, train, false));
        add(chart, new Line("validation", epochs, validation, false));
        save(chart, file);
    }

    /** True (solid) against predicted (dashed) spectra, log-log. */
    public static void spectra(Path file, String title, String yLabel, List<Line> lines) {
        XYChart chart = chart(title, "k [1/Mpc]", yLabel, true, true);
        lines.forEach(line -> add(chart, line));
        save(chart, file);
    }

    /** Percentile bands of |relative error| against k. */
    public static void errorBands(Path file, String title, double[] k, Map<String, double[]> bands) {
        XYChart chart = chart(title, "k [1/Mpc]", "|P_pred / P_true - 1|", true, true);
        bands.forEach((label, values) -> add(chart, new Line(label, k, floor(values), false)));
        save(chart, file);
    }

    private static XYChart chart(String title, String x, String y, boolean logX, boolean logY) {
        XYChart chart = new XYChartBuilder().width(800).height(560).title(title).xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setMarkerSize(0);
        return chart;
    }

    private static void add(XYChart chart, Line line) {
        XYSeries series = chart.addSeries(line.label(), line.x(), line.y());
        series.setMarker(SeriesMarkers.NONE);
        if (line.dashed()) {
            series.setLineStyle(new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
        }
    }

    /** Log axes cannot show zeros: floor errors at 1e-8. */
    private static double[] floor(double[] values) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(out[i], 1e-8);
        }
        return out;
    }

    private static void save(XYChart chart, Path file) {
        AtomicFiles.write(file, temporary -> {
            try {
                BitmapEncoder.saveBitmap(chart, temporary.toString(), BitmapEncoder.BitmapFormat.PNG);
                // XChart appends ".png" to names that lack it
                java.nio.file.Path written = Path.of(temporary + ".png");
                if (java.nio.file.Files.exists(written)) {
                    java.nio.file.Files.move(written, temporary);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
