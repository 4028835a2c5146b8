package dev.quarry.rfi.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.junit.jupiter.api.Test;

/** The radiometer equation, kurtosis and RFI power, checked on simulated footprints. */
class RadiometerPhysicsTest {

    private static final double SCENE = 100;
    private static final RadiometerSimulator IQ =
            new RadiometerSimulator(SimulatorConfig.defaults(7).withMode(SimulationMode.IQ));
    private static final RadiometerSimulator FAST = new RadiometerSimulator(SimulatorConfig.defaults(7));

    private static double system() {
        return SCENE + 300;
    }

    @Test
    void cleanIqCellsHaveTheRadiometerEquationSpread() {
        SummaryStatistics cells = new SummaryStatistics();
        SummaryStatistics fullBand = new SummaryStatistics();
        for (int i = 0; i < 4; i++) {
            Footprint footprint = IQ.observe(Scene.OCEAN, SCENE, List.of(), 100 + i);
            for (float v : footprint.cells()) {
                cells.addValue(v);
            }
            for (float v : footprint.fullBand()) {
                fullBand.addValue(v);
            }
        }
        // 1 024 cells: the sd estimate is good to about 2.2 %, the mean to sd/32
        assertEquals(system() / Math.sqrt(1800), cells.getStandardDeviation(), 0.08 * system() / Math.sqrt(1800));
        assertEquals(SCENE, cells.getMean(), 4 * cells.getStandardDeviation() / Math.sqrt(cells.getN()));
        assertEquals(system() / Math.sqrt(7200), fullBand.getStandardDeviation(), 0.2 * system() / Math.sqrt(7200));
        assertEquals(SCENE, fullBand.getMean(), 4 * fullBand.getStandardDeviation() / Math.sqrt(fullBand.getN()));
    }

    @Test
    void footprintMeansHaveTheFootprintSpreadInBothModes() {
        SummaryStatistics fast = new SummaryStatistics();
        for (int i = 0; i < 2000; i++) {
            fast.addValue(polarizationMean(FAST.observe(Scene.OCEAN, SCENE, List.of(), i), 0));
        }
        // per polarization a footprint integrates 24 MHz × 9.6 ms: σ = Tsys / 480
        double floor = system() / 480;
        assertEquals(floor, fast.getStandardDeviation(), 0.06 * floor);
        assertEquals(SCENE, fast.getMean(), 4 * floor / Math.sqrt(2000));
        SummaryStatistics iq = new SummaryStatistics();
        for (int i = 0; i < 12; i++) {
            Footprint footprint = IQ.observe(Scene.OCEAN, SCENE, List.of(), 500 + i);
            iq.addValue(polarizationMean(footprint, 0));
            iq.addValue(polarizationMean(footprint, 1));
        }
        // 24 footprint means: the sd estimate is good to about 15 %
        assertEquals(floor, iq.getStandardDeviation(), 0.45 * floor);
    }

    @Test
    void cleanNoiseKurtosisIsThreeWithinItsSamplingSpread() {
        SummaryStatistics full = new SummaryStatistics();
        SummaryStatistics sub = new SummaryStatistics();
        for (int i = 0; i < 3; i++) {
            Footprint footprint = IQ.observe(Scene.LAND, 250, List.of(), 900 + i);
            for (float k : footprint.fullBandKurtosis()) {
                full.addValue(k);
            }
            for (float k : footprint.subBandKurtosis()) {
                sub.addValue(k);
            }
        }
        double fullSpread = Math.sqrt(24.0 / 7200);
        double subSpread = Math.sqrt(24.0 / 1800);
        assertEquals(3, full.getMean(), 4 * fullSpread / Math.sqrt(full.getN()));
        assertEquals(fullSpread, full.getStandardDeviation(), 0.2 * fullSpread);
        assertEquals(3, sub.getMean(), 4 * subSpread / Math.sqrt(sub.getN()));
        assertEquals(subSpread, sub.getStandardDeviation(), 0.1 * subSpread);
    }

    @Test
    void cwPowerShowsUpInItsChannelAndPolarizationOnly() {
        int channel = 5;
        RfiSource cw = new RfiSource(new ContinuousWave(Radiometer.channelCentre(channel), 0, 1), -10, 0, 0);
        Footprint footprint = IQ.observe(Scene.OCEAN, SCENE, List.of(cw), 11);
        double power = cw.kelvin(system());
        double sigma = system() / Math.sqrt(1800);
        for (int c = 0; c < Radiometer.CHANNELS; c++) {
            for (int p = 0; p < Radiometer.PACKETS; p++) {
                double excess = footprint.cells()[Radiometer.cell(0, c, p)] - SCENE;
                double expected = c == channel ? 16 * power : 0;
                assertEquals(expected, excess, 5 * (sigma + expected / Math.sqrt(1800)), "V channel " + c);
                assertEquals(0, footprint.cells()[Radiometer.cell(1, c, p)] - SCENE, 5 * sigma, "H channel " + c);
            }
        }
    }

