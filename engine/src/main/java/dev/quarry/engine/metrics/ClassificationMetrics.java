package dev.quarry.engine.metrics;

/**
 * Accuracy, NLL and ECE of class probabilities against ground truth.
 *
 * @param accuracy fraction of items whose most probable class (ties: the lower class) is the truth
 * @param nll mean {@code -ln p[truth]}, with p clamped below at {@link #PROBABILITY_FLOOR}
 * @param ece expected calibration error over {@link #ECE_BINS} equal-width confidence bins
 */
public record ClassificationMetrics(double accuracy, double nll, double ece) {

    /** The number of confidence bins for ECE. */
    public static final int ECE_BINS = 15;

    /** Probabilities are clamped to at least this before the log, so a confident mistake costs at most ~27.6 nats. */
    public static final double PROBABILITY_FLOOR = 1e-12;

    /**
     * Computes the metrics.
     *
     * @param probabilities row-major {@code (N, C)}
     * @param numClasses C
     * @param truth N labels in {@code [0, C)}
     * @return the metrics
     * @throws IllegalArgumentException for mismatched sizes or non-finite probabilities
     */
    public static ClassificationMetrics of(float[] probabilities, int numClasses, int[] truth) {
        int n = truth.length;
        if (n == 0 || probabilities.length != (long) n * numClasses) {
            throw new IllegalArgumentException("Expected " + n + " × " + numClasses + " probabilities for " + n
                    + " labels, got " + probabilities.length + " values.");
        }
        int correct = 0;
        double nll = 0;
        double[] binConfidence = new double[ECE_BINS];
        double[] binCorrect = new double[ECE_BINS];
        int[] binCount = new int[ECE_BINS];
        for (int i = 0; i < n; i++) {
            int base = i * numClasses;
            int best = 0;
            for (int c = 0; c < numClasses; c++) {
                float p = probabilities[base + c];
                if (!Float.isFinite(p)) {
                    throw new IllegalArgumentException("Probability of item " + i + ", class " + c + " is " + p + ".");
                }
                if (p > probabilities[base + best]) {
                    best = c;
                }
            }
            boolean hit = best == truth[i];
            correct += hit ? 1 : 0;
            nll -= Math.log(Math.max(PROBABILITY_FLOOR, probabilities[base + truth[i]]));
            double confidence = probabilities[base + best];
            int bin = Math.min(ECE_BINS - 1, Math.max(0, (int) Math.ceil(confidence * ECE_BINS) - 1));
            binConfidence[bin] += confidence;
            binCorrect[bin] += hit ? 1 : 0;
            binCount[bin]++;
        }
        double ece = 0;
        for (int b = 0; b < ECE_BINS; b++) {
            if (binCount[b] > 0) {
                ece += Math.abs(binCorrect[b] - binConfidence[b]) / n;
            }
        }
        return new ClassificationMetrics((double) correct / n, nll / n, ece);
    }
}
