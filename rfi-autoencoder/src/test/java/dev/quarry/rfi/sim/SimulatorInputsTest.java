package dev.quarry.rfi.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Reproducibility, the drawn mix, and every invalid input. */
class SimulatorInputsTest {

    @Test
    void sameSeedAndIndexGiveTheSameFootprintInAnyOrder() {
        RadiometerSimulator a = new RadiometerSimulator(SimulatorConfig.defaults(5));
        RadiometerSimulator b = new RadiometerSimulator(SimulatorConfig.defaults(5));
        Footprint later = b.footprint(9);
        Footprint first = a.footprint(9);
        assertArrayEquals(first.cells(), later.cells());
        assertArrayEquals(first.rfiCells(), later.rfiCells());
        assertEquals(first.sources().toString(), later.sources().toString());
        assertFalse(Arrays.equals(first.cells(), a.footprint(10).cells()));
        assertFalse(Arrays.equals(first.cells(),
                new RadiometerSimulator(SimulatorConfig.defaults(6)).footprint(9).cells()));
    }

    @Test
    void iqFootprintsAreReproducibleToo() {
        RadiometerSimulator iq = new RadiometerSimulator(SimulatorConfig.defaults(8).withMode(SimulationMode.IQ));
        Footprint one = iq.footprint(2);
        Footprint two = iq.footprint(2);
        assertArrayEquals(one.cells(), two.cells());
        assertArrayEquals(one.subBandKurtosis(), two.subBandKurtosis());
    }

    @Test
    void theMixHasCleanFootprintsEveryTypeAndBothScenes() {
        RadiometerSimulator simulator = new RadiometerSimulator(SimulatorConfig.defaults(1));
        Set<String> labels = new HashSet<>();
        Set<Scene> scenes = new HashSet<>();
        int clean = 0;
        int n = 2000;
        for (int i = 0; i < n; i++) {
            Footprint footprint = simulator.footprint(i);
            labels.add(footprint.label());
            scenes.add(footprint.scene());
            assertTrue(footprint.sceneKelvin() >= footprint.scene().minKelvin()
                    && footprint.sceneKelvin() <= footprint.scene().maxKelvin());
            assertTrue(footprint.sources().size() <= 3);
            for (RfiSource source : footprint.sources()) {
                assertTrue(source.inrDb() >= -30 && source.inrDb() <= 10, source.toString());
            }
            clean += footprint.sources().isEmpty() ? 1 : 0;
            assertNull(footprint.fullBandKurtosis());
        }
        assertEquals(Set.of("clean", "5g", "pulsed", "cw", "chirp"), labels);
        assertEquals(Set.of(Scene.OCEAN, Scene.LAND), scenes);
        assertEquals(0.2, clean / (double) n, 0.03);
    }

    @Test
    void aCleanFootprintHasNoRfiAndTheCleanLabel() {
        Footprint footprint = new RadiometerSimulator(SimulatorConfig.defaults(1)).observe(Scene.LAND, 200, List.of(), 1);
        assertEquals("clean", footprint.label());
        for (float v : footprint.rfiCells()) {
            assertEquals(0, v);
        }
        for (boolean c : footprint.contaminated()) {
            assertFalse(c);
        }
    }

    @Test
    void invalidInputsFailWithTheirValueAndTheFix() {
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> RfiType.parse("lte"));
        assertEquals("Unknown RFI type 'lte'; known types: 5g, pulsed, cw, chirp.", type.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Scene.parse("desert"));
        assertThrows(IllegalArgumentException.class, () -> SimulationMode.parse("slow"));
        SimulatorConfig base = SimulatorConfig.defaults(1);
        IllegalArgumentException receiver = assertThrows(IllegalArgumentException.class,
                () -> new SimulatorConfig(SimulationMode.FAST, List.of(Scene.OCEAN), -5, -30, 10, 0.5,
                        List.of(RfiType.CW), 1, 0.1, 1));
        assertTrue(receiver.getMessage().contains("-5.0 K"), receiver.getMessage());
        IllegalArgumentException inr = assertThrows(IllegalArgumentException.class, () -> base.withInr(-40, 0));
        assertTrue(inr.getMessage().contains("[-30, 10]"), inr.getMessage());
        assertThrows(IllegalArgumentException.class, () -> base.withInr(5, 0));
        assertThrows(IllegalArgumentException.class, () -> base.withSources(List.of(RfiType.CW), 4, 0.1));
        assertThrows(IllegalArgumentException.class, () -> base.withSources(List.of(), 1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> base.withScenes(List.of()));
        RadiometerSimulator simulator = new RadiometerSimulator(base);
        assertThrows(IllegalArgumentException.class, () -> simulator.observe(Scene.OCEAN, -1, List.of(), 1));
        assertThrows(IllegalArgumentException.class, () -> simulator.footprint(-1));
        assertThrows(IllegalArgumentException.class, () -> new ContinuousWave(13e6, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Chirp(10e6, 5e6, PulseTrain.of(1e-5, 1e-3, 0), 0));
        assertThrows(IllegalArgumentException.class, () -> new PulseTrain(10, 5, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new FiveGDownlink(30, 0, FiveGDownlink.Placement.IN_BAND, 16, "DDDSU", 0, 0,
                        new boolean[11][30], 40, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new FiveGDownlink(25, 0, FiveGDownlink.Placement.IN_BAND, 16, "DDXSU", 0, 0,
                        new boolean[11][25], 40, 1));
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> Channelizer.run(new double[10], new double[10], new double[10], new double[10], false));
        assertTrue(length.getMessage().contains("230400"), length.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RfiSource(ContinuousWave.draw(
                new java.util.SplittableRandom(1)), Double.NaN, 0, 0));
    }

    @Test
    void an5gCarrierOutsideTheBandLeavesOnlyItsFloorAndAnUplinkSlotIsSilent() {
        boolean[][] all = new boolean[FiveGDownlink.slotsCovering(0)][25];
        for (boolean[] slot : all) {
            Arrays.fill(slot, true);
        }
        // centre at +14.4 MHz (960 bins): the 4.5 MHz carrier is wholly outside; its floor reaches 7.65…12 MHz
        FiveGDownlink outside = new FiveGDownlink(25, 960, FiveGDownlink.Placement.OUT_OF_BAND, 16, "DDDSU", 0, 0, all,
                40, 1);
        double[] map = outside.expectedPower();
        // only channels 3…9 are checked: the filter bank is circular, so floor content just below +12 MHz
        // also reaches the channels just above −12 MHz
        for (int c = 3; c < 10; c++) {
            for (int s = 0; s < Radiometer.FULL_BAND_SAMPLES; s++) {
                assertTrue(map[c * 32 + s] < 0.05, "channel " + c + " far from the floor: " + map[c * 32 + s]);
            }
        }
        // "U" slots (5th of each DDDSU) carry nothing: slot 4 covers 4.0–5.0 ms, intervals 14–15 lie inside it
        FiveGDownlink inBand = new FiveGDownlink(25, 0, FiveGDownlink.Placement.IN_BAND, 16, "DDDSU", 0, 0, all, 40, 1);
        double[] tdd = inBand.expectedPower();
        for (int c = 0; c < Radiometer.CHANNELS; c++) {
            assertEquals(0, tdd[c * 32 + 14], 1e-12);
            assertEquals(0, tdd[c * 32 + 15], 1e-12);
        }
        assertTrue(tdd[7 * 32] > 1 && tdd[8 * 32] > 1, "the carrier's centre channels are hot");
    }
}
