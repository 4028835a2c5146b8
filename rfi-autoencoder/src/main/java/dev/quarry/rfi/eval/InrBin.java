package dev.quarry.rfi.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A 5 dB bin of combined INR, or the clean footprints.
 *
 * @param low lower edge, dB (inclusive); negative infinity for clean
 * @param high upper edge, dB (exclusive)
 */
public record InrBin(double low, double high) {

    /** The bin of clean footprints. */
    public static final InrBin CLEAN = new InrBin(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);
    private static final double WIDTH = 5;
    private static final double FIRST = -30;
    private static final double LAST = 10;

    /**
     * The bin of a footprint.
     *
     * @param inrDb its combined INR, negative infinity when clean
     * @return its bin; combined INRs above +10 dB (several strong sources) go to the top bin
     */
    public static InrBin of(double inrDb) {
        if (inrDb == Double.NEGATIVE_INFINITY) {
            return CLEAN;
        }
        double low = Math.floor((Math.min(Math.max(inrDb, FIRST), LAST - 1e-9) - FIRST) / WIDTH) * WIDTH + FIRST;
        return new InrBin(low, low + WIDTH);
    }

    /** @return every bin, clean first, then −30 … +10 dB */
    public static List<InrBin> all() {
        List<InrBin> out = new ArrayList<>();
        out.add(CLEAN);
        for (double low = FIRST; low < LAST; low += WIDTH) {
            out.add(new InrBin(low, low + WIDTH));
        }
        return out;
    }

    /** @return whether this is the clean bin */
    public boolean isClean() {
        return this.equals(CLEAN);
    }

    /** @return the bin's centre, dB (NaN for clean) */
    public double centre() {
        return isClean() ? Double.NaN : (low + high) / 2;
    }

    @Override
    public String toString() {
        return isClean() ? "clean" : String.format(Locale.ROOT, "[%.0f,%.0f)", low, high);
    }
}
