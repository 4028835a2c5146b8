package dev.quarry.rfi.sim;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/** A continuous-wave carrier at a random in-band frequency and phase, drifting slowly and linearly. */
public final class ContinuousWave extends MappedEmitter {

    /** The largest drift drawn, Hz per second (±50 kHz over a footprint). */
    static final double MAX_DRIFT_HZ_PER_SECOND = 5e6;

    private final double frequencyHz;
    private final double driftHzPerSecond;
    private final double phase;

    /**
     * A carrier.
     *
     * @param frequencyHz baseband frequency at the footprint start, inside ±12 MHz
     * @param driftHzPerSecond linear frequency drift
     * @param phase initial phase, radians
     */
    public ContinuousWave(double frequencyHz, double driftHzPerSecond, double phase) {
        super(RfiType.CW);
        double end = frequencyHz + driftHzPerSecond * Radiometer.FOOTPRINT_SECONDS;
        double edge = Radiometer.SAMPLE_RATE / 2;
        if (Math.abs(frequencyHz) > edge || Math.abs(end) > edge) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "CW frequency %.0f Hz drifting to %.0f Hz leaves the ±12 MHz band.", frequencyHz, end));
        }
        this.frequencyHz = frequencyHz;
        this.driftHzPerSecond = driftHzPerSecond;
        this.phase = phase;
        double[] expected = new double[PowerMap.SIZE];
        double[] channels = new double[Radiometer.CHANNELS];
        for (int interval = 0; interval < Radiometer.FULL_BAND_SAMPLES; interval++) {
            Arrays.fill(channels, 0);
            double middle = (interval + 0.5) * Radiometer.SAMPLES_PER_FULL_BAND / Radiometer.SAMPLE_RATE;
            ChannelResponse.addTone(frequencyHz + driftHzPerSecond * middle, 1, channels);
            long start = (long) interval * Radiometer.SAMPLES_PER_FULL_BAND;
            PowerMap.addSpan(expected, start, start + Radiometer.SAMPLES_PER_FULL_BAND, channels);
        }
        setExpectedPower(expected);
    }

    /**
     * Draws a carrier anywhere in the band with a random drift.
     *
     * @param random the footprint's generator
     * @return the carrier
     */
    public static ContinuousWave draw(SplittableRandom random) {
        double drift = random.nextDouble(-MAX_DRIFT_HZ_PER_SECOND, MAX_DRIFT_HZ_PER_SECOND);
        double span = Math.abs(drift) * Radiometer.FOOTPRINT_SECONDS;
        double edge = Radiometer.SAMPLE_RATE / 2 - span;
        // edge leaves room for the drift either way
        return new ContinuousWave(random.nextDouble(-edge, edge), drift, random.nextDouble(2 * Math.PI));
    }

    @Override
    public void synthesize(double[] re, double[] im, double amplitude) {
        double a = waveAmplitude(amplitude);
        for (int n = 0; n < Radiometer.SAMPLES; n++) {
            double t = n / Radiometer.SAMPLE_RATE;
            double theta = phase + 2 * Math.PI * (frequencyHz * t + 0.5 * driftHzPerSecond * t * t);
            re[n] += a * Math.cos(theta);
            im[n] += a * Math.sin(theta);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "cw(f=%.4f MHz, drift=%.1f kHz/ms)", frequencyHz / 1e6,
                driftHzPerSecond / 1e6);
    }
}
