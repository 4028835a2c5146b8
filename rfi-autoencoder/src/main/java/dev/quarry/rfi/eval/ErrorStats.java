package dev.quarry.rfi.eval;

/**
 * Footprint T_B errors of one method over a group of footprint-polarizations.
 *
 * @param count estimates (lost polarizations excluded)
 * @param bias mean of estimate − truth, K
 * @param rmse root mean square error, K
 * @param residualOver2K fraction of estimates more than 2 K above the truth (RFI left in the output)
 */
public record ErrorStats(int count, double bias, double rmse, double residualOver2K) {

    /**
     * Accumulates errors.
     *
     * @param errors estimate − truth per footprint-polarization; NaN entries (lost) are skipped
     * @return the statistics (NaN when nothing is left)
     */
    public static ErrorStats of(double[] errors) {
        int n = 0;
        double sum = 0;
        double squares = 0;
        int over = 0;
        for (double e : errors) {
            if (Double.isNaN(e)) {
                continue;
            }
            n++;
            sum += e;
            squares += e * e;
            over += e > 2 ? 1 : 0;
        }
        return n == 0 ? new ErrorStats(0, Double.NaN, Double.NaN, Double.NaN)
                : new ErrorStats(n, sum / n, Math.sqrt(squares / n), over / (double) n);
    }
}
