package io.emuflow.ml.inverse;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plots of the calibration of distributional inverse models (XChart, headless): PIT histograms and TARP curves. */
public final class CalibrationPlots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private CalibrationPlots() {}

    /**
     * PIT histograms of one parameter as densities (a calibrated model gives 1 in every bin), one series per entry
     * (e.g. before and after recalibration), with the uniform line.
     */
    public static void pit(Path file, String title, Map<String, long[]> histograms) {
        CategoryChart chart = new CategoryChartBuilder().width(760).height(520).title(title)
                .xAxisTitle("PIT = F(true value)").yAxisTitle("density (uniform = 1)").build();
        chart.getStyler().setLegendVisible(histograms.size() > 1);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setOverlapped(false);
        Color[] colors = {new Color(0x4292c6), new Color(0xe6550d), new Color(0x31a354)};
        int series = 0;
        for (Map.Entry<String, long[]> entry : histograms.entrySet()) {
            long[] counts = entry.getValue();
            long n = 0;
            for (long c : counts) {
                n += c;
            }
            List<String> bins = new ArrayList<>();
            List<Double> density = new ArrayList<>();
            for (int b = 0; b < counts.length; b++) {
                bins.add(String.format("%.1f-%.1f", (double) b / counts.length, (b + 1.0) / counts.length));
                density.add(n == 0 ? 0 : counts[b] * (double) counts.length / n);
            }
            chart.addSeries(entry.getKey(), bins, density).setFillColor(colors[series++ % colors.length]);
        }
        InversePlots.save(chart, file);
    }

    /** PIT histogram of one parameter as densities, one series. */
    public static void pit(Path file, String title, long[] counts) {
        pit(file, title, Map.of("PIT", counts));
    }

    /** TARP expected coverage against credibility level, one series per split, with the diagonal. */
    public static void tarp(Path file, String title, Map<String, double[][]> curves) {
        XYChart chart = new XYChartBuilder().width(640).height(620).title(title)
                .xAxisTitle("credibility level").yAxisTitle("expected coverage").build();
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setMarkerSize(0);
        XYSeries diagonal = chart.addSeries("diagonal (calibrated)", new double[] {0, 1}, new double[] {0, 1});
        diagonal.setMarker(SeriesMarkers.NONE);
        diagonal.setLineColor(Color.DARK_GRAY);
        curves.forEach((name, xy) -> chart.addSeries(name, xy[0], xy[1]).setMarker(SeriesMarkers.NONE));
        InversePlots.save(chart, file);
    }
}
