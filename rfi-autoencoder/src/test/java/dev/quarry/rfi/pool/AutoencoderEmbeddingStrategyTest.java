package dev.quarry.rfi.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.data.DatasetSpec;
import dev.quarry.engine.data.ImageDataset;
import dev.quarry.engine.progress.ProgressReporter;
import dev.quarry.engine.strategy.PrecomputedQueryContext;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Requirement;
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
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoencoderEmbeddingStrategyTest {

    @TempDir
    static Path dir;

    private static Path model;
    private static ImageDataset unlabeled;
    private static ImageDataset labeled;

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
        ImageDataset pool = new DatasetSpec("rf-smap", null, 120, 10, 4).load().pool();
        unlabeled = pool.subset("unlabeled", IntStream.range(10, 120).toArray());
        labeled = pool.subset("labeled", IntStream.range(0, 10).toArray());
    }

    @Test
    void kcenterOnTheCodesEqualsKcenterGivenTheCodesDirectly() throws IOException {
        long[] unlabeledIds = LongStream.range(10, 120).toArray();
        long[] labeledIds = LongStream.range(0, 10).toArray();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
                RfiAutoencoder autoencoder = RfiAutoencoder.load(model, Device.cpu())) {
            Selection wrapped = new AutoencoderEmbeddingStrategy(Strategies.get("kcenter"), model).select(
                    PrecomputedQueryContext.builder().setUnlabeledIds(unlabeledIds).optLabeledIds(labeledIds)
                            .setRandom(new SplittableRandom(1)).setManager(manager).optItems(unlabeled, labeled).build(),
                    12);
            int width = autoencoder.options().bottleneck();
            Selection direct = Strategies.get("kcenter").select(PrecomputedQueryContext.builder()
                    .setUnlabeledIds(unlabeledIds).optLabeledIds(labeledIds).setRandom(new SplittableRandom(1))
                    .setManager(manager)
                    .optEmbeddings(manager.create(autoencoder.encode(RfSmapDataset.kelvin(unlabeled)),
                            new Shape(110, width)))
                    .optLabeledEmbeddings(manager.create(autoencoder.encode(RfSmapDataset.kelvin(labeled)),
                            new Shape(10, width)))
                    .build(), 12);
            assertArrayEquals(direct.ids(), wrapped.ids());
            assertEquals(12, java.util.Arrays.stream(wrapped.ids()).distinct().count());
        }
    }

    @Test
    void itAsksForItemsInsteadOfTheClassifiersEmbeddings() {
        QueryStrategy strategy = Strategies.get("ae-embeddings", Map.of("base", "typiclust", "model", model.toString()));
        assertTrue(strategy.requirements().contains(Requirement.ITEMS));
        assertTrue(!strategy.requirements().contains(Requirement.EMBEDDINGS));
        assertTrue(strategy.toString().startsWith("AutoencoderEmbeddingStrategy{base="), strategy.toString());
    }

    @Test
    void aBaseWithoutEmbeddingsOrAMissingModelFailsClearly() {
        IllegalArgumentException base = assertThrows(IllegalArgumentException.class,
                () -> new AutoencoderEmbeddingStrategy(Strategies.get("margin"), model));
        assertTrue(base.getMessage().contains("does not use embeddings"), base.getMessage());
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> new AutoencoderEmbeddingStrategy(Strategies.get("kcenter"), dir.resolve("none")).select(
                            PrecomputedQueryContext.builder().setUnlabeledIds(LongStream.range(10, 120).toArray())
                                    .setRandom(new SplittableRandom(1)).setManager(manager).optItems(unlabeled, null)
                                    .build(), 3));
            assertTrue(missing.getMessage().contains("quarry rfi train"), missing.getMessage());
        }
    }
}
