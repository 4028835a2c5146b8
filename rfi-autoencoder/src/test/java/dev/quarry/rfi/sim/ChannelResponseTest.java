package dev.quarry.rfi.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ChannelResponseTest {

    @Test
    void toneAtAChannelCentreFillsOnlyThatChannel() {
        for (int c = 0; c < Radiometer.CHANNELS; c++) {
            double[] channels = new double[Radiometer.CHANNELS];
            ChannelResponse.addTone(Radiometer.channelCentre(c), 1, channels);
            for (int k = 0; k < Radiometer.CHANNELS; k++) {
                // the root-raised-cosine bank: 16 in its own channel, over 50 dB down elsewhere
                assertEquals(k == c ? 16 : 0, channels[k], k == c ? 0.05 : 16e-5, "channel " + k + " for centre " + c);
            }
        }
    }

    @Test
    void anyToneSumsTo16AcrossChannelsAndSplitsEvenlyAtABoundary() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 100; i++) {
            double[] channels = new double[Radiometer.CHANNELS];
            ChannelResponse.addTone(random.nextDouble(-12e6, 12e6), 1, channels);
            assertEquals(16, Arrays.stream(channels).sum(), 0.06);
        }
        double boundary = (Radiometer.channelCentre(4) + Radiometer.channelCentre(5)) / 2;
        assertEquals(ChannelResponse.gain(boundary, 4), ChannelResponse.gain(boundary, 5), 1e-6);
        assertEquals(8, ChannelResponse.gain(boundary, 4), 0.05);
    }

    @Test
    void channelizedToneMatchesTheAnalyticResponse() {
        // CW with angle 0 lands in V only; its channelized ground truth is the filter bank's response
        double frequency = 3.3e6;
        RadiometerSimulator iq = new RadiometerSimulator(SimulatorConfig.defaults(1).withMode(SimulationMode.IQ));
        RfiSource source = new RfiSource(new ContinuousWave(frequency, 0, 0.4), 0, 0, 0);
        Footprint footprint = iq.observe(Scene.OCEAN, 100, List.of(source), 5);
        double power = source.kelvin(footprint.systemKelvin());
        for (int c = 0; c < Radiometer.CHANNELS; c++) {
            double expected = power * ChannelResponse.gain(frequency, c);
            for (int p = 0; p < Radiometer.PACKETS; p++) {
                // within 0.5 %: the filter's window wraps around the footprint's ends, where a tone's phase jumps
                assertEquals(expected, footprint.rfiCells()[Radiometer.cell(0, c, p)], 5e-3 * expected + 1e-3 * power);
                assertEquals(0, footprint.rfiCells()[Radiometer.cell(1, c, p)], 1e-6);
            }
        }
    }
}
