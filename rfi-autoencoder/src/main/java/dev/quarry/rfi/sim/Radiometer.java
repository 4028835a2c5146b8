package dev.quarry.rfi.sim;

/**
 * The SMAP-like radiometer's fixed layout: a 24 MHz band sampled at 24 MS/s, 16 sub-bands of 1.5 MHz
 * integrated over 1.2 ms packets (8 per footprint), 32 full-band samples of 0.3 ms, two linear
 * polarizations (V, H). A footprint lasts 9.6 ms.
 *
 * <p>Cells are indexed {@code (polarization · CHANNELS + channel) · PACKETS + packet}, full-band
 * samples {@code polarization · FULL_BAND_SAMPLES + sample}; channel 0 is the lowest frequency.
 *
 * <h2>References</h2>
 * Piepmeier et al., "Radio-Frequency Interference Mitigation for the Soil Moisture Active Passive
 * Microwave Radiometer", IEEE TGRS 52(1), 2014.
 */
public final class Radiometer {

    /** V and H. */
    public static final int POLARIZATIONS = 2;
    /** Sub-bands across the 24 MHz band. */
    public static final int CHANNELS = 16;
    /** 1.2 ms packets per footprint. */
    public static final int PACKETS = 8;
    /** 0.3 ms full-band samples per footprint. */
    public static final int FULL_BAND_SAMPLES = 32;
    /** Cells per polarization. */
    public static final int CELLS_PER_POLARIZATION = CHANNELS * PACKETS;
    /** Cells per footprint. */
    public static final int CELLS = POLARIZATIONS * CELLS_PER_POLARIZATION;

    /** Complex baseband sample rate, samples/s. */
    public static final double SAMPLE_RATE = 24e6;
    /** Width of one sub-band, Hz. */
    public static final double CHANNEL_WIDTH = SAMPLE_RATE / CHANNELS;
    /** Complex samples per footprint and polarization. */
    public static final int SAMPLES = 230_400;
    /** Complex samples per packet. */
    public static final int SAMPLES_PER_PACKET = SAMPLES / PACKETS;
    /** Complex samples per full-band sample. */
    public static final int SAMPLES_PER_FULL_BAND = SAMPLES / FULL_BAND_SAMPLES;
    /** Channelizer outputs per cell: the 16-point transform runs on blocks of 16 samples. */
    public static final int BLOCKS_PER_CELL = SAMPLES_PER_PACKET / CHANNELS;
    /** Footprint duration, seconds. */
    public static final double FOOTPRINT_SECONDS = SAMPLES / SAMPLE_RATE;

    /** Bandwidth-time product of a sub-band cell (1.5 MHz × 1.2 ms): σ = Tsys / 42.4. */
    public static final int CELL_BANDWIDTH_TIME = 1800;
    /** Bandwidth-time product of a full-band sample (24 MHz × 0.3 ms): σ = Tsys / 84.9. */
    public static final int FULL_BAND_BANDWIDTH_TIME = 7200;
    /** Bandwidth-time product of a whole footprint (24 MHz × 9.6 ms): σ = Tsys / 480. */
    public static final int FOOTPRINT_BANDWIDTH_TIME = 230_400;

    private Radiometer() {}

    /**
     * The index of a cell.
     *
     * @param polarization 0 = V, 1 = H
     * @param channel sub-band, 0 = lowest frequency
     * @param packet 1.2 ms packet
     * @return its index in a cell array
     */
    public static int cell(int polarization, int channel, int packet) {
        return (polarization * CHANNELS + channel) * PACKETS + packet;
    }

    /**
     * The centre of a sub-band as a baseband frequency.
     *
     * @param channel 0 … 15
     * @return its centre in Hz, from −11.25 MHz to +11.25 MHz
     */
    public static double channelCentre(int channel) {
        return (channel - (CHANNELS - 1) / 2.0) * CHANNEL_WIDTH;
    }
}
