package dev.quarry.rfi.eval;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The report's numbers for one RFI type (or {@code all}) and INR bin.
 *
 * @param type {@code all}, {@code clean} or an RFI type
 * @param bin the INR bin
 * @param footprints how many footprints
 * @param smap SMAP-like detection counts
 * @param autoencoder autoencoder-residual detection counts
 * @param usable fraction of footprint-polarizations flag-and-discard keeps (≥ 2 unflagged cells)
 * @param errors T_B errors per method
 * @param floorKelvin RMS footprint NEDT of the group, K
 */
public record SummaryRow(String type, InrBin bin, int footprints, CellCounts smap, CellCounts autoencoder,
        double usable, Map<Method, ErrorStats> errors, double floorKelvin) {

    /** Copies the map. */
    public SummaryRow {
        errors = Collections.unmodifiableMap(new EnumMap<>(errors));
    }
}
