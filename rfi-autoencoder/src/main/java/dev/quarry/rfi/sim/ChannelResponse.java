package dev.quarry.rfi.sim;

import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * The channelizer's polyphase filter bank and what it reports for a tone. Each of the 16 channels is
 * the band shifted by half a channel, windowed by the prototype low-pass filter {@code h} and folded
 * into a 16-point DFT. The prototype is a root-raised-cosine of 256 taps (16 per polyphase branch)
 * with roll-off 0.25 and its Nyquist rate at the 1.5 MHz channel spacing: |H|² is then a raised
 * cosine, so the 16 channels' responses sum to a constant (within 0.3 %; a tone reads the same total
 * wherever it sits, half and half at a channel boundary), the channel outputs of white noise are
 * uncorrelated at the 1.5 MS/s output rate (1 800 independent values per 1.2 ms cell), and the stop
 * band is 52–58 dB down. A unit-power tone at frequency {@code f} puts {@code |H(δ)|² / Σh²} into
 * channel {@code c}, {@code δ = (f − centre(c)) / 24 MHz}: 16 in the middle of its channel; white
 * noise of temperature T reads T in every channel. (A bare 16-point FFT would leak every carrier into
 * all channels through sidelobes 13–30 dB down.)
 *
 * <h2>References</h2>
 * Harris, "Multirate Signal Processing for Communication Systems", Prentice Hall 2004, ch. 6–7
 * (polyphase channelizers, the root-raised-cosine's Nyquist property).
 */
public final class ChannelResponse {

    /** Prototype filter length: 16 taps per polyphase branch. */
    public static final int TAPS = 16 * Radiometer.CHANNELS;

    private static final double[] PROTOTYPE = prototype();
    private static final double ENERGY = energy(PROTOTYPE);
    private static final int TABLE = 1 << 16;
    private static final double[] GAIN = gainTable();

    private ChannelResponse() {}

    private static final double ROLL_OFF = 0.25;

    /** @return a copy of the prototype filter taps */
    public static double[] prototype() {
        double[] h = new double[TAPS];
        double symbol = Radiometer.CHANNELS;
        for (int n = 0; n < TAPS; n++) {
            double t = (n - (TAPS - 1) / 2.0) / symbol;
            h[n] = rootRaisedCosine(t, ROLL_OFF);
        }
        return h;
    }

    /** The root-raised-cosine impulse response at {@code t} symbol periods. */
    static double rootRaisedCosine(double t, double beta) {
        if (Math.abs(t) < 1e-12) {
            return 1 + beta * (4 / Math.PI - 1);
        }
        if (Math.abs(Math.abs(t) - 1 / (4 * beta)) < 1e-12) {
            return beta / Math.sqrt(2) * ((1 + 2 / Math.PI) * Math.sin(Math.PI / (4 * beta))
                    + (1 - 2 / Math.PI) * Math.cos(Math.PI / (4 * beta)));
        }
        double x = 4 * beta * t;
        return (Math.sin(Math.PI * t * (1 - beta)) + x * Math.cos(Math.PI * t * (1 + beta)))
                / (Math.PI * t * (1 - x * x));
    }

    /** @return Σh², the noise gain every cell is divided by */
    static double energy() {
        return ENERGY;
    }

    static double[] taps() {
        return PROTOTYPE;
    }

    private static double energy(double[] h) {
        double sum = 0;
        for (double v : h) {
            sum += v * v;
        }
        return sum;
    }

    /** |H(δ)|²/Σh² on a grid of δ ∈ [−1/2, 1/2], from one zero-padded FFT of the taps. */
    private static double[] gainTable() {
        double[][] spectrum = new double[2][TABLE];
        System.arraycopy(PROTOTYPE, 0, spectrum[0], 0, TAPS);
        FastFourierTransformer.transformInPlace(spectrum, DftNormalization.STANDARD, TransformType.FORWARD);
        double[] table = new double[TABLE + 1];
        for (int i = 0; i <= TABLE; i++) {
            int k = Math.floorMod(i - TABLE / 2, TABLE);
            table[i] = (spectrum[0][k] * spectrum[0][k] + spectrum[1][k] * spectrum[1][k]) / ENERGY;
        }
        return table;
    }

    /**
     * Adds a tone's response to a channel vector.
     *
     * @param frequencyHz the tone's baseband frequency
     * @param power its power
     * @param channels 16 sums to add to
     */
    public static void addTone(double frequencyHz, double power, double[] channels) {
        for (int c = 0; c < Radiometer.CHANNELS; c++) {
            channels[c] += power * gain(frequencyHz, c);
        }
    }

    /**
     * One channel's power gain for a tone.
     *
     * @param frequencyHz the tone's baseband frequency
     * @param channel 0 … 15
     * @return the expected cell power for a unit-power tone
     */
    public static double gain(double frequencyHz, int channel) {
        double delta = (frequencyHz - Radiometer.channelCentre(channel)) / Radiometer.SAMPLE_RATE;
        double position = (delta - Math.floor(delta + 0.5) + 0.5) * TABLE;
        int i = Math.min(TABLE - 1, (int) position);
        double fraction = position - i;
        return GAIN[i] * (1 - fraction) + GAIN[i + 1] * fraction;
    }
}
