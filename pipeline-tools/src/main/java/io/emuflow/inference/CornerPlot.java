package io.emuflow.inference;

import io.emuflow.data.AtomicFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A corner plot (PNG): for d parameters a d x d grid of small XChart charts composed into one image; on the diagonal
 * the 1D marginal (a weighted histogram drawn as a step line) with the mean and 68% interval, below it the 2D
 * marginals (a thinned, weight-resampled scatter of the draws); the true or fiducial values, where known, as red
 * lines and points.
 */
public final class CornerPlot {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final int CELL = 240;
    private static final int MAX_POINTS = 3000;
    private static final int BINS = 40;

    private CornerPlot() {}

    public static void write(java.nio.file.Path file, List<String> names, double[][] samples, double[] weights, PosteriorSummary summary,
            Map<String, Double> truth) {
        AtomicFiles.write(file, writer(names, samples, weights, summary, truth));
    }

    /** The plot as a writer for {@link AtomicFiles#writeAll} (drawn when called). */
    public static AtomicFiles.Writer writer(List<String> names, double[][] samples, double[] weights, PosteriorSummary summary,
            Map<String, Double> truth) {
        return temporary -> {
            BufferedImage image = image(names, samples, weights, summary, truth);
            if (!ImageIO.write(image, "png", temporary.toFile())) {
                throw new IOException("no PNG writer");
            }
        };
    }

    private static BufferedImage image(List<String> names, double[][] samples, double[] weights, PosteriorSummary summary,
            Map<String, Double> truth) {
        int d = names.size();
        double[][] thinned = thin(samples, weights);
        BufferedImage image = new BufferedImage(d * CELL, d * CELL, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, d * CELL, d * CELL);
        for (int row = 0; row < d; row++) {
            for (int col = 0; col <= row; col++) {
                XYChart chart = row == col ? histogram(names.get(row), samples, weights, row, summary, truth.get(names.get(row)))
                        : scatter(names.get(col), names.get(row), thinned, col, row, truth.get(names.get(col)), truth.get(names.get(row)));
                g.drawImage(BitmapEncoder.getBufferedImage(chart), col * CELL, row * CELL, null);
            }
        }
        g.dispose();
        return image;
    }

    private static XYChart base(String x, String y) {
        XYChart chart = new XYChartBuilder().width(CELL).height(CELL).xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartTitleVisible(false);
        chart.getStyler().setAxisTickLabelsFont(chart.getStyler().getAxisTickLabelsFont().deriveFont(8f));
        chart.getStyler().setAxisTitleFont(chart.getStyler().getAxisTitleFont().deriveFont(10f));
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setMarkerSize(2);
        return chart;
    }

    private static XYChart histogram(String name, double[][] samples, double[] weights, int d, PosteriorSummary summary, Double truth) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] s : samples) {
            lo = Math.min(lo, s[d]);
            hi = Math.max(hi, s[d]);
        }
        if (!(hi > lo)) {
            hi = lo + 1e-12;
        }
        double[] counts = new double[BINS];
        for (int i = 0; i < samples.length; i++) {
            int b = (int) Math.min(BINS - 1, Math.floor((samples[i][d] - lo) / (hi - lo) * BINS));
            counts[b] += weights == null ? 1 : weights[i];
        }
        double max = 0;
        for (double c : counts) {
            max = Math.max(max, c);
        }
        double[] x = new double[2 * BINS];
        double[] y = new double[2 * BINS];
        for (int b = 0; b < BINS; b++) {
            x[2 * b] = lo + (hi - lo) * b / BINS;
            x[2 * b + 1] = lo + (hi - lo) * (b + 1) / BINS;
            y[2 * b] = counts[b] / max;
            y[2 * b + 1] = counts[b] / max;
        }
        XYChart chart = base(name, "");
        line(chart, "marginal", x, y, Color.BLACK);
        double[] band = summary.interval68()[d];
        line(chart, "lo68", new double[] {band[0], band[0]}, new double[] {0, 1.05}, Color.GRAY);
        line(chart, "hi68", new double[] {band[1], band[1]}, new double[] {0, 1.05}, Color.GRAY);
        line(chart, "mean", new double[] {summary.mean()[d], summary.mean()[d]}, new double[] {0, 1.05}, Color.BLUE);
        if (truth != null) {
            line(chart, "truth", new double[] {truth, truth}, new double[] {0, 1.05}, Color.RED);
        }
        return chart;
    }

    private static XYChart scatter(String xName, String yName, double[][] thinned, int xd, int yd, Double xTruth, Double yTruth) {
        XYChart chart = base(xName, yName);
        double[] x = new double[thinned.length];
        double[] y = new double[thinned.length];
        for (int i = 0; i < thinned.length; i++) {
            x[i] = thinned[i][xd];
            y[i] = thinned[i][yd];
        }
        XYSeries points = chart.addSeries("draws", x, y);
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        points.setMarkerColor(new Color(40, 40, 160, 60));
        if (xTruth != null && yTruth != null) {
            XYSeries t = chart.addSeries("truth", new double[] {xTruth}, new double[] {yTruth});
            t.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            t.setMarker(SeriesMarkers.DIAMOND);
            t.setMarkerColor(Color.RED);
        }
        return chart;
    }

    private static void line(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
    }

    /**
     * At most {@link #MAX_POINTS} draws for the scatter panels: every n-th draw of equal-weight samples, or for weighted
     * draws a systematic resampling (deterministic: evenly spaced points on the cumulative weight).
     */
    static double[][] thin(double[][] samples, double[] weights) {
        List<double[]> out = new ArrayList<>();
        if (weights == null) {
            int step = Math.max(1, samples.length / MAX_POINTS);
            for (int i = 0; i < samples.length; i += step) {
                out.add(samples[i]);
            }
        } else {
            double total = 0;
            for (double w : weights) {
                total += w;
            }
            int n = Math.min(MAX_POINTS, samples.length);
            double cumulative = 0;
            int j = 0;
            for (int i = 0; i < samples.length && j < n; i++) {
                cumulative += weights[i] / total;
                while (j < n && (j + 0.5) / n <= cumulative) {
                    out.add(samples[i]);
                    j++;
                }
            }
        }
        return out.toArray(new double[0][]);
    }
}
