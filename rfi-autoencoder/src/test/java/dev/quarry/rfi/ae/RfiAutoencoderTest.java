package dev.quarry.rfi.ae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;

import dev.quarry.engine.progress.ProgressReporter;
import dev.quarry.rfi.sim.FootprintSet;
import dev.quarry.rfi.sim.Radiometer;
import dev.quarry.rfi.sim.RadiometerSimulator;
import dev.quarry.rfi.sim.SimulatorConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RfiAutoencoderTest {

    private static FootprintSet train;
    private static FootprintSet validation;
    private static FootprintSet test;
    private static RfiAutoencoder autoencoder;
    private static TrainingHistory history;

    @BeforeAll
    static void trainOnASmallSeededSet() {
        RadiometerSimulator simulator = new RadiometerSimulator(SimulatorConfig.defaults(17).withInr(-20, 0));
        train = FootprintSet.simulate(simulator, 0, 3000, ProgressReporter.SILENT);
        validation = FootprintSet.simulate(simulator, 3000, 400, ProgressReporter.SILENT);
        test = FootprintSet.simulate(simulator, 3400, 400, ProgressReporter.SILENT);
        autoencoder = RfiAutoencoder.create(AutoencoderOptions.defaults(1).withMaxEpochs(6), Device.cpu());
        history = autoencoder.fit(train, validation, ProgressReporter.SILENT);
    }

    @AfterAll
    static void close() {
        autoencoder.close();
    }

    @Test
    void trainingLowersTheFootprintErrorWellBelowNoMitigation() {
        double unmitigated = unmitigatedRmse(test);
        double mitigated = autoencoder.footprintRmse(test);
        assertTrue(mitigated < 0.5 * unmitigated, "RMSE " + mitigated + " K vs " + unmitigated + " K unmitigated");
        assertTrue(history.epochs().get(history.epochs().size() - 1).trainLoss() < history.epochs().get(0).trainLoss());
        assertEquals(history.bestValidationRmse(), autoencoder.footprintRmse(validation), 1e-4);
    }

    @Test
    void theRfiHeadOnlyTakesPowerAway() {
        float[] out = autoencoder.mitigate(test.cells());
        for (int i = 0; i < out.length; i++) {
            assertTrue(out[i] <= test.cells()[i] + 1e-3f, "cell " + i);
        }
        assertEquals(test.size() * 32, autoencoder.encode(test.cells()).length);
    }

    @Test
    void saveAndLoadGiveTheSameOutputs(@TempDir Path directory) throws IOException {
        autoencoder.save(directory);
        try (RfiAutoencoder loaded = RfiAutoencoder.load(directory, Device.cpu())) {
            assertEquals(autoencoder.options(), loaded.options());
            assertArrayEquals(autoencoder.mitigate(test.cells()), loaded.mitigate(test.cells()));
        }
    }

    @Test
    void sameSeedSameWeights() {
        try (RfiAutoencoder again = RfiAutoencoder.create(AutoencoderOptions.defaults(1).withMaxEpochs(1),
                Device.cpu());
                RfiAutoencoder other = RfiAutoencoder.create(AutoencoderOptions.defaults(1).withMaxEpochs(1),
                        Device.cpu())) {
            FootprintSet small = FootprintSet.simulate(new RadiometerSimulator(SimulatorConfig.defaults(2)), 0, 300,
                    ProgressReporter.SILENT);
            again.fit(small, validation, ProgressReporter.SILENT);
            other.fit(small, validation, ProgressReporter.SILENT);
            assertArrayEquals(again.mitigate(test.cells()), other.mitigate(test.cells()));
        }
    }

    @Test
    void badInputsFailClearly(@TempDir Path empty) throws IOException {
        assertThrows(IllegalArgumentException.class, () -> autoencoder.mitigate(new float[100]));
        IOException missing = assertThrows(IOException.class, () -> RfiAutoencoder.load(empty, Device.cpu()));
        assertTrue(missing.getMessage().contains("not a saved autoencoder"), missing.getMessage());
        Files.writeString(empty.resolve("rfi-autoencoder.json"), "{\"architecture\":\"dense\",\"bottleneck\":32,"
                + "\"head\":\"gated\",\"lambda\":1,\"learningRate\":0.001,\"batchSize\":128,\"maxEpochs\":2,"
                + "\"patience\":1,\"seed\":1}");
        assertThrows(IOException.class, () -> RfiAutoencoder.load(empty, Device.cpu()));
        try (RfiAutoencoder fresh = RfiAutoencoder.create(AutoencoderOptions.defaults(1), Device.cpu())) {
            assertThrows(IllegalStateException.class, () -> fresh.mitigate(test.cells()));
        }
        assertThrows(IllegalArgumentException.class, () -> AutoencoderOptions.defaults(1).withArchitecture("lstm", "gated"));
        assertThrows(IllegalArgumentException.class,
                () -> new AutoencoderOptions("conv", 1, "gated", 1, 1e-3, 128, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> AutoencoderOptions.defaults(1).withArchitecture("conv", "relu"));
        assertThrows(IllegalArgumentException.class,
                () -> new AutoencoderOptions("conv", 32, "gated", -1, 1e-3, 128, 1, 1, 1));
    }

    private static double unmitigatedRmse(FootprintSet set) {
        double sum = 0;
        for (int i = 0; i < set.size(); i++) {
            for (int p = 0; p < 2; p++) {
                double mean = 0;
                for (int c = 0; c < Radiometer.CELLS_PER_POLARIZATION; c++) {
                    mean += set.cells()[i * Radiometer.CELLS + p * Radiometer.CELLS_PER_POLARIZATION + c];
                }
                double error = mean / Radiometer.CELLS_PER_POLARIZATION - set.sceneKelvin()[i];
                sum += error * error;
            }
        }
        return Math.sqrt(sum / (2.0 * set.size()));
    }
}
