package io.emuflow.ml.inverse;

import io.emuflow.data.AtomicFiles;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plots of an inverse model's evaluation (XChart, headless): predicted vs true scatter, confusion matrices. */
public final class InversePlots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private InversePlots() {}

    /** Predicted against true values of one parameter, one series per split, with the line y = x. */
    public static void scatter(Path file, String parameter, String units, double lower, double upper, Map<String, double[][]> splits) {
        String axis = parameter + (units == null || units.isEmpty() ? "" : " [" + units + "]");
        XYChart chart = new XYChartBuilder().width(700).height(640).title("Predicted vs true " + parameter)
                .xAxisTitle("true " + axis).yAxisTitle("predicted " + axis).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setXAxisMin(lower).setXAxisMax(upper);
        XYSeries diagonal = chart.addSeries("y = x", new double[] {lower, upper}, new double[] {lower, upper});
        diagonal.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        diagonal.setMarker(SeriesMarkers.NONE);
        diagonal.setLineColor(Color.DARK_GRAY);
        splits.forEach((split, truthAndPrediction) -> {
            XYSeries s = chart.addSeries(split, truthAndPrediction[0], truthAndPrediction[1]);
            s.setMarker(SeriesMarkers.CIRCLE);
        });
        save(chart, file);
    }

    /**
     * Confusion matrix as a heat map: x = predicted class, y = true class, counts shown in the cells; each class is
     * labelled with its range of the parameter (in {@code units}), so the axes read as values, not indices.
     */
    public static void confusion(Path file, String title, long[][] confusion, ParameterClasses ranges, String units) {
        int k = confusion.length;
        List<String> labels = rangeLabels(ranges);
        List<Number[]> heat = new java.util.ArrayList<>();
        long max = 1;
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                heat.add(new Number[] {p, t, confusion[t][p]}); // XChart: {x index, y index, value}
                max = Math.max(max, confusion[t][p]);
            }
        }
        String unit = units == null || units.isEmpty() ? "" : " [" + units + "]";
        HeatMapChart chart = new HeatMapChartBuilder().width(860).height(800).title(title)
                .xAxisTitle("predicted " + ranges.parameter() + unit).yAxisTitle("true " + ranges.parameter() + unit).build();
        chart.getStyler().setShowValue(k <= 30);
        chart.getStyler().setHeatMapDecimalValueFormatter(v -> v == 0 ? "" : String.valueOf(v.longValue())); // empty cells stay blank
        chart.getStyler().setMin(0).setMax(max);
        chart.getStyler().setXAxisLabelRotation(90);
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0x9ecae1), new Color(0x08306b)});
        chart.getStyler().setLegendVisible(true);
        chart.addSeries("count", labels, labels, heat);
        save(chart, file);
    }

    /** "5-5.6", "5.6-6.2", ...: each class's range, to three significant figures. */
    static List<String> rangeLabels(ParameterClasses ranges) {
        double[] edges = ranges.edges();
        List<String> labels = new java.util.ArrayList<>();
        for (int c = 0; c + 1 < edges.length; c++) {
            labels.add(String.format(java.util.Locale.ROOT, "%.3g-%.3g", edges[c], edges[c + 1]));
        }
        return labels;
    }

    /** Training and validation loss per epoch (log scale). */
    public static void history(Path file, String lossLabel, double[] epochs, double[] train, double[] validation) {
        XYChart chart = new XYChartBuilder().width(800).height(560).title("Training history")
                .xAxisTitle("epoch").yAxisTitle(lossLabel).build();
        // a negative log-likelihood can be negative: a log axis only for losses that are all positive
        boolean log = java.util.stream.DoubleStream.concat(java.util.Arrays.stream(train), java.util.Arrays.stream(validation))
                .filter(Double::isFinite).allMatch(v -> v > 0);
        chart.getStyler().setYAxisLogarithmic(log);
        chart.getStyler().setMarkerSize(0);
        chart.addSeries("train", epochs, log ? positive(train) : finite(train)).setMarker(SeriesMarkers.NONE);
        chart.addSeries("validation", epochs, log ? positive(validation) : finite(validation)).setMarker(SeriesMarkers.NONE);
        save(chart, file);
    }

    /** Non-finite values as NaN (XChart leaves a gap). */
    private static double[] finite(double[] values) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.isFinite(out[i]) ? out[i] : Double.NaN;
        }
        return out;
    }

    /** Log axes cannot show zeros or NaN: floor at 1e-12. */
    private static double[] positive(double[] values) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.isFinite(out[i]) ? Math.max(out[i], 1e-12) : 1e-12;
        }
        return out;
    }

    static void save(Chart<?, ?> chart, Path file) {
        AtomicFiles.write(file, temporary -> {
            try {
                BitmapEncoder.saveBitmap(chart, temporary.toString(), BitmapEncoder.BitmapFormat.PNG);
                // XChart appends ".png" to names that lack it
                Path written = Path.of(temporary + ".png");
                if (Files.exists(written)) {
                    Files.move(written, temporary);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
