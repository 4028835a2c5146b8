package dev.quarry.rfi.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.data.DatasetSpec;
import dev.quarry.engine.data.ImageDataset;
import dev.quarry.engine.progress.ProgressReporter;
import dev.quarry.engine.strategy.PrecomputedQueryContext;
import dev.quarry.engine.strategy.QueryContext;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.Strategies;
import dev.quarry.rfi.ae.AutoencoderOptions;
import dev.quarry.rfi.ae.RfiAutoencoder;
import dev.quarry.rfi.sim.ContinuousWave;
import dev.quarry.rfi.sim.Footprint;
import dev.quarry.rfi.sim.FootprintSet;
import dev.quarry.rfi.sim.Radiometer;
import dev.quarry.rfi.sim.RadiometerSimulator;
import dev.quarry.rfi.sim.RfiSource;
import dev.quarry.rfi.sim.Scene;
import dev.quarry.rfi.sim.SimulatorConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconErrorStrategyTest {

    @TempDir
    static Path dir;

    private static Path model;

    @BeforeAll
    static void trainATinyAutoencoder() throws IOException {
        RadiometerSimulator simulator = new RadiometerSimulator(SimulatorConfig.defaults(5).withInr(-20, 10));
        FootprintSet train = FootprintSet.simulate(simulator, 0, 2000, ProgressReporter.SILENT);
        FootprintSet validation = FootprintSet.simulate(simulator, 2000, 200, ProgressReporter.SILENT);
        try (RfiAutoencoder autoencoder = RfiAutoencoder.create(AutoencoderOptions.defaults(1).withMaxEpochs(4),
                Device.cpu())) {
            autoencoder.fit(train, validation, ProgressReporter.SILENT);
            model = dir.resolve("model");
            autoencoder.save(model);
        }
    }

    private static QueryContext context(ImageDataset items, NDManager manager) {
        long[] ids = LongStream.range(0, items.size()).toArray();
        return PrecomputedQueryContext.builder().setUnlabeledIds(ids).setRandom(new SplittableRandom(1))
                .setManager(manager).optItems(items, null).build();
    }

    @Test
    void theFootprintWithStrongRfiIsQueriedFirst() {
        RadiometerSimulator simulator = new RadiometerSimulator(SimulatorConfig.defaults(8));
        List<Footprint> footprints = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            footprints.add(simulator.observe(Scene.LAND, 200 + i, List.of(), i));
        }
        RfiSource cw = new RfiSource(new ContinuousWave(Radiometer.channelCentre(6), 0, 0), 0, 0.3, 0);
        footprints.add(7, simulator.observe(Scene.LAND, 210, List.of(cw), 99));
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            QueryContext context = context(RfSmapDataset.dataset("mix", footprints), manager);
            Selection selection = new ReconErrorStrategy(model).select(context, 3);
            assertEquals(7, selection.ids()[0], "the contaminated footprint");
            assertEquals(3, selection.ids().length);
            float[] scores = new ReconErrorStrategy(model).scores(context);
            assertTrue(scores[7] > 100 * scores[0], scores[7] + " vs " + scores[0]);
        }
    }

    @Test
    void theRegistryBuildsItWithItsModelOption() {
        assertEquals("ReconErrorStrategy{model=" + model + "}",
                Strategies.get("recon-error", Map.of("model", model.toString())).toString());
    }

    @Test
    void badInputsFailClearly() throws IOException {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            ImageDataset rf = new DatasetSpec("rf-smap", null, 30, 10, 1).load().pool();
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> new ReconErrorStrategy(dir.resolve("nothing")).select(context(rf, manager), 2));
            assertTrue(missing.getMessage().contains("quarry rfi train"), missing.getMessage());
            ImageDataset images = new DatasetSpec(DatasetSpec.FASHION_MNIST_SUBSET, null, 30, 10, 1).load().pool();
            IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                    () -> new ReconErrorStrategy(model).select(context(images, manager), 2));
            assertTrue(shape.getMessage().contains("(2, 16, 8)"), shape.getMessage());
            QueryContext noItems = PrecomputedQueryContext.builder().setUnlabeledIds(new long[] {0, 1})
                    .setRandom(new SplittableRandom(1)).setManager(manager).build();
            assertThrows(IllegalArgumentException.class, () -> new ReconErrorStrategy(model).select(noItems, 1));
            assertThrows(IllegalArgumentException.class,
                    () -> new ReconErrorStrategy(model).select(context(rf, manager), 31));
        }
    }
}
