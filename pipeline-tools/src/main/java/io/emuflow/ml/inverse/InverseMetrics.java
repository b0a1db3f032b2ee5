package io.emuflow.ml.inverse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accuracy figures of predicted parameters, with the conventions of scikit-learn so that they compare with
 * the Keras/sklearn baselines: R^2 = 1 - SS_res / SS_tot around the mean of the true values; macro precision,
 * recall and F1 average the per-class figures over the classes present in the truth or the predictions, a
 * class never predicted having precision 0 (sklearn's zero_division = 0), and macro F1 is the mean of the
 * per-class F1 (not the F1 of the macro precision and recall).
 */
public final class InverseMetrics {
    private InverseMetrics() {}

    /**
     * RMSE, MAE, MSE and R^2 of predictions against true values, and the two figures of the 3D CNN reference
     * (Pan et al. 2020, arXiv:1908.10590): the mean and the standard deviation (numpy's, ddof = 0) of true - predicted.
     */
    public static Map<String, Double> regression(double[] truth, double[] predicted) {
        check(truth.length, predicted.length);
        int n = truth.length;
        double mean = 0;
        for (double t : truth) {
            mean += t / n;
        }
        double squared = 0;
        double absolute = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double d = predicted[i] - truth[i];
            squared += d * d;
            absolute += Math.abs(d);
            total += (truth[i] - mean) * (truth[i] - mean);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("rmse", Math.sqrt(squared / n));
        out.put("mae", absolute / n);
        out.put("mse", squared / n);
        // constant truth: sklearn gives 1 for a perfect prediction and 0 otherwise
        out.put("r2", total > 0 ? 1 - squared / total : squared == 0 ? 1.0 : 0.0);
        double bias = 0;
        for (int i = 0; i < n; i++) {
            bias += (truth[i] - predicted[i]) / n;
        }
        double spread = 0;
        for (int i = 0; i < n; i++) {
            double e = truth[i] - predicted[i] - bias;
            spread += e * e / n;
        }
        out.put("mean_error", bias);
        out.put("std_error", Math.sqrt(spread));
        return out;
    }

    /** Confusion matrix, rows = true class, columns = predicted class. */
    public static long[][] confusion(int[] truth, int[] predicted, int classes) {
        check(truth.length, predicted.length);
        long[][] m = new long[classes][classes];
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 0 || truth[i] >= classes || predicted[i] < 0 || predicted[i] >= classes) {
                throw new IllegalArgumentException("sample " + i + " has class " + truth[i] + " / " + predicted[i] + " outside 0.." + (classes - 1));
            }
            m[truth[i]][predicted[i]]++;
        }
        return m;
    }

    /** Accuracy, macro precision / recall / F1 and the rate within one class, from a confusion matrix. */
    public static Map<String, Double> classification(long[][] confusion) {
        int k = confusion.length;
        long n = 0;
        long correct = 0;
        long withinOne = 0;
        long[] truePerClass = new long[k];
        long[] predictedPerClass = new long[k];
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                long c = confusion[t][p];
                n += c;
                truePerClass[t] += c;
                predictedPerClass[p] += c;
                if (t == p) {
                    correct += c;
                }
                if (Math.abs(t - p) <= 1) {
                    withinOne += c;
                }
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("the confusion matrix is empty");
        }
        double precision = 0;
        double recall = 0;
        double f1 = 0;
        int labels = 0;
        for (int c = 0; c < k; c++) {
            if (truePerClass[c] == 0 && predictedPerClass[c] == 0) {
                continue;
            }
            labels++;
            double tp = confusion[c][c];
            double pc = predictedPerClass[c] == 0 ? 0 : tp / predictedPerClass[c];
            double rc = truePerClass[c] == 0 ? 0 : tp / truePerClass[c];
            precision += pc;
            recall += rc;
            f1 += pc + rc == 0 ? 0 : 2 * pc * rc / (pc + rc);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("accuracy", (double) correct / n);
        out.put("macro_precision", precision / labels);
        out.put("macro_recall", recall / labels);
        out.put("macro_f1", f1 / labels);
        out.put("within_one_class", (double) withinOne / n);
        return out;
    }

    private static void check(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("truth has " + a + " values, predictions " + b);
        }
        if (a == 0) {
            throw new IllegalArgumentException("no samples to score");
        }
    }
}
