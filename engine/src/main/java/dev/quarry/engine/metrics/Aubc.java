package dev.quarry.engine.metrics;

/**
 * Area under the budget curve: the trapezoid rule over accuracy against the number of labeled
 * items, from the first evaluated point to the last, divided by that span, so a constant accuracy
 * a gives a whatever the step sizes.
 *
 * <h2>References</h2>
 * Zhan et al., "A Comparative Survey of Deep Active Learning", 2022 (AUBC as a summary of
 * learning curves).
 */
public final class Aubc {

    private Aubc() {}

    /**
     * Computes the AUBC.
     *
     * @param labeledCounts strictly increasing labeled counts
     * @param accuracies the accuracy at each count
     * @return the normalized area; the accuracy itself for a single point
     */
    public static double of(double[] labeledCounts, double[] accuracies) {
        if (labeledCounts.length == 0 || labeledCounts.length != accuracies.length) {
            throw new IllegalArgumentException(labeledCounts.length + " labeled counts and " + accuracies.length
                    + " accuracies; need the same non-zero number.");
        }
        if (labeledCounts.length == 1) {
            return accuracies[0];
        }
        double area = 0;
        for (int i = 1; i < labeledCounts.length; i++) {
            double width = labeledCounts[i] - labeledCounts[i - 1];
            if (!(width > 0)) {
                throw new IllegalArgumentException("Labeled counts must increase strictly; got " + labeledCounts[i - 1]
                        + " then " + labeledCounts[i] + ".");
            }
            area += width * (accuracies[i] + accuracies[i - 1]) / 2;
        }
        return area / (labeledCounts[labeledCounts.length - 1] - labeledCounts[0]);
    }
}
