package dev.quarry.rfi.detect;

import dev.quarry.rfi.sim.Footprint;
import dev.quarry.rfi.sim.Radiometer;
import dev.quarry.rfi.sim.SimulationMode;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * SMAP-like RFI detection per {@code specs/rfi.md}: the pulse, cross-frequency (1.2 and 9.6 ms),
 * kurtosis (full band and sub-band) and polarimetric detectors, each two-sided at β standard
 * deviations, OR-ed per cell. Tsys is estimated per polarization as the receiver temperature plus the
 * median cell, so strong RFI in a few cells does not inflate the thresholds.
 *
 * <h2>References</h2>
 * Piepmeier et al., "SMAP L-Band Microwave Radiometer: RFI Mitigation Prelaunch Analysis and First
 * Year On-Orbit Observations", IEEE TGRS 53(12), 2015; Misra and Ruf, "Detection of Pulsed
 * Interference Using a Kurtosis Statistic", IEEE TGRS 2008.
 */
public final class SmapDetectors {

    private static final int CELLS_PER_POL = Radiometer.CELLS_PER_POLARIZATION;
    private static final int SAMPLES_PER_PACKET = Radiometer.FULL_BAND_SAMPLES / Radiometer.PACKETS;

    private final double beta;
    private final Set<Detector> detectors;

