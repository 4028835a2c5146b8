package dev.quarry.bayesian;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * BatchBALD's running description of the labels already in the batch: K configurations
 * {@code y_1..y_b}, each with a column over the T MC passes proportional to {@code p(y_1..y_b | w_t)}
 * (normalized to sum 1, to stay clear of underflow), a weight {@code v_k} and the constant part of
 * the joint entropy.
 *
 * <p>While {@code C^b <= maxConfigs} the configurations are enumerated and the joint entropy is
 * exact: {@code H(y_1..y_b, y) = H(y_1..y_b) + sum_k p(k) H(y | k)}. Beyond that, {@code maxConfigs}
 * configurations are sampled from the joint (a pass t uniformly, then each label from its pass-t
 * distribution) and {@code H ≈ mean_m[-log p(ŷ_m)] + mean_m H(y | ŷ_m)}. Held on the host: at most
 * T × maxConfigs numbers.
 */
final class JointConfigurations {

    private final int passes;
    private final int maxConfigs;
    private final SplittableRandom random;
    private final List<double[][]> picked = new ArrayList<>();

    /** columns[t][k], each column summing to 1 over t. */
    private double[][] columns;
    private double[] weights;
    private double constant;

    /** Sampled mode: the pass each sample was drawn under, and log p(ŷ_m). */
    private int[] samplePass;
    private double[] sampleLogProbability;

    JointConfigurations(int passes, int maxConfigs, SplittableRandom random) {
        this.passes = passes;
        this.maxConfigs = maxConfigs;
        this.random = random;
        columns = new double[passes][1];
        for (int t = 0; t < passes; t++) {
            columns[t][0] = 1.0 / passes;
        }
        weights = new double[] {1.0};
        constant = 0;
    }

    /** Normalized columns, {@code (T, K)}, row-major. */
    double[] columnsRowMajor() {
        int k = weights.length;
        double[] out = new double[passes * k];
        for (int t = 0; t < passes; t++) {
            System.arraycopy(columns[t], 0, out, t * k, k);
        }
        return out;
    }

    int size() {
        return weights.length;
    }

    double[] weights() {
        return weights;
    }

    /** The part of the joint entropy that does not depend on the candidate. */
    double constant() {
        return constant;
    }

    boolean isSampled() {
        return samplePass != null;
    }

    /**
     * Adds a picked item's labels to the configurations.
     *
     * @param q the item's MC probabilities {@code q[t][c]} under the shared masks
     */
    void add(double[][] q) {
        picked.add(q);
        int classes = q[0].length;
        if (isSampled()) {
            extendSamples(q);
        } else if ((long) weights.length * classes > maxConfigs) {
            drawSamples();
        } else {
            enumerate(q);
        }
    }

    /** Exact: every old configuration k times every label c of the new item. */
    private void enumerate(double[][] q) {
        int k = weights.length;
        int classes = q[0].length;
        double[][] next = new double[passes][k * classes];
        double[] mass = new double[k * classes];
        for (int t = 0; t < passes; t++) {
            for (int j = 0; j < k; j++) {
                // Unnormalize with the old weight: p(k | w_t) = columns[t][j] * T * w_j.
                double old = columns[t][j] * passes * weights[j];
                for (int c = 0; c < classes; c++) {
                    double v = old * q[t][c];
                    next[t][j * classes + c] = v;
                    mass[j * classes + c] += v;
                }
            }
        }
        double[] w = new double[k * classes];
        double entropy = 0;
        for (int j = 0; j < w.length; j++) {
            w[j] = mass[j] / passes;
            if (w[j] > 0) {
                entropy -= w[j] * Math.log(w[j]);
                for (int t = 0; t < passes; t++) {
                    next[t][j] /= mass[j];
                }
            }
        }
        columns = next;
        weights = w;
        constant = entropy;
    }

    /** Switches to sampled configurations of everything picked so far. */
    private void drawSamples() {
        int m = maxConfigs;
        samplePass = new int[m];
        sampleLogProbability = new double[m];
        double[][] logColumns = new double[passes][m];
        for (int s = 0; s < m; s++) {
            int pass = random.nextInt(passes);
            samplePass[s] = pass;
            for (double[][] q : picked) {
                int y = draw(q[pass]);
                for (int t = 0; t < passes; t++) {
                    logColumns[t][s] += Math.log(q[t][y]);
                }
            }
        }
        columns = new double[passes][m];
        for (int s = 0; s < m; s++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int t = 0; t < passes; t++) {
                max = Math.max(max, logColumns[t][s]);
            }
            double sum = 0;
            for (int t = 0; t < passes; t++) {
                columns[t][s] = Math.exp(logColumns[t][s] - max);
                sum += columns[t][s];
            }
            for (int t = 0; t < passes; t++) {
                columns[t][s] /= sum;
            }
            sampleLogProbability[s] = max + Math.log(sum) - Math.log(passes);
        }
        refreshSampledWeights();
    }

    /** Extends every sample with a label of the new item drawn under the sample's pass. */
    private void extendSamples(double[][] q) {
        for (int s = 0; s < samplePass.length; s++) {
            int y = draw(q[samplePass[s]]);
            double sum = 0;
            for (int t = 0; t < passes; t++) {
                columns[t][s] *= q[t][y];
                sum += columns[t][s];
            }
            for (int t = 0; t < passes; t++) {
                columns[t][s] /= sum;
            }
            sampleLogProbability[s] += Math.log(sum);
        }
        refreshSampledWeights();
    }

    private void refreshSampledWeights() {
        int m = samplePass.length;
        weights = new double[m];
        double minusLog = 0;
        for (int s = 0; s < m; s++) {
            weights[s] = 1.0 / m;
            minusLog -= sampleLogProbability[s];
        }
        constant = minusLog / m;
    }

    private int draw(double[] distribution) {
        double u = random.nextDouble();
        double sum = 0;
        for (double v : distribution) {
            sum += v;
        }
        double target = u * sum;
        double cumulative = 0;
        int last = 0;
        for (int c = 0; c < distribution.length; c++) {
            if (distribution[c] > 0) {
                last = c;
                cumulative += distribution[c];
                if (target < cumulative) {
                    return c;
                }
            }
        }
        return last;
    }
}
