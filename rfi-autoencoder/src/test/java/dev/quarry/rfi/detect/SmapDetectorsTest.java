package dev.quarry.rfi.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.rfi.sim.Footprint;
import dev.quarry.rfi.sim.RadiometerSimulator;
import dev.quarry.rfi.sim.Radiometer;
import dev.quarry.rfi.sim.RfiType;
import dev.quarry.rfi.sim.Scene;
import dev.quarry.rfi.sim.SimulationMode;
import dev.quarry.rfi.sim.SimulatorConfig;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class SmapDetectorsTest {

    private static final RadiometerSimulator FAST = new RadiometerSimulator(SimulatorConfig.defaults(3));

    private static List<Footprint> clean(RadiometerSimulator simulator, int from, int count) {
        return IntStream.range(from, from + count)
                .mapToObj(i -> simulator.observe(i % 2 == 0 ? Scene.OCEAN : Scene.LAND, i % 2 == 0 ? 100 : 250,
                        List.of(), i))
                .toList();
    }

    @Test
    void crossFrequencyFalseAlarmsOnCleanDataMatchWhatBetaImplies() {
        SmapDetectors detector = new SmapDetectors(3, EnumSet.of(Detector.CROSS_FREQUENCY));
        double rate = ThresholdTuning.falseAlarms(detector, clean(FAST, 0, 3000));
        // a cell minus the mean of 16 has sd σ·√(15/16)
        double implied = 2 * (1 - new NormalDistribution().cumulativeProbability(3 / Math.sqrt(15.0 / 16)));
        assertEquals(implied, rate, 0.2 * implied);
    }

    @Test
    void betaTunedOnCleanDataGivesTheTargetRateOnOtherCleanData() {
        SmapDetectors tuned = ThresholdTuning.tune(SmapDetectors.forMode(SimulationMode.FAST, 3), clean(FAST, 0, 1000),
                0.05);
        assertTrue(tuned.beta() > 1 && tuned.beta() < 3, "beta " + tuned.beta());
        assertEquals(0.05, ThresholdTuning.falseAlarms(tuned, clean(FAST, 5000, 1000)), 0.006);
    }

    @Test
    void strongPulsedRfiIsFoundInIqFootprints() {
        RadiometerSimulator iq = new RadiometerSimulator(SimulatorConfig.defaults(12).withMode(SimulationMode.IQ)
                .withSources(List.of(RfiType.PULSED), 1, 0).withInr(0, 10));
        SmapDetectors detectors = SmapDetectors.forMode(SimulationMode.IQ, 3);
        long found = 0;
        long contaminated = 0;
        for (int i = 0; i < 8; i++) {
            Footprint footprint = iq.footprint(i);
            boolean[] truth = footprint.contaminated();
            boolean[] flags = detectors.flag(footprint).flagged();
            for (int cell = 0; cell < truth.length; cell++) {
                if (truth[cell]) {
                    contaminated++;
                    found += flags[cell] ? 1 : 0;
                }
            }
        }
        assertTrue(contaminated > 0);
        assertTrue(found >= 0.95 * contaminated, "recall " + found + " / " + contaminated);
    }

    @Test
    void flagAndDiscardAveragesTheUnflaggedCellsAndLosesAPolarizationWithFewerThanTwo() {
        Footprint footprint = FAST.observe(Scene.OCEAN, 100, List.of(), 1);
        boolean[] flags = new boolean[Radiometer.CELLS];
        for (int i = 0; i < Radiometer.CELLS_PER_POLARIZATION - 1; i++) {
            flags[i] = true; // V keeps only its last cell
        }
        flags[Radiometer.CELLS_PER_POLARIZATION] = true;
        double[] estimate = FlagAndDiscard.estimate(footprint, flags);
        assertTrue(Double.isNaN(estimate[0]));
        double sum = 0;
        for (int i = Radiometer.CELLS_PER_POLARIZATION + 1; i < Radiometer.CELLS; i++) {
            sum += footprint.cells()[i];
        }
        assertEquals(sum / (Radiometer.CELLS_PER_POLARIZATION - 1), estimate[1], 1e-9);
        assertArrayEquals(new double[] {footprint.meanCellKelvin() * 2 - mean(footprint, 1), mean(footprint, 1)},
                FlagAndDiscard.estimate(footprint, new boolean[Radiometer.CELLS]), 1e-4);
    }

    @Test
    void badInputsFailClearly() {
        Footprint fast = FAST.observe(Scene.OCEAN, 100, List.of(), 1);
        IllegalArgumentException kurtosis = assertThrows(IllegalArgumentException.class,
                () -> SmapDetectors.forMode(SimulationMode.IQ, 3).flag(fast));
        assertTrue(kurtosis.getMessage().contains("IQ-mode"), kurtosis.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SmapDetectors(0, EnumSet.of(Detector.PULSE)));
        assertThrows(IllegalArgumentException.class, () -> new SmapDetectors(3, EnumSet.noneOf(Detector.class)));
        assertThrows(IllegalArgumentException.class, () -> Detector.parse("wavelet"));
        List<Footprint> dirty = new ArrayList<>(clean(FAST, 0, 2));
        dirty.add(FAST.footprint(indexWithRfi()));
        assertThrows(IllegalArgumentException.class,
                () -> ThresholdTuning.tune(SmapDetectors.forMode(SimulationMode.FAST, 3), dirty, 0.05));
        assertThrows(IllegalArgumentException.class,
                () -> ThresholdTuning.tune(SmapDetectors.forMode(SimulationMode.FAST, 3), clean(FAST, 0, 2), 1.5));
        assertThrows(IllegalArgumentException.class, () -> FlagAndDiscard.estimate(fast, new boolean[3]));
    }

    private static int indexWithRfi() {
        int i = 0;
        while (FAST.footprint(i).sources().isEmpty()) {
            i++;
        }
        return i;
    }

    private static double mean(Footprint footprint, int polarization) {
        double sum = 0;
        for (int i = 0; i < Radiometer.CELLS_PER_POLARIZATION; i++) {
            sum += footprint.cells()[polarization * Radiometer.CELLS_PER_POLARIZATION + i];
        }
        return sum / Radiometer.CELLS_PER_POLARIZATION;
    }
}
