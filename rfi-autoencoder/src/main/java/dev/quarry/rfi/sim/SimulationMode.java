package dev.quarry.rfi.sim;

import java.util.Locale;

/** How a footprint is simulated. */
public enum SimulationMode {
    /**
     * Complex baseband at 24 MS/s through a 16-channel channelizer: realistic statistics, kurtosis and
     * Stokes cross-correlation; about 0.1 s per footprint, for detector validation.
     */
    IQ,
    /**
     * Each cell drawn as {@code (Tsys + ΔT) · Gamma(N, 1/N)} from the emitters' expected power: fast, for
     * training volume; no kurtosis, Gaussian Stokes noise.
     */
    FAST;

    /**
     * Parses a mode.
     *
     * @param name {@code iq} or {@code fast}, any case
     * @return the mode
     */
    public static SimulationMode parse(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "iq" -> IQ;
            case "fast" -> FAST;
            default -> throw new IllegalArgumentException("Unknown simulation mode '" + name + "'; known: iq, fast.");
        };
    }
}
