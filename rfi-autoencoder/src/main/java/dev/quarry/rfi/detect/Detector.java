package dev.quarry.rfi.detect;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The SMAP-like detectors, each two-sided at β standard deviations; their flags are OR-ed per cell. */
public enum Detector {
    /** Full-band samples (0.3 ms) against the footprint's median, σ = Tsys/84.9; flags the packet's cells. */
    PULSE("pulse"),
    /** Each sub-band cell against the mean across sub-bands of its 1.2 ms packet, σ = Tsys/42.4. */
    CROSS_FREQUENCY("cross-frequency"),
    /** Each sub-band's 9.6 ms mean against the mean across sub-bands, σ = Tsys/120; flags the channel. */
    CROSS_FREQUENCY_LONG("cross-frequency-9.6ms"),
    /** Full-band kurtosis of I and Q, |K − 3| &gt; β·√(24/7200); flags the packet's cells (IQ mode only). */
    KURTOSIS_FULL_BAND("kurtosis-full-band"),
    /** Sub-band kurtosis of I and Q per cell, |K − 3| &gt; β·√(24/1800) (IQ mode only). */
    KURTOSIS_SUB_BAND("kurtosis-sub-band"),
    /** |T3| or |T4| of a cell above β·√(2·T_V·T_H/1800); flags the cell in both polarizations. */
    POLARIMETRIC("polarimetric");

    private final String id;

    Detector(String id) {
        this.id = id;
    }

    /** @return the name used in reports */
    public String id() {
        return id;
    }

    /** @return whether it needs the IQ-mode kurtosis statistics */
    public boolean needsKurtosis() {
        return this == KURTOSIS_FULL_BAND || this == KURTOSIS_SUB_BAND;
    }

    /**
     * Parses a detector name.
     *
     * @param name a detector id, any case
     * @return the detector
     */
    public static Detector parse(String name) {
        for (Detector detector : values()) {
            if (detector.id.equalsIgnoreCase(name.strip())) {
                return detector;
            }
        }
        throw new IllegalArgumentException("Unknown detector '" + name + "'; known detectors: "
                + Arrays.stream(values()).map(Detector::id).collect(Collectors.joining(", ")) + ".");
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
