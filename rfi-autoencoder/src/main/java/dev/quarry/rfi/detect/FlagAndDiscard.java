package dev.quarry.rfi.detect;

import dev.quarry.rfi.sim.Footprint;
import dev.quarry.rfi.sim.Radiometer;

/**
 * SMAP's mitigation: the footprint's antenna temperature per polarization is the mean of its
 * unflagged cells; a polarization with fewer than 2 unflagged cells is lost.
 */
public final class FlagAndDiscard {

    /** Fewer unflagged cells than this lose the polarization. */
    public static final int MIN_CELLS = 2;

    private FlagAndDiscard() {}

    /**
     * The estimate.
     *
     * @param footprint the measured footprint
     * @param flagged per cell, {@link Radiometer#CELLS}
     * @return V and H estimates, K; {@code NaN} for a lost polarization
     */
    public static double[] estimate(Footprint footprint, boolean[] flagged) {
        if (flagged.length != Radiometer.CELLS) {
            throw new IllegalArgumentException("Flags for " + flagged.length + " cells; a footprint has "
                    + Radiometer.CELLS + ".");
        }
        double[] out = new double[2];
        for (int p = 0; p < 2; p++) {
            double sum = 0;
            int kept = 0;
            for (int i = p * Radiometer.CELLS_PER_POLARIZATION; i < (p + 1) * Radiometer.CELLS_PER_POLARIZATION; i++) {
                if (!flagged[i]) {
                    sum += footprint.cells()[i];
                    kept++;
                }
            }
            out[p] = kept < MIN_CELLS ? Double.NaN : sum / kept;
        }
        return out;
    }
}
