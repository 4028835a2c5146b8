package dev.quarry.rfi.sim;

import dev.quarry.engine.data.Shuffle;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * A 5G NR downlink carrier (numerology 0): OFDM with 15 kHz subcarriers, which at 24 MS/s is a
 * 1 600-point transform per symbol, 14 symbols per 1 ms slot with cyclic prefixes of 122 samples
 * (symbols 0 and 7) and 113, so a slot is exactly 24 000 samples. A 5, 10 or 20 MHz channel occupies
 * 25, 52 or 106 resource blocks of 12 subcarriers; each slot fills a random subset of them (its
 * load) with unit-power QAM. A TDD pattern such as {@code DDDSU} gives the time structure: downlink
 * slots transmit all 14 symbols, special slots the first 10, uplink slots nothing (the base station
 * is silent). The carrier sits fully in the band, across a band edge, or just outside it, where only
 * its out-of-band emission floor (30–45 dB below the carrier's density, over an adjacent channel of
 * the same width) reaches the radiometer. Only subcarriers inside ±12 MHz are synthesized: the
 * receiver's band filter removes the rest.
 *
 * <p>The 1 600-point inverse transform uses JTransforms, as Commons Math only transforms powers of 2.
 *
 * <h2>References</h2>
 * 3GPP TS 38.211 (NR physical channels and modulation), §4–5; TS 38.104 (base station ACLR).
 */
public final class FiveGDownlink extends MappedEmitter {

    /** Where the carrier sits relative to the radiometer's band. */
    public enum Placement {
        /** The whole carrier inside ±12 MHz. */
        IN_BAND,
        /** Straddling +12 or −12 MHz. */
        BAND_EDGE,
        /** Outside the band; only the emission floor enters it. */
        OUT_OF_BAND
    }

    static final int FFT = 1600;
    static final int SYMBOLS_PER_SLOT = 14;
    static final int SPECIAL_SLOT_DOWNLINK_SYMBOLS = 10;
    static final int SLOT_SAMPLES = 24_000;
    private static final int SUBCARRIERS_PER_BLOCK = 12;
    private static final int BAND_EDGE_BIN = FFT / 2;
    private static final String[] TDD_PATTERNS = {"DDDSU", "DDDDDDDSUU", "DDSUU"};

    private final int resourceBlocks;
    private final int centreBin;
    private final Placement placement;
    private final int modulationOrder;
    private final String tddPattern;
    private final int slotOffsetSamples;
    private final int patternPhase;
    private final boolean[][] activeBlocks;
    private final double floorDb;
    private final long dataSeed;

