package dev.quarry.bench;

import dev.quarry.bayesian.UncertaintyMeasure;

/**
 * The plain-Java baseline of the uncertainty reductions: one thread, one pass per item over a
 * row-major {@code (N, T, C)} float array, double accumulation, the same definitions as {@link
 * UncertaintyMeasure} (p clamped into [0, 1], {@code 0 ln 0 = 0}).
 */
final class PlainJavaScores {

    private PlainJavaScores() {}

    static float[] score(UncertaintyMeasure measure, float[] p, int items) {
        int t = UncertaintyReductionBenchmark.PASSES;
        int c = UncertaintyReductionBenchmark.CLASSES;
        boolean passEntropies = measure == UncertaintyMeasure.BALD; // only BALD needs a log per element
        float[] out = new float[items];
        double[] mean = new double[c];
        for (int i = 0; i < items; i++) {
            java.util.Arrays.fill(mean, 0);
            double meanPassEntropy = 0;
            int base = i * t * c;
            for (int pass = 0; pass < t; pass++) {
                double h = 0;
                for (int k = 0; k < c; k++) {
                    double v = Math.min(1, Math.max(0, p[base + pass * c + k]));
                    mean[k] += v / t;
                    if (passEntropies && v > 0) {
                        h -= v * Math.log(v);
                    }
                }
                meanPassEntropy += h / t;
            }
            switch (measure) {
                case BALD:
                    out[i] = (float) (entropy(mean) - meanPassEntropy);
                    break;
                case ENTROPY:
                    out[i] = (float) entropy(mean);
                    break;
                case MARGIN:
                    out[i] = (float) margin(mean);
                    break;
                default:
                    throw new IllegalArgumentException("No plain-Java baseline for " + measure);
            }
        }
        return out;
    }

    private static double entropy(double[] p) {
        double h = 0;
        for (double v : p) {
            h -= v > 0 ? v * Math.log(v) : 0;
        }
        return h;
    }

    private static double margin(double[] p) {
        double first = Double.NEGATIVE_INFINITY;
        double second = Double.NEGATIVE_INFINITY;
        for (double v : p) {
            if (v > first) {
                second = first;
                first = v;
            } else if (v > second) {
                second = v;
            }
        }
        return -(first - second);
    }
}
