package dev.quarry.rfi.eval;

/**
 * Per-cell detection counts against the ground truth (a cell is contaminated above 1 K of RFI).
 *
 * @param truePositives flagged and contaminated
 * @param falsePositives flagged, clean
 * @param falseNegatives missed contamination
 * @param trueNegatives clean and kept
 */
public record CellCounts(long truePositives, long falsePositives, long falseNegatives, long trueNegatives) {

    /** No cells. */
    public static final CellCounts NONE = new CellCounts(0, 0, 0, 0);

    /**
     * Counts one footprint's cells.
     *
     * @param flagged the detector's flags
     * @param contaminated the truth
     * @return the counts
     */
    public static CellCounts of(boolean[] flagged, boolean[] contaminated) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long tn = 0;
        for (int i = 0; i < flagged.length; i++) {
            if (flagged[i]) {
                if (contaminated[i]) {
                    tp++;
                } else {
                    fp++;
                }
            } else if (contaminated[i]) {
                fn++;
            } else {
                tn++;
            }
        }
        return new CellCounts(tp, fp, fn, tn);
    }

    /** @param other more counts @return the sums */
    public CellCounts plus(CellCounts other) {
        return new CellCounts(truePositives + other.truePositives, falsePositives + other.falsePositives,
                falseNegatives + other.falseNegatives, trueNegatives + other.trueNegatives);
    }

    /** @return TP / (TP + FP), NaN when nothing was flagged */
    public double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    /** @return TP / (TP + FN), NaN without contaminated cells */
    public double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    /** @return the harmonic mean of precision and recall */
    public double f1() {
        return ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
    }

    /** @return FP / (FP + TN): clean cells flagged */
    public double falseAlarmRate() {
        return ratio(falsePositives, falsePositives + trueNegatives);
    }

    /** @return the fraction of all cells not flagged */
    public double retained() {
        return ratio(falseNegatives + trueNegatives, truePositives + falsePositives + falseNegatives + trueNegatives);
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? Double.NaN : numerator / (double) denominator;
    }
}
