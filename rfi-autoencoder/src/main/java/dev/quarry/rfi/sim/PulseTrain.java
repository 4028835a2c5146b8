package dev.quarry.rfi.sim;

/**
 * Periodic pulses: width {@code w}, period {@code T}, the first starting {@code offset} after an
 * earlier one (so the footprint begins anywhere in the cycle), all in samples at 24 MS/s.
 *
 * @param widthSamples pulse width, ≥ 1
 * @param periodSamples repetition interval, ≥ the width
 * @param offsetSamples start of the first pulse at or after the footprint start, in {@code [0, period)}
 */
public record PulseTrain(long widthSamples, long periodSamples, long offsetSamples) {

    /** Validates the timing. */
    public PulseTrain {
        if (widthSamples < 1 || periodSamples < widthSamples) {
            throw new IllegalArgumentException("Pulse width " + widthSamples + " samples must be in [1, period "
                    + periodSamples + "].");
        }
        if (offsetSamples < 0 || offsetSamples >= periodSamples) {
            throw new IllegalArgumentException("Pulse offset " + offsetSamples + " must be in [0, " + periodSamples + ").");
        }
    }

    /**
     * From seconds.
     *
     * @param widthSeconds pulse width
     * @param periodSeconds repetition interval
     * @param phase where in the cycle the footprint starts, in [0, 1)
     * @return the train
     */
    public static PulseTrain of(double widthSeconds, double periodSeconds, double phase) {
        long period = Math.max(1, Math.round(periodSeconds * Radiometer.SAMPLE_RATE));
        long width = Math.min(period, Math.max(1, Math.round(widthSeconds * Radiometer.SAMPLE_RATE)));
        return new PulseTrain(width, period, Math.min(period - 1, (long) Math.floor(phase * period)));
    }

    /** @return the fraction of time the pulse is on */
    public double duty() {
        return widthSamples / (double) periodSamples;
    }

    /** @return the start (possibly negative) of the first pulse that overlaps the footprint */
    long firstStart() {
        return offsetSamples - periodSamples;
    }
}
