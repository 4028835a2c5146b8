package dev.quarry.rfi.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.data.DatasetSpec;
import dev.quarry.engine.data.ArrayDataset;
import dev.quarry.engine.progress.ProgressReporter;
import dev.quarry.engine.strategy.Input;
import dev.quarry.engine.strategy.OfflineInputs;
import dev.quarry.engine.strategy.OfflineQueries;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.Strategies;
import dev.quarry.rfi.ae.AutoencoderOptions;
import dev.quarry.rfi.ae.RfiAutoencoder;
import dev.quarry.rfi.sim.FootprintSet;
import dev.quarry.rfi.sim.RadiometerSimulator;
import dev.quarry.rfi.sim.SimulatorConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoencoderEncoderTest {

    @TempDir
    static Path dir;

    private static Path model;
    private static ArrayDataset pool;
    private static final long[] LABELED = LongStream.range(0, 10).toArray();

    @BeforeAll
    static void trainATinyAutoencoderAndMakeAPool() throws IOException {
        RadiometerSimulator simulator = new RadiometerSimulator(SimulatorConfig.defaults(6).withInr(-20, 10));
        FootprintSet train = FootprintSet.simulate(simulator, 0, 1000, ProgressReporter.SILENT);
        try (RfiAutoencoder autoencoder = RfiAutoencoder.create(AutoencoderOptions.defaults(2).withMaxEpochs(2),
                Device.cpu())) {
            autoencoder.fit(train, train, ProgressReporter.SILENT);
            model = dir.resolve("model");
            autoencoder.save(model);
        }
        pool = new DatasetSpec("rf-smap", null, 120, 10, 4).load().pool();
    }

    @Test
    void kcenterOnTheCodesEqualsKcenterGivenTheCodesDirectly() throws IOException {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
                RfiAutoencoder autoencoder = RfiAutoencoder.load(model, Device.cpu())) {
            QueryStrategy encoded = Strategies.get("ae-embeddings", Map.of("model", model.toString()));
            Selection wrapped = OfflineQueries.select(encoded, new OfflineInputs(null, null, pool, LABELED), 12, 1);
            int width = autoencoder.options().bottleneck();
            NDArray items = pool.batch(LongStream.range(0, 120).toArray(), 0, 120, manager);
            NDArray codes = manager.create(autoencoder.encode(RfSmapDataset.kelvin(items)), new Shape(120, width));
            Selection direct = OfflineQueries.select(Strategies.get("kcenter"), new OfflineInputs(null, codes, LABELED),
                    12, 1);
            assertArrayEquals(direct.ids(), wrapped.ids());
            assertEquals(12, java.util.Arrays.stream(wrapped.ids()).distinct().count());
        }
    }

    @Test
    void itReadsTheItemsThroughTheAutoencoderInsteadOfTheClassifiersEmbeddings() {
        QueryStrategy strategy = Strategies.get("ae-embeddings", Map.of("base", "typiclust", "model", model.toString()));
        assertEquals(2, strategy.inputs().size());
        for (Input input : strategy.inputs()) {
            Input.Embeddings embeddings = (Input.Embeddings) input;
            assertTrue(embeddings.encoder() instanceof AutoencoderEncoder, input.toString());
        }
        assertEquals("ae-embeddings{base=typiclust, model=" + model + "}", strategy.toString());
    }

    @Test
    void aBaseWithoutEmbeddingsOrAMissingModelFailsClearly() {
        IllegalArgumentException base = assertThrows(IllegalArgumentException.class,
                () -> Strategies.get("ae-embeddings", Map.of("base", "random", "model", model.toString())));
        assertTrue(base.getMessage().contains("reads no embeddings"), base.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> OfflineQueries.select(Strategies.get("ae-embeddings", Map.of("model", dir.resolve("none").toString())),
                        new OfflineInputs(null, null, pool, LABELED), 3, 1));
        assertTrue(missing.getMessage().contains("quarry rfi train"), missing.getMessage());
    }
}