    /**
     * Detectors at one threshold.
     *
     * @param beta threshold in standard deviations, &gt; 0
     * @param detectors which to run
     */
    public SmapDetectors(double beta, Set<Detector> detectors) {
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("Detector threshold beta " + beta + " must be a positive number of"
                    + " standard deviations (SMAP uses about 3).");
        }
        if (detectors.isEmpty()) {
            throw new IllegalArgumentException("No detectors selected; name at least one of "
                    + Arrays.toString(Detector.values()) + ".");
        }
        this.beta = beta;
        this.detectors = EnumSet.copyOf(detectors);
    }

    /**
     * Every detector the mode's footprints support: all of them for IQ, all but kurtosis for fast mode.
     *
     * @param mode the footprints' simulation mode
     * @param beta threshold
     * @return the detectors
     */
    public static SmapDetectors forMode(SimulationMode mode, double beta) {
        EnumSet<Detector> set = EnumSet.allOf(Detector.class);
        if (mode == SimulationMode.FAST) {
            set.removeIf(Detector::needsKurtosis);
        }
        return new SmapDetectors(beta, set);
    }

    /** @return the threshold */
    public double beta() {
        return beta;
    }

    /** @return the detectors that run */
    public Set<Detector> detectors() {
        return EnumSet.copyOf(detectors);
    }

    /**
     * A copy at another threshold.
     *
     * @param value the threshold
     * @return the detectors
     */
    public SmapDetectors withBeta(double value) {
        return new SmapDetectors(value, detectors);
    }

    /**
     * Flags one footprint's cells.
     *
     * @param footprint the footprint
     * @return the flags
     * @throws IllegalArgumentException when a kurtosis detector meets a fast-mode footprint
     */
    public CellFlags flag(Footprint footprint) {
        if (!footprint.hasKurtosis() && detectors.stream().anyMatch(Detector::needsKurtosis)) {
            throw new IllegalArgumentException("Kurtosis detectors need IQ-mode footprints; this one was simulated in "
                    + footprint.mode().name().toLowerCase(Locale.ROOT)
                    + " mode. Use SmapDetectors.forMode(FAST, beta) or simulate in IQ mode.");
        }
        float[] cells = footprint.cells();
        double[] system = new double[2];
        for (int p = 0; p < 2; p++) {
            float[] pol = Arrays.copyOfRange(cells, p * CELLS_PER_POL, (p + 1) * CELLS_PER_POL);
            Arrays.sort(pol);
            system[p] = footprint.receiverKelvin() + (pol[CELLS_PER_POL / 2 - 1] + pol[CELLS_PER_POL / 2]) / 2.0;
        }
        boolean[] any = new boolean[Radiometer.CELLS];
        Map<Detector, Integer> counts = new EnumMap<>(Detector.class);
        for (Detector detector : detectors) {
            boolean[] flags = new boolean[Radiometer.CELLS];
            switch (detector) {
                case PULSE -> pulse(footprint, system, flags);
                case CROSS_FREQUENCY -> crossFrequency(cells, system, flags);
                case CROSS_FREQUENCY_LONG -> crossFrequencyLong(cells, system, flags);
                case KURTOSIS_FULL_BAND -> kurtosisFullBand(footprint.fullBandKurtosis(), flags);
                case KURTOSIS_SUB_BAND -> kurtosisSubBand(footprint.subBandKurtosis(), flags);
                case POLARIMETRIC -> polarimetric(footprint, system, flags);
            }
            int n = 0;
            for (int i = 0; i < flags.length; i++) {
                if (flags[i]) {
                    n++;
                    any[i] = true;
                }
            }
            counts.put(detector, n);
        }
        return new CellFlags(any, counts);
    }

    private void pulse(Footprint footprint, double[] system, boolean[] flags) {
        float[] fullBand = footprint.fullBand();
        for (int p = 0; p < 2; p++) {
            float[] pol = Arrays.copyOfRange(fullBand, p * Radiometer.FULL_BAND_SAMPLES,
                    (p + 1) * Radiometer.FULL_BAND_SAMPLES);
            float[] sorted = pol.clone();
            Arrays.sort(sorted);
            double median = (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
            double threshold = beta * system[p] / Math.sqrt(Radiometer.FULL_BAND_BANDWIDTH_TIME);
            for (int s = 0; s < pol.length; s++) {
                if (Math.abs(pol[s] - median) > threshold) {
                    flagPacket(flags, p, s / SAMPLES_PER_PACKET);
                }
            }
        }
    }

    private void crossFrequency(float[] cells, double[] system, boolean[] flags) {
        for (int p = 0; p < 2; p++) {
            double threshold = beta * system[p] / Math.sqrt(Radiometer.CELL_BANDWIDTH_TIME);
            for (int packet = 0; packet < Radiometer.PACKETS; packet++) {
                double mean = 0;
                for (int c = 0; c < Radiometer.CHANNELS; c++) {
                    mean += cells[Radiometer.cell(p, c, packet)];
                }
                mean /= Radiometer.CHANNELS;
                for (int c = 0; c < Radiometer.CHANNELS; c++) {
                    int cell = Radiometer.cell(p, c, packet);
                    if (Math.abs(cells[cell] - mean) > threshold) {
                        flags[cell] = true;
                    }
                }
            }
        }
    }

    private void crossFrequencyLong(float[] cells, double[] system, boolean[] flags) {
        for (int p = 0; p < 2; p++) {
            double threshold = beta * system[p]
                    / Math.sqrt((double) Radiometer.CELL_BANDWIDTH_TIME * Radiometer.PACKETS);
            double[] channelMean = new double[Radiometer.CHANNELS];
            double mean = 0;
            for (int c = 0; c < Radiometer.CHANNELS; c++) {
                for (int packet = 0; packet < Radiometer.PACKETS; packet++) {
                    channelMean[c] += cells[Radiometer.cell(p, c, packet)] / (double) Radiometer.PACKETS;
                }
                mean += channelMean[c] / Radiometer.CHANNELS;
            }
            for (int c = 0; c < Radiometer.CHANNELS; c++) {
                if (Math.abs(channelMean[c] - mean) > threshold) {
                    for (int packet = 0; packet < Radiometer.PACKETS; packet++) {
                        flags[Radiometer.cell(p, c, packet)] = true;
                    }
                }
            }
        }
    }

    private void kurtosisFullBand(float[] kurtosis, boolean[] flags) {
        double threshold = beta * Math.sqrt(24.0 / Radiometer.FULL_BAND_BANDWIDTH_TIME);
        for (int p = 0; p < 2; p++) {
            for (int component = 0; component < 2; component++) {
                for (int s = 0; s < Radiometer.FULL_BAND_SAMPLES; s++) {
                    if (Math.abs(kurtosis[(p * 2 + component) * Radiometer.FULL_BAND_SAMPLES + s] - 3) > threshold) {
                        flagPacket(flags, p, s / SAMPLES_PER_PACKET);
                    }
                }
            }
        }
    }

    private void kurtosisSubBand(float[] kurtosis, boolean[] flags) {
        double threshold = beta * Math.sqrt(24.0 / Radiometer.CELL_BANDWIDTH_TIME);
        for (int p = 0; p < 2; p++) {
            for (int component = 0; component < 2; component++) {
                for (int i = 0; i < CELLS_PER_POL; i++) {
                    if (Math.abs(kurtosis[(p * 2 + component) * CELLS_PER_POL + i] - 3) > threshold) {
                        flags[p * CELLS_PER_POL + i] = true;
                    }
                }
            }
        }
    }

    private void polarimetric(Footprint footprint, double[] system, boolean[] flags) {
        double threshold = beta * Math.sqrt(2 * system[0] * system[1] / Radiometer.CELL_BANDWIDTH_TIME);
        for (int i = 0; i < CELLS_PER_POL; i++) {
            if (Math.abs(footprint.thirdStokes()[i]) > threshold || Math.abs(footprint.fourthStokes()[i]) > threshold) {
                flags[i] = true;
                flags[CELLS_PER_POL + i] = true;
            }
        }
    }

    private static void flagPacket(boolean[] flags, int polarization, int packet) {
        for (int c = 0; c < Radiometer.CHANNELS; c++) {
            flags[Radiometer.cell(polarization, c, packet)] = true;
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SmapDetectors(beta=%.3f, detectors=%s)", beta, detectors);
    }
}
