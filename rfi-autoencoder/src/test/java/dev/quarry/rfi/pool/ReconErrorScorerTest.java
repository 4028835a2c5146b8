package dev.quarry.rfi.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
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
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconErrorScorerTest {

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

    private static OfflineInputs items(ArrayDataset items) {
        return new OfflineInputs(null, null, items, new long[0]);
    }

    private static QueryStrategy reconError(Path model) {
        return Strategies.get("recon-error", Map.of("model", model.toString()));
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
        OfflineInputs mix = items(RfSmapDataset.dataset("mix", footprints));
        Selection selection = OfflineQueries.select(reconError(model), mix, 3, 1);
        assertEquals(7, selection.ids()[0], "the contaminated footprint");
        assertEquals(3, selection.ids().length);
        float[] scores = OfflineQueries.score(reconError(model), mix);
        assertTrue(scores[7] > 100 * scores[0], scores[7] + " vs " + scores[0]);
        assertEquals(selection.scores()[0], scores[7], 0f);
    }

    @Test
    void theRegistryBuildsItWithItsModelOption() {
        QueryStrategy s = reconError(model);
        assertEquals("recon-error{model=" + model + "}", s.toString());
        assertEquals(Set.of(Input.items()), s.inputs());
    }

    @Test
    void badInputsFailClearly() throws IOException {
        ArrayDataset rf = new DatasetSpec("rf-smap", null, 30, 10, 1).load().pool();
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> OfflineQueries.select(reconError(dir.resolve("nothing")), items(rf), 2, 1));
        assertTrue(missing.getMessage().contains("quarry rfi train"), missing.getMessage());
        ArrayDataset images = new DatasetSpec(DatasetSpec.FASHION_MNIST_SUBSET, null, 30, 10, 1).load().pool();
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> OfflineQueries.select(reconError(model), items(images), 2, 1));
        assertTrue(shape.getMessage().contains("(2, 16, 8)"), shape.getMessage());
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            OfflineInputs noItems = new OfflineInputs(manager.create(new float[] {0.5f, 0.5f, 0.4f, 0.6f}, new Shape(2, 2)),
                    null, new long[0]);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> OfflineQueries.select(reconError(model), noItems,
                    1, 1)).getMessage().contains("needs the items themselves"));
        }
        assertThrows(IllegalArgumentException.class, () -> OfflineQueries.select(reconError(model), items(rf), 31, 1));
    }
}
