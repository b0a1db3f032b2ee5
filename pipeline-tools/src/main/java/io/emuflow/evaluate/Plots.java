package io.emuflow.evaluate;

import io.emuflow.data.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plots of an evaluation, drawn headless with XChart, as a paper draft wants them: axis labels with units,
 * relative errors in percent on log axes spanning whole decades (so every decade is labelled), the same colour
 * for a split in every plot, a ratio panel under true-vs-predicted spectra, and reference lines at 0.1% and 1%.
 */
public final class Plots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Reference levels of |relative error| drawn on error plots, in percent (the emulator accuracy goals of the studies). */
    public static final double[] REFERENCE_PERCENT = {0.1, 1.0};

    private static final Map<String, Color> SPLIT_COLOURS = Map.of(
            "train", new Color(0x1f77b4), "validation", new Color(0xff7f0e), "test", new Color(0x2ca02c));
    private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
    private static final BasicStroke DOTTED = new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f);

    private Plots() {}

    /** A line: x values, y values and a legend label. */
    public record Line(String label, double[] x, double[] y, boolean dashed) {}

    /** One sample's true and predicted spectrum, from one split. */
    public record Pair(String label, String split, double[] x, double[] truth, double[] predicted) {}

    /** The colour of a split (train, validation, test), the same in every plot; grey for anything else. */
    public static Color colourOf(String split) {
        return SPLIT_COLOURS.getOrDefault(split, Color.DARK_GRAY);
    }

    public static void history(Path file, double[] epochs, double[] train, double[] validation) {
        XYChart chart = chart("Training history", "epoch", "loss (MSE of standardised targets)", false, true, 800, 560);
        add(chart, new Line("train", epochs, train, false)).setLineColor(colourOf("train"));
        add(chart, new Line("validation", epochs, validation, false)).setLineColor(colourOf("validation"));
        decades(chart, concat(train, validation));
        save(file, BitmapEncoder.getBufferedImage(chart));
    }

    /**
     * True (solid) against predicted (dashed) spectra on log-log axes, and under them a panel of predicted/true - 1
     * in percent.
     *
     * @param yLabel the quantity with its unit, e.g. "P_nl(k) [Mpc^3]"
     */
    public static void spectra(Path file, String title, String xLabel, String yLabel, List<Pair> pairs) {
        XYChart main = chart(title, "", yLabel, true, true, 800, 460);
        XYChart ratio = chart("", xLabel, "pred / true - 1 [%]", true, false, 800, 220);
        ratio.getStyler().setLegendVisible(false);
        double[] all = new double[0];
        for (Pair p : pairs) {
            Color colour = colourOf(p.split());
            add(main, new Line(p.label() + " true", p.x(), p.truth(), false)).setLineColor(colour);
            add(main, new Line(p.label() + " predicted", p.x(), p.predicted(), true)).setLineColor(colour.darker());
            double[] percent = new double[p.x().length];
            for (int i = 0; i < percent.length; i++) {
                percent[i] = 100 * (p.predicted()[i] / p.truth()[i] - 1);
            }
            add(ratio, new Line(p.label(), p.x(), percent, false)).setLineColor(colour);
            all = concat(all, p.truth(), p.predicted());
        }
        if (pairs.size() > 0) {
            double[] x = pairs.get(0).x();
            for (double level : REFERENCE_PERCENT) {
                for (double sign : new double[] {-1, 1}) {
                    XYSeries ref = ratio.addSeries((sign > 0 ? "+" : "-") + level + "%", new double[] {x[0], x[x.length - 1]},
                            new double[] {sign * level, sign * level});
                    ref.setMarker(SeriesMarkers.NONE);
                    ref.setLineStyle(DOTTED);
                    ref.setLineColor(Color.GRAY);
                }
            }
        }
        decades(main, all);
        save(file, stack(BitmapEncoder.getBufferedImage(main), BitmapEncoder.getBufferedImage(ratio)));
    }

    /**
     * Percentile bands of |relative error| against the grid, in percent, with dotted reference lines at 0.1% and 1%.
     *
     * @param bands fractions (0.001 = 0.1%), keyed "split pNN" or "split target pNN"
     */
    public static void errorBands(Path file, String title, String xLabel, double[] x, Map<String, double[]> bands) {
        XYChart chart = chart(title, xLabel, "|pred / true - 1| [%]", true, true, 800, 560);
        double[] all = new double[0];
        for (Map.Entry<String, double[]> band : bands.entrySet()) {
            double[] percent = floor(band.getValue());
            for (int i = 0; i < percent.length; i++) {
                percent[i] *= 100;
            }
            String split = band.getKey().split(" ")[0];
            XYSeries s = add(chart, new Line(band.getKey(), x, percent, false));
            s.setLineColor(shade(colourOf(split), band.getKey()));
            all = concat(all, percent);
        }
        for (double level : REFERENCE_PERCENT) {
            XYSeries ref = chart.addSeries(level + "% reference", new double[] {x[0], x[x.length - 1]}, new double[] {level, level});
            ref.setMarker(SeriesMarkers.NONE);
            ref.setLineStyle(DOTTED);
            ref.setLineColor(Color.GRAY);
            all = concat(all, new double[] {level});
        }
        decades(chart, all);
        save(file, BitmapEncoder.getBufferedImage(chart));
    }

    private static XYChart chart(String title, String x, String y, boolean logX, boolean logY, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        return chart;
    }

    private static XYSeries add(XYChart chart, Line line) {
        XYSeries series = chart.addSeries(line.label(), line.x(), line.y());
        series.setMarker(SeriesMarkers.NONE);
        if (line.dashed()) {
            series.setLineStyle(DASHED);
        }
        return series;
    }

    /** A log axis spanning whole decades, at least two, so that at least three decade ticks carry labels. */
    static double[] decadeRange(double[] values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (v > 0 && Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (!(lo <= hi)) {
            return new double[] {1e-3, 1e1};
        }
        double a = Math.floor(Math.log10(lo));
        double b = Math.ceil(Math.log10(hi));
        if (b - a < 2) {
            b = a + 2;
        }
        return new double[] {Math.pow(10, a), Math.pow(10, b)};
    }

    private static void decades(XYChart chart, double[] values) {
        double[] range = decadeRange(values);
        chart.getStyler().setYAxisMin(range[0]);
        chart.getStyler().setYAxisMax(range[1]);
    }

    /** Lighter for low percentiles, darker for high ones, in the split's colour. */
    private static Color shade(Color base, String key) {
        if (key.endsWith("p50")) {
            return base.brighter();
        }
        return key.endsWith("p99") || key.endsWith("p100") ? base.darker() : base;
    }

    /** Log axes cannot show zeros: floor errors at 1e-8. */
    private static double[] floor(double[] values) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(out[i], 1e-8);
        }
        return out;
    }

    private static double[] concat(double[]... arrays) {
        return java.util.Arrays.stream(arrays).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private static BufferedImage stack(BufferedImage top, BufferedImage bottom) {
        BufferedImage out = new BufferedImage(Math.max(top.getWidth(), bottom.getWidth()), top.getHeight() + bottom.getHeight(),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(top, 0, 0, null);
        g.drawImage(bottom, 0, top.getHeight(), null);
        g.dispose();
        return out;
    }

    static void save(Path file, BufferedImage image) {
        AtomicFiles.write(file, temporary -> {
            try (var out = Files.newOutputStream(temporary)) {
                if (!ImageIO.write(image, "png", out)) {
                    throw new IOException("no PNG writer");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
