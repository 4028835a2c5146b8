package dev.quarry.rfi.detect;

import dev.quarry.rfi.sim.Radiometer;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The detectors' verdict on one footprint: which cells are flagged (the OR of all detectors), and how
 * many cells each detector flagged on its own.
 *
 * @param flagged per cell, {@link Radiometer#CELLS}
 * @param byDetector cells each detector flagged
 */
public record CellFlags(boolean[] flagged, Map<Detector, Integer> byDetector) {

    /** Copies the per-detector counts. */
    public CellFlags {
        byDetector = Collections.unmodifiableMap(new EnumMap<>(byDetector));
    }

    /** @return the number of flagged cells */
    public int count() {
        int n = 0;
        for (boolean f : flagged) {
            n += f ? 1 : 0;
        }
        return n;
    }

    /** @return the fraction of cells flagged */
    public double fraction() {
        return count() / (double) flagged.length;
    }
}
