package dev.quarry.rfi.sim;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A pulsed linear chirp: each pulse sweeps {@code bandwidth} (up or down) from a start frequency over
 * the pulse width. Fast mode treats each 16-sample block of a pulse as a tone at the block's
 * instantaneous frequency.
 */
public final class Chirp extends MappedEmitter {

    private static final int STEP = Radiometer.CHANNELS;

    private final double startHz;
    private final double sweepHz;
    private final PulseTrain pulses;
    private final double phase;

    /**
     * A chirp.
     *
     * @param startHz frequency at the start of each pulse
     * @param sweepHz frequency change over a pulse (negative sweeps down); the sweep stays in ±12 MHz
     * @param pulses the timing
     * @param phase carrier phase at each pulse start, radians
     */
    public Chirp(double startHz, double sweepHz, PulseTrain pulses, double phase) {
        super(RfiType.CHIRP);
        double edge = Radiometer.SAMPLE_RATE / 2;
        if (Math.abs(startHz) > edge || Math.abs(startHz + sweepHz) > edge) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Chirp from %.0f Hz sweeping %.0f Hz leaves the ±12 MHz band.", startHz, sweepHz));
        }
        this.startHz = startHz;
        this.sweepHz = sweepHz;
        this.pulses = pulses;
        this.phase = phase;
        double[] expected = new double[PowerMap.SIZE];
        double[] channels = new double[Radiometer.CHANNELS];
        long width = pulses.widthSamples();
        for (long pulse = pulses.firstStart(); pulse < Radiometer.SAMPLES; pulse += pulses.periodSamples()) {
            for (long offset = 0; offset < width; offset += STEP) {
                long stop = Math.min(width, offset + STEP);
                Arrays.fill(channels, 0);
                ChannelResponse.addTone(frequencyAt((offset + stop) / 2.0), 1, channels);
                PowerMap.addSpan(expected, pulse + offset, pulse + stop, channels);
            }
        }
        setExpectedPower(expected);
    }

    /**
     * Draws a chirp: sweep 1–10 MHz in either direction over 10–200 µs, every 0.5–5 ms, placed so the
     * sweep stays in the band.
     *
     * @param random the footprint's generator
     * @return the emitter
     */
    public static Chirp draw(SplittableRandom random) {
        double bandwidth = random.nextDouble(1e6, 10e6);
        double width = PulsedTone.logUniform(random, 10e-6, 200e-6);
        double period = PulsedTone.logUniform(random, 0.5e-3, 5e-3);
        double edge = Radiometer.SAMPLE_RATE / 2;
        double low = random.nextDouble(-edge, edge - bandwidth);
        boolean up = random.nextBoolean();
        return new Chirp(up ? low : low + bandwidth, up ? bandwidth : -bandwidth,
                PulseTrain.of(width, period, random.nextDouble()), random.nextDouble(2 * Math.PI));
    }

    private double frequencyAt(double sampleInPulse) {
        return startHz + sweepHz * sampleInPulse / pulses.widthSamples();
    }

    @Override
    public void synthesize(double[] re, double[] im, double amplitude) {
        double a = waveAmplitude(amplitude);
        double f0 = startHz / Radiometer.SAMPLE_RATE;
        double rate = sweepHz / Radiometer.SAMPLE_RATE / pulses.widthSamples();
        for (long pulse = pulses.firstStart(); pulse < Radiometer.SAMPLES; pulse += pulses.periodSamples()) {
            int from = (int) Math.max(0, pulse);
            int to = (int) Math.min(Radiometer.SAMPLES, pulse + pulses.widthSamples());
            for (int n = from; n < to; n++) {
                double tau = n - pulse;
                double theta = phase + 2 * Math.PI * (f0 * tau + 0.5 * rate * tau * tau);
                re[n] += a * Math.cos(theta);
                im[n] += a * Math.sin(theta);
            }
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "chirp(start=%.4f MHz, sweep=%.3f MHz, width=%.1f us, period=%.3f ms)",
                startHz / 1e6, sweepHz / 1e6, pulses.widthSamples() / Radiometer.SAMPLE_RATE * 1e6,
                pulses.periodSamples() / Radiometer.SAMPLE_RATE * 1e3);
    }
}
