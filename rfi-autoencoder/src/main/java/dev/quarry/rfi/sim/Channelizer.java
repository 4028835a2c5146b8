package dev.quarry.rfi.sim;

import java.util.Arrays;

import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * Turns V and H complex baseband into what the radiometer reports. A 16-channel polyphase filter bank
 * ({@link ChannelResponse}: the band shifted up by half a channel, a 256-tap prototype filter folded
 * onto 16 points, Commons Math's FFT) produces one output per channel every 16 samples (1.5 MS/s), and
 * {@code |X|² / Σh²} is averaged over each 1.2 ms packet (1 800 outputs), so a cell of noise at
 * temperature T reads T with σ ≈ T/√1800. Alongside: the V·H* cross-correlation per cell (T3 = 2·Re,
 * T4 = 2·Im), the kurtosis of each channel's real and imaginary outputs per cell, and per 0.3 ms
 * full-band sample the power and the kurtosis of I and Q. The filter's window wraps around the
 * footprint's ends (the noise is stationary, so the edge cells keep their statistics).
 */
public final class Channelizer {

    private static final int N = Radiometer.CHANNELS;
    private static final int TAPS = ChannelResponse.TAPS;
    private static final double[] TAP_RE = new double[TAPS];
    private static final double[] TAP_IM = new double[TAPS];

    static {
        // the half-channel shift e^{iπt/16} folded into the taps; the part that depends on the
        // block's start is applied per block
        double[] h = ChannelResponse.taps();
        for (int n = 0; n < TAPS; n++) {
            TAP_RE[n] = h[n] * Math.cos(Math.PI * n / N);
            TAP_IM[n] = h[n] * Math.sin(Math.PI * n / N);
        }
    }

    /**
     * The channelized statistics of one footprint.
     *
     * @param cells sub-band power per cell, K, {@link Radiometer#CELLS}
     * @param thirdStokes T3 per cell, {@code 16 × 8}
     * @param fourthStokes T4 per cell
     * @param subBandKurtosis per polarization and component, {@code 2 × 2 × 128}
     * @param fullBand power per full-band sample, {@code 2 × 32}
     * @param fullBandKurtosis per polarization and component, {@code 2 × 2 × 32}
     */
    public record Output(double[] cells, double[] thirdStokes, double[] fourthStokes, double[] subBandKurtosis,
            double[] fullBand, double[] fullBandKurtosis) {}

    private Channelizer() {}

    /**
     * Channelizes one footprint.
     *
     * @param vRe V real parts, {@link Radiometer#SAMPLES}
     * @param vIm V imaginary parts
     * @param hRe H real parts
     * @param hIm H imaginary parts
     * @param withKurtosis whether to compute the kurtosis statistics (ground truth needs only power)
     * @return the statistics
     */
    public static Output run(double[] vRe, double[] vIm, double[] hRe, double[] hIm, boolean withKurtosis) {
        double[][] re = {vRe, hRe};
        double[][] im = {vIm, hIm};
        for (int p = 0; p < 2; p++) {
            if (re[p].length != Radiometer.SAMPLES || im[p].length != Radiometer.SAMPLES) {
                throw new IllegalArgumentException("Channelizer needs " + Radiometer.SAMPLES + " samples per part; got "
                        + re[p].length + " and " + im[p].length + ".");
            }
        }
        double[] cells = new double[Radiometer.CELLS];
        double[] t3 = new double[Radiometer.CELLS_PER_POLARIZATION];
        double[] t4 = new double[Radiometer.CELLS_PER_POLARIZATION];
        double[] m2 = new double[2 * 2 * Radiometer.CELLS_PER_POLARIZATION];
        double[] m4 = new double[m2.length];
        double[][][] outputs = new double[2][2][N];
        for (int packet = 0; packet < Radiometer.PACKETS; packet++) {
            for (int b = 0; b < Radiometer.BLOCKS_PER_CELL; b++) {
                int block = packet * Radiometer.BLOCKS_PER_CELL + b;
                int first = block * N + N / 2 - TAPS / 2;
                // e^{iπ·first/16}: first = 16·(block − 8) + 8, so the phase is i·(−1)^block
                double phaseIm = (block % 2 == 0) ? 1 : -1;
                for (int p = 0; p < 2; p++) {
                    fold(re[p], im[p], first, phaseIm, outputs[p]);
                    FastFourierTransformer.transformInPlace(outputs[p], DftNormalization.STANDARD, TransformType.FORWARD);
                }
                for (int k = 0; k < N; k++) {
                    int channel = (k + N / 2 - 1) % N;
                    int inPol = channel * Radiometer.PACKETS + packet;
                    double vr = outputs[0][0][k];
                    double vi = outputs[0][1][k];
                    double hr = outputs[1][0][k];
                    double hi = outputs[1][1][k];
                    cells[inPol] += vr * vr + vi * vi;
                    cells[Radiometer.CELLS_PER_POLARIZATION + inPol] += hr * hr + hi * hi;
                    t3[inPol] += vr * hr + vi * hi;
                    t4[inPol] += vi * hr - vr * hi;
                    if (withKurtosis) {
                        accumulate(m2, m4, inPol, vr, vi, hr, hi);
                    }
                }
            }
        }
        double perCell = Radiometer.BLOCKS_PER_CELL * ChannelResponse.energy();
        for (int i = 0; i < cells.length; i++) {
            cells[i] /= perCell;
        }
        for (int i = 0; i < t3.length; i++) {
            t3[i] *= 2 / perCell;
            t4[i] *= 2 / perCell;
        }
        double[] subKurtosis = withKurtosis ? kurtosis(m2, m4) : null;
        double[] fullBand = new double[2 * Radiometer.FULL_BAND_SAMPLES];
        double[] fm2 = new double[2 * 2 * Radiometer.FULL_BAND_SAMPLES];
        double[] fm4 = new double[fm2.length];
        for (int p = 0; p < 2; p++) {
            for (int s = 0; s < Radiometer.FULL_BAND_SAMPLES; s++) {
                double i2 = 0;
                double i4 = 0;
                double q2 = 0;
                double q4 = 0;
                int from = s * Radiometer.SAMPLES_PER_FULL_BAND;
                for (int t = from; t < from + Radiometer.SAMPLES_PER_FULL_BAND; t++) {
                    double i = re[p][t] * re[p][t];
                    double q = im[p][t] * im[p][t];
                    i2 += i;
                    i4 += i * i;
                    q2 += q;
                    q4 += q * q;
                }
                fullBand[p * Radiometer.FULL_BAND_SAMPLES + s] = (i2 + q2) / Radiometer.SAMPLES_PER_FULL_BAND;
                fm2[(p * 2) * Radiometer.FULL_BAND_SAMPLES + s] = i2;
                fm4[(p * 2) * Radiometer.FULL_BAND_SAMPLES + s] = i4;
                fm2[(p * 2 + 1) * Radiometer.FULL_BAND_SAMPLES + s] = q2;
                fm4[(p * 2 + 1) * Radiometer.FULL_BAND_SAMPLES + s] = q4;
            }
        }
        double[] fullKurtosis = withKurtosis ? kurtosis(fm2, fm4, Radiometer.SAMPLES_PER_FULL_BAND) : null;
        return new Output(cells, t3, t4, subKurtosis, fullBand, fullKurtosis);
    }

    /** Windows 256 samples from {@code first} (wrapping) with the taps and folds them onto 16 points. */
    private static void fold(double[] re, double[] im, int first, double phaseIm, double[][] out) {
        double[] outRe = out[0];
        double[] outIm = out[1];
        Arrays.fill(outRe, 0);
        Arrays.fill(outIm, 0);
        boolean wraps = first < 0 || first + TAPS > re.length;
        for (int n = 0; n < TAPS; n++) {
            int t = wraps ? Math.floorMod(first + n, re.length) : first + n;
            int j = n % N;
            outRe[j] += TAP_RE[n] * re[t] - TAP_IM[n] * im[t];
            outIm[j] += TAP_RE[n] * im[t] + TAP_IM[n] * re[t];
        }
        for (int j = 0; j < N; j++) {
            // multiply by i·phaseIm
            double r = outRe[j];
            outRe[j] = -phaseIm * outIm[j];
            outIm[j] = phaseIm * r;
        }
    }

    private static void accumulate(double[] m2, double[] m4, int inPol, double vr, double vi, double hr, double hi) {
        int stride = Radiometer.CELLS_PER_POLARIZATION;
        double[] values = {vr, vi, hr, hi};
        for (int j = 0; j < 4; j++) {
            double x2 = values[j] * values[j];
            m2[j * stride + inPol] += x2;
            m4[j * stride + inPol] += x2 * x2;
        }
    }

    private static double[] kurtosis(double[] m2, double[] m4) {
        return kurtosis(m2, m4, Radiometer.BLOCKS_PER_CELL);
    }

    /** {@code m4/m2²} from sums over {@code count} values: (Σx⁴/n) / (Σx²/n)². */
    private static double[] kurtosis(double[] sum2, double[] sum4, int count) {
        double[] out = new double[sum2.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = sum4[i] * count / (sum2[i] * sum2[i]);
        }
        return out;
    }
}
