package dev.quarry.rfi.detect;

import dev.quarry.rfi.sim.Footprint;

import java.util.List;

/**
 * Sets β on clean footprints so that the flagged fraction of their cells meets a target false-alarm
 * rate (SMAP sees about 5 % on clean scenes). The flagged fraction falls monotonically with β, so a
 * bisection over [0.5, 20] finds it.
 */
public final class ThresholdTuning {

    private static final int STEPS = 40;

    private ThresholdTuning() {}

    /**
     * Tunes β.
     *
     * @param detectors the detectors (their β is replaced)
     * @param clean footprints without interference
     * @param falseAlarmRate target fraction of clean cells flagged, in (0, 1)
     * @return the detectors at the tuned β
     */
    public static SmapDetectors tune(SmapDetectors detectors, List<Footprint> clean, double falseAlarmRate) {
        if (!(falseAlarmRate > 0 && falseAlarmRate < 1)) {
            throw new IllegalArgumentException("Target false-alarm rate " + falseAlarmRate + " must be in (0, 1).");
        }
        if (clean.isEmpty()) {
            throw new IllegalArgumentException("Tuning beta needs clean footprints; none were given.");
        }
        for (Footprint footprint : clean) {
            if (!footprint.sources().isEmpty()) {
                throw new IllegalArgumentException("Tuning beta needs clean footprints; one holds " + footprint.sources()
                        + ".");
            }
        }
        double low = 0.5;
        double high = 20;
        for (int i = 0; i < STEPS; i++) {
            double middle = (low + high) / 2;
            if (falseAlarms(detectors.withBeta(middle), clean) > falseAlarmRate) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return detectors.withBeta(high);
    }

    /**
     * The fraction of cells flagged.
     *
     * @param detectors the detectors
     * @param footprints the footprints
     * @return flagged cells over all cells
     */
    public static double falseAlarms(SmapDetectors detectors, List<Footprint> footprints) {
        long flagged = 0;
        long cells = 0;
        for (Footprint footprint : footprints) {
            CellFlags flags = detectors.flag(footprint);
            flagged += flags.count();
            cells += flags.flagged().length;
        }
        return flagged / (double) cells;
    }
}