    @Test
    void sourcePowerMatchesItsInrInBothModes() {
        for (RfiType type : RfiType.values()) {
            for (int seed = 0; seed < 3; seed++) {
                Emitter emitter = draw(type, new SplittableRandom(seed));
                RfiSource source = new RfiSource(emitter, -5, 0.7, 0.2);
                for (RadiometerSimulator simulator : List.of(IQ, FAST)) {
                    Footprint footprint = simulator.observe(Scene.OCEAN, SCENE, List.of(source), seed);
                    double total = 0;
                    for (float v : footprint.rfiCells()) {
                        total += v;
                    }
                    // V and H together carry the source's footprint-mean power
                    double expected = source.kelvin(system());
                    assertEquals(expected, total / Radiometer.CELLS_PER_POLARIZATION, 0.05 * expected,
                            simulator.config().mode() + " " + emitter);
                }
            }
        }
    }

    static Emitter draw(RfiType type, SplittableRandom random) {
        return switch (type) {
            case FIVE_G -> FiveGDownlink.draw(random);
            case PULSED -> PulsedTone.draw(random);
            case CW -> ContinuousWave.draw(random);
            case CHIRP -> Chirp.draw(random);
        };
    }

    @Test
    void fastAndIqGroundTruthAgreeForCwAnd5g() {
        RadiometerSimulator iq = new RadiometerSimulator(
                SimulatorConfig.defaults(21).withMode(SimulationMode.IQ).withSources(List.of(RfiType.FIVE_G), 1, 0));
        RadiometerSimulator fast = new RadiometerSimulator(
                SimulatorConfig.defaults(21).withSources(List.of(RfiType.FIVE_G), 1, 0));
        for (int i = 0; i < 3; i++) {
            Footprint a = iq.footprint(i);
            Footprint b = fast.footprint(i);
            double scale = a.systemKelvin() * Math.pow(10, a.inrDb() / 10);
            double totalIq = 0;
            double totalFast = 0;
            for (int cell = 0; cell < Radiometer.CELLS; cell++) {
                // beyond 20 %, IQ has what the expected map leaves out: the QAM symbols' realization (few
                // symbols in a packet at a TDD switch) and the splatter of blocks straddling a symbol boundary
                assertEquals(b.rfiCells()[cell], a.rfiCells()[cell], 0.2 * b.rfiCells()[cell] + 0.01 * scale,
                        "cell " + cell + " of " + a.sources());
                totalIq += a.rfiCells()[cell];
                totalFast += b.rfiCells()[cell];
            }
            assertEquals(totalFast, totalIq, 0.03 * totalFast, "total of " + a.sources());
        }
    }

    @Test
    void pulsedSinusoidKurtosisFollowsTheClosedForm() {
        // period 1 200 samples divides the 7 200-sample full-band interval, so each interval sees duty d
        double[][] cases = {{0.1, 5}, {0.25, 2}, {0.5, 4}, {0.05, 20}};
        for (double[] c : cases) {
            double duty = c[0];
            double snr = c[1];
            PulseTrain pulses = new PulseTrain(Math.round(duty * 1200), 1200, 0);
            double inrDb = 10 * Math.log10(snr * duty);
            RfiSource source = new RfiSource(new PulsedTone(2.7e6, pulses, 0.3), inrDb, 0, 0);
            Footprint footprint = IQ.observe(Scene.OCEAN, SCENE, List.of(source), 40);
            double measured = 0;
            for (int component = 0; component < 2; component++) {
                for (int s = 0; s < Radiometer.FULL_BAND_SAMPLES; s++) {
                    measured += footprint.fullBandKurtosis()[component * Radiometer.FULL_BAND_SAMPLES + s];
                }
            }
            measured /= 2 * Radiometer.FULL_BAND_SAMPLES;
            double expected = 3 + 1.5 * duty * (1 - 2 * duty) * snr * snr / Math.pow(1 + duty * snr, 2);
            assertEquals(expected, measured, 0.03 + 0.03 * Math.abs(expected - 3), "d=" + duty + " S=" + snr);
        }
    }

    @Test
    void polarizedSourceMovesTheThirdAndFourthStokes() {
        RfiSource source = new RfiSource(new ContinuousWave(Radiometer.channelCentre(9), 0, 0), 0, Math.PI / 4,
                Math.PI / 6);
        Footprint footprint = IQ.observe(Scene.OCEAN, SCENE, List.of(source), 3);
        double power = 16 * source.kelvin(system());
        double sigma = Math.sqrt(2) * (system() + power / 2) / Math.sqrt(1800);
        for (int p = 0; p < Radiometer.PACKETS; p++) {
            int cell = 9 * Radiometer.PACKETS + p;
            assertEquals(power * Math.cos(Math.PI / 6), footprint.thirdStokes()[cell], 5 * sigma);
            assertEquals(-power * Math.sin(Math.PI / 6), footprint.fourthStokes()[cell], 5 * sigma);
            assertTrue(Math.abs(footprint.thirdStokes()[cell - Radiometer.PACKETS * 4]) < 5 * system() / 30);
        }
    }

    private static double polarizationMean(Footprint footprint, int polarization) {
        double sum = 0;
        for (int i = 0; i < Radiometer.CELLS_PER_POLARIZATION; i++) {
            sum += footprint.cells()[polarization * Radiometer.CELLS_PER_POLARIZATION + i];
        }
        return sum / Radiometer.CELLS_PER_POLARIZATION;
    }
}