    /**
     * A carrier.
     *
     * @param resourceBlocks 25, 52 or 106 (5, 10, 20 MHz)
     * @param centreBin carrier centre in 15 kHz steps from the band centre
     * @param placement where it sits (decides whether the emission floor is modelled)
     * @param modulationOrder 4, 16 or 64 (QPSK, 16-QAM, 64-QAM)
     * @param tddPattern slot types, each D, S or U
     * @param slotOffsetSamples where the footprint starts within the first slot, in [0, 24 000)
     * @param patternPhase which pattern position the first slot takes
     * @param activeBlocks per slot overlapping the footprint, which resource blocks carry data
     * @param floorDb emission floor below the carrier's density, dB (used for {@code OUT_OF_BAND})
     * @param dataSeed seed for the QAM symbols and the floor's noise
     */
    public FiveGDownlink(int resourceBlocks, int centreBin, Placement placement, int modulationOrder, String tddPattern,
            int slotOffsetSamples, int patternPhase, boolean[][] activeBlocks, double floorDb, long dataSeed) {
        super(RfiType.FIVE_G);
        if (resourceBlocks != 25 && resourceBlocks != 52 && resourceBlocks != 106) {
            throw new IllegalArgumentException("NR resource blocks " + resourceBlocks
                    + " must be 25, 52 or 106 (5, 10 or 20 MHz at 15 kHz).");
        }
        if (modulationOrder != 4 && modulationOrder != 16 && modulationOrder != 64) {
            throw new IllegalArgumentException("QAM order " + modulationOrder + " must be 4, 16 or 64.");
        }
        if (tddPattern.isEmpty() || !tddPattern.matches("[DSU]+")) {
            throw new IllegalArgumentException("TDD pattern '" + tddPattern + "' must be letters D, S and U.");
        }
        if (slotOffsetSamples < 0 || slotOffsetSamples >= SLOT_SAMPLES) {
            throw new IllegalArgumentException("Slot offset " + slotOffsetSamples + " must be in [0, 24000).");
        }
        int slots = slotsCovering(slotOffsetSamples);
        if (activeBlocks.length != slots) {
            throw new IllegalArgumentException("Resource-block masks for " + activeBlocks.length
                    + " slots given; the footprint overlaps " + slots + ".");
        }
        this.resourceBlocks = resourceBlocks;
        this.centreBin = centreBin;
        this.placement = placement;
        this.modulationOrder = modulationOrder;
        this.tddPattern = tddPattern;
        this.slotOffsetSamples = slotOffsetSamples;
        this.patternPhase = Math.floorMod(patternPhase, tddPattern.length());
        this.activeBlocks = activeBlocks;
        this.floorDb = floorDb;
        this.dataSeed = dataSeed;
        double[] expected = new double[PowerMap.SIZE];
        double[][] blockResponse = new double[resourceBlocks][Radiometer.CHANNELS];
        for (int block = 0; block < resourceBlocks; block++) {
            for (int k = 0; k < SUBCARRIERS_PER_BLOCK; k++) {
                int bin = firstBin() + block * SUBCARRIERS_PER_BLOCK + k;
                if (inBand(bin)) {
                    ChannelResponse.addTone(bin * frequencyStep(), 1, blockResponse[block]);
                }
            }
        }
        double[] floorResponse = new double[Radiometer.CHANNELS];
        for (int bin : floorBins()) {
            ChannelResponse.addTone(bin * frequencyStep(), floorPower(), floorResponse);
        }
        double[] channels = new double[Radiometer.CHANNELS];
        for (int slot = 0; slot < slots; slot++) {
            int symbols = downlinkSymbols(slot);
            if (symbols == 0) {
                continue;
            }
            Arrays.fill(channels, 0);
            int active = 0;
            for (int block = 0; block < resourceBlocks; block++) {
                if (activeBlocks[slot][block]) {
                    active++;
                    for (int c = 0; c < Radiometer.CHANNELS; c++) {
                        channels[c] += blockResponse[block][c];
                    }
                }
            }
            double load = active / (double) resourceBlocks;
            for (int c = 0; c < Radiometer.CHANNELS; c++) {
                channels[c] += load * floorResponse[c];
            }
            for (int symbol = 0; symbol < symbols; symbol++) {
                long start = symbolStart(slot, symbol);
                PowerMap.addSpan(expected, start, start + symbolLength(symbol), channels);
            }
        }
        setExpectedPower(expected);
    }

    /**
     * Draws a carrier: width, placement (half in band, a quarter each across an edge and outside), QAM
     * order, TDD pattern and timing, and a per-slot load of 10–100 % of the resource blocks.
     *
     * @param random the footprint's generator
     * @return the emitter
     */
    public static FiveGDownlink draw(SplittableRandom random) {
        int[] widths = {25, 52, 106};
        int blocks = widths[random.nextInt(widths.length)];
        int half = blocks * SUBCARRIERS_PER_BLOCK / 2;
        int roll = random.nextInt(4);
        Placement placement = roll < 2 ? Placement.IN_BAND : roll == 2 ? Placement.BAND_EDGE : Placement.OUT_OF_BAND;
        int side = random.nextBoolean() ? 1 : -1;
        int centre = switch (placement) {
            case IN_BAND -> random.nextInt(-BAND_EDGE_BIN + half, BAND_EDGE_BIN - half + 1);
            case BAND_EDGE -> side * (BAND_EDGE_BIN + (int) Math.round(random.nextDouble(-0.8, 0.8) * half));
            case OUT_OF_BAND -> side * (BAND_EDGE_BIN + half + random.nextInt(0, 134));
        };
        int[] orders = {4, 16, 64};
        String pattern = TDD_PATTERNS[random.nextInt(TDD_PATTERNS.length)];
        int offset = random.nextInt(SLOT_SAMPLES);
        boolean[][] active = new boolean[slotsCovering(offset)][blocks];
        for (boolean[] slot : active) {
            double load = random.nextDouble(0.1, 1.0);
            int count = Math.max(1, (int) Math.round(load * blocks));
            int[] order = Shuffle.permutation(blocks, random);
            for (int i = 0; i < count; i++) {
                slot[order[i]] = true;
            }
        }
        return new FiveGDownlink(blocks, centre, placement, orders[random.nextInt(orders.length)], pattern, offset,
                random.nextInt(pattern.length()), active, random.nextDouble(30, 45), random.nextLong());
    }

    static int slotsCovering(int slotOffsetSamples) {
        return (slotOffsetSamples + Radiometer.SAMPLES + SLOT_SAMPLES - 1) / SLOT_SAMPLES;
    }

    private static double frequencyStep() {
        return Radiometer.SAMPLE_RATE / FFT;
    }

