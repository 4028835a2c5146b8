package dev.quarry.rfi.sim;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A pulsed sinusoid, as radars emit: a tone switched on for {@code width} every {@code period}.
 * Fast mode spreads each pulse's power over the channels as the tone's steady-state response; it
 * leaves out the splatter of the pulse edges, which IQ mode (and its ground truth) contain.
 */
public final class PulsedTone extends MappedEmitter {

    private final double frequencyHz;
    private final PulseTrain pulses;
    private final double phase;

    /**
     * A pulsed tone.
     *
     * @param frequencyHz baseband frequency, inside ±12 MHz
     * @param pulses the timing
     * @param phase carrier phase, radians
     */
    public PulsedTone(double frequencyHz, PulseTrain pulses, double phase) {
        super(RfiType.PULSED);
        if (Math.abs(frequencyHz) > Radiometer.SAMPLE_RATE / 2) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Pulsed tone frequency %.0f Hz is outside the ±12 MHz band.", frequencyHz));
        }
        this.frequencyHz = frequencyHz;
        this.pulses = pulses;
        this.phase = phase;
        double[] channels = new double[Radiometer.CHANNELS];
        ChannelResponse.addTone(frequencyHz, 1, channels);
        double[] expected = new double[PowerMap.SIZE];
        for (long start = pulses.firstStart(); start < Radiometer.SAMPLES; start += pulses.periodSamples()) {
            PowerMap.addSpan(expected, start, start + pulses.widthSamples(), channels);
        }
        setExpectedPower(expected);
    }

    /**
     * Draws a radar-like pulse train: usually width 1–100 µs every 0.5–5 ms (log-uniform), and one
     * time in four a high duty cycle of 20–60 % (half of those exactly 50 %, where kurtosis is blind).
     *
     * @param random the footprint's generator
     * @return the emitter
     */
    public static PulsedTone draw(SplittableRandom random) {
        double period = logUniform(random, 0.5e-3, 5e-3);
        double width;
        if (random.nextInt(4) == 0) {
            double duty = random.nextBoolean() ? 0.5 : random.nextDouble(0.2, 0.6);
            width = duty * period;
        } else {
            width = logUniform(random, 1e-6, 100e-6);
        }
        double edge = Radiometer.SAMPLE_RATE / 2;
        return new PulsedTone(random.nextDouble(-edge, edge), PulseTrain.of(width, period, random.nextDouble()),
                random.nextDouble(2 * Math.PI));
    }

    static double logUniform(SplittableRandom random, double low, double high) {
        return Math.exp(random.nextDouble(Math.log(low), Math.log(high)));
    }

    /** @return the timing */
    public PulseTrain pulses() {
        return pulses;
    }

    /** @return the power while a pulse is on, relative to the footprint-mean power */
    public double peakToMean() {
        return scale();
    }

    @Override
    public void synthesize(double[] re, double[] im, double amplitude) {
        double a = waveAmplitude(amplitude);
        double step = 2 * Math.PI * frequencyHz / Radiometer.SAMPLE_RATE;
        for (long start = pulses.firstStart(); start < Radiometer.SAMPLES; start += pulses.periodSamples()) {
            int from = (int) Math.max(0, start);
            int to = (int) Math.min(Radiometer.SAMPLES, start + pulses.widthSamples());
            for (int n = from; n < to; n++) {
                double theta = phase + step * n;
                re[n] += a * Math.cos(theta);
                im[n] += a * Math.sin(theta);
            }
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "pulsed(f=%.4f MHz, width=%.1f us, period=%.3f ms, duty=%.4f)",
                frequencyHz / 1e6, pulses.widthSamples() / Radiometer.SAMPLE_RATE * 1e6,
                pulses.periodSamples() / Radiometer.SAMPLE_RATE * 1e3, pulses.duty());
    }
}
