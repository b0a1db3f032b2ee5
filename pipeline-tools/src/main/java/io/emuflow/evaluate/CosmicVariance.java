package io.emuflow.evaluate;

import io.emuflow.data.SpectrumDataset;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The CMB field's accuracy unit: an emulator's error at each multipole in units of the cosmic variance of a
 * full-sky measurement, |delta C_l| / sigma_CV(l), with sigma_CV = sqrt(2 / (2l + 1)) C_l for TT, EE and PP and
 * sqrt((C_TT C_EE + C_TE^2) / (2l + 1)) for TE (issue 23). The ratio does not change when every spectrum is
 * multiplied by the same l(l+1)/2pi, so it applies to D_l tables as they are.
 */
public final class CosmicVariance {
    /** Percentiles over samples drawn as bands and reported per multipole. */
    public static final double[] PERCENTILES = {68, 95, 99};
    /** The accuracy goal: the 99th percentile at or below 0.1 sigma_CV at every multipole. */
    public static final double GOAL = 0.1;
    private static final List<String> SPECTRA = List.of("TT", "TE", "EE", "PP");

    private CosmicVariance() {}

    /** Whether a target is measured in cosmic-variance units: a CMB spectrum on a multipole grid (and TT, EE present for TE). */
    public static boolean applies(String gridName, String target, SpectrumDataset data) {
        if (!gridName.equals("ell") || !SPECTRA.contains(target)) {
            return false;
        }
        return !target.equals("TE") || (data.targets().containsKey("TT") && data.targets().containsKey("EE"));
    }

    /** |predicted - true| / sigma_CV for each sample (row) and multipole (column). */
    public static double[][] ratio(String target, double[] ell, double[][] truth, double[][] predicted, SpectrumDataset data) {
        double[][] tt = target.equals("TE") ? data.target("TT").values() : null;
        double[][] ee = target.equals("TE") ? data.target("EE").values() : null;
        double[][] out = new double[truth.length][ell.length];
        for (int i = 0; i < truth.length; i++) {
            for (int j = 0; j < ell.length; j++) {
                double modes = 2 * ell[j] + 1;
                double sigma = target.equals("TE")
                        ? Math.sqrt((tt[i][j] * ee[i][j] + truth[i][j] * truth[i][j]) / modes)
                        : Math.sqrt(2 / modes) * Math.abs(truth[i][j]);
                out[i][j] = Math.abs(predicted[i][j] - truth[i][j]) / sigma;
            }
        }
        return out;
    }

    /** Per-multipole percentile bands (p68, p95, p99), the worst p99 and where, and whether the goal holds. */
    public static Map<String, Object> summary(double[][] ratio, double[] ell) {
        Map<String, Object> out = new LinkedHashMap<>();
        double[] p99 = null;
        for (double p : PERCENTILES) {
            double[] band = ErrorStatistics.band(ratio, p);
            out.put("p" + (int) p, band);
            p99 = band;
        }
        int worst = 0;
        for (int j = 1; j < p99.length; j++) {
            if (p99[j] > p99[worst]) {
                worst = j;
            }
        }
        out.put("max_p99", p99[worst]);
        out.put("ell_of_max_p99", ell[worst]);
        out.put("goal", GOAL);
        out.put("goal_met", p99[worst] <= GOAL);
        return out;
    }

    /** The bands against l (log-log), with the 0.1 sigma_CV goal as a dotted line. */
    public static void plot(Path file, String title, double[] ell, Map<String, double[]> bands) {
        XYChart chart = new XYChartBuilder().width(800).height(560).title(title).xAxisTitle("ell")
                .yAxisTitle("|pred - true| / sigma_CV").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        double[] all = {GOAL};
        for (Map.Entry<String, double[]> band : bands.entrySet()) {
            double[] y = band.getValue().clone();
            for (int j = 0; j < y.length; j++) {
                y[j] = Math.max(y[j], 1e-6); // a log axis cannot show an exact zero
            }
            chart.addSeries(band.getKey(), ell, y).setMarker(SeriesMarkers.NONE);
            all = concat(all, y);
        }
        XYSeries goal = chart.addSeries(GOAL + " sigma_CV goal", new double[] {ell[0], ell[ell.length - 1]}, new double[] {GOAL, GOAL});
        goal.setMarker(SeriesMarkers.NONE);
        goal.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 4f}, 0f));
        goal.setLineColor(Color.GRAY);
        double[] range = Plots.decadeRange(all);
        chart.getStyler().setYAxisMin(range[0]);
        chart.getStyler().setYAxisMax(range[1]);
        Plots.save(file, BitmapEncoder.getBufferedImage(chart)); // temporary name + rename
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