    private static boolean inBand(int bin) {
        return bin >= -BAND_EDGE_BIN && bin < BAND_EDGE_BIN;
    }

    private int firstBin() {
        return centreBin - resourceBlocks * SUBCARRIERS_PER_BLOCK / 2;
    }

    /** The in-band bins of the emission floor: an adjacent channel on the band's side of the carrier. */
    private int[] floorBins() {
        if (placement != Placement.OUT_OF_BAND) {
            return new int[0];
        }
        int width = resourceBlocks * SUBCARRIERS_PER_BLOCK;
        int from = centreBin > 0 ? firstBin() - width : firstBin() + width;
        return IntStream.range(from, from + width).filter(FiveGDownlink::inBand).toArray();
    }

    private double floorPower() {
        return Math.pow(10, -floorDb / 10);
    }

    private int downlinkSymbols(int slot) {
        char kind = tddPattern.charAt((patternPhase + slot) % tddPattern.length());
        return switch (kind) {
            case 'D' -> SYMBOLS_PER_SLOT;
            case 'S' -> SPECIAL_SLOT_DOWNLINK_SYMBOLS;
            default -> 0;
        };
    }

    private static int cyclicPrefix(int symbol) {
        return symbol % 7 == 0 ? 122 : 113;
    }

    private static int symbolLength(int symbol) {
        return cyclicPrefix(symbol) + FFT;
    }

    /** Footprint sample at which a symbol (its cyclic prefix) starts; negative before the footprint. */
    private long symbolStart(int slot, int symbol) {
        long start = (long) slot * SLOT_SAMPLES - slotOffsetSamples;
        for (int s = 0; s < symbol; s++) {
            start += symbolLength(s);
        }
        return start;
    }

    /** @return where the carrier sits */
    public Placement placement() {
        return placement;
    }

    @Override
    public void synthesize(double[] re, double[] im, double amplitude) {
        double a = waveAmplitude(amplitude);
        SplittableRandom data = new SplittableRandom(dataSeed);
        DoubleFFT_1D transform = new DoubleFFT_1D(FFT);
        double[] spectrum = new double[2 * FFT];
        int[] floor = floorBins();
        double floorAmplitude = Math.sqrt(floorPower() / 2);
        int levels = (int) Math.round(Math.sqrt(modulationOrder));
        double qamNorm = Math.sqrt(2.0 * (modulationOrder - 1) / 3.0);
        for (int slot = 0; slot < activeBlocks.length; slot++) {
            int active = 0;
            for (boolean on : activeBlocks[slot]) {
                active += on ? 1 : 0;
            }
            double loadAmplitude = Math.sqrt(active / (double) resourceBlocks);
            for (int symbol = 0; symbol < downlinkSymbols(slot); symbol++) {
                Arrays.fill(spectrum, 0);
                for (int block = 0; block < resourceBlocks; block++) {
                    if (!activeBlocks[slot][block]) {
                        continue;
                    }
                    for (int k = 0; k < SUBCARRIERS_PER_BLOCK; k++) {
                        int bin = firstBin() + block * SUBCARRIERS_PER_BLOCK + k;
                        int i = Math.floorMod(bin, FFT);
                        double qi = (2 * data.nextInt(levels) - levels + 1) / qamNorm;
                        double qq = (2 * data.nextInt(levels) - levels + 1) / qamNorm;
                        if (inBand(bin)) {
                            spectrum[2 * i] = qi;
                            spectrum[2 * i + 1] = qq;
                        }
                    }
                }
                for (int bin : floor) {
                    int i = Math.floorMod(bin, FFT);
                    spectrum[2 * i] = floorAmplitude * loadAmplitude * data.nextGaussian();
                    spectrum[2 * i + 1] = floorAmplitude * loadAmplitude * data.nextGaussian();
                }
                transform.complexInverse(spectrum, false);
                long start = symbolStart(slot, symbol);
                int prefix = cyclicPrefix(symbol);
                for (int n = 0; n < prefix + FFT; n++) {
                    long t = start + n;
                    if (t < 0 || t >= Radiometer.SAMPLES) {
                        continue;
                    }
                    int j = (n - prefix + FFT) % FFT;
                    re[(int) t] += a * spectrum[2 * j];
                    im[(int) t] += a * spectrum[2 * j + 1];
                }
            }
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "5g(%d MHz, %s, centre=%.3f MHz, %d-QAM, tdd=%s, floor=%.1f dB)",
                resourceBlocks == 25 ? 5 : resourceBlocks == 52 ? 10 : 20, placement.name().toLowerCase(Locale.ROOT),
                centreBin * frequencyStep() / 1e6, modulationOrder, tddPattern, floorDb);
    }
}
