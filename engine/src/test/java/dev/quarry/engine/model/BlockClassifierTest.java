package dev.quarry.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

import dev.quarry.engine.data.ExperimentData;
import dev.quarry.engine.testing.SubsetData;

import org.junit.jupiter.api.Test;

/** A network a user builds: an MLP with MC dropout in the trunk and in the head. */
class BlockClassifierTest {

    private static BlockClassifier mlp(ExperimentData data, boolean dropoutInTrunk) {
        return new BlockClassifier(
                () -> {
                    SequentialBlock trunk = new SequentialBlock().add(Blocks.batchFlattenBlock());
                    if (dropoutInTrunk) {
                        trunk.add(new McDropout(0.2f));
                    }
                    return trunk.add(Linear.builder().setUnits(24).build()).add(Activation.reluBlock());
                },
                () -> new SequentialBlock().add(new McDropout(0.4f)).add(Linear.builder().setUnits(10).build()),
                new TrainingOptions(2, 32, 1e-3f, false), InferenceOptions.CPU_DEFAULTS,
                InputNormalization.of(data.pool().values()), new Shape(1, 28, 28), 10, Device.cpu());
    }

    @Test
    void givenAUserBlockWithDropoutInTrunkAndHead_thenSharedMasksCoverEveryDropoutBlock() {
        ExperimentData data = SubsetData.small();
        try (BlockClassifier model = mlp(data, true); NDManager m = NDManager.newBaseManager()) {
            long[] train = CnnClassifierTest.ids(0, 200);
            model.fit(data.pool(), train, CnnClassifierTest.labels(data.pool(), train), 1);
            assertEquals(new Shape(3, 24), model.embeddings(data.pool(), new long[] {1, 2, 3}, m).getShape());
            long[] twins = {11, 11, 12};
            NDArray shared = model.mcProbabilities(data.pool(), twins, new McSpec(5, McScope.FULL, true), 9, m);
            assertArrayEquals(shared.get("0").toFloatArray(), shared.get("1").toFloatArray(),
                    "both McDropout blocks apply the same T masks to every item");
            NDArray independent = model.mcProbabilities(data.pool(), twins, new McSpec(5, McScope.FULL, false), 9, m);
            assertTrue(independent.get("0, 0").sub(independent.get("0, 1")).abs().max().getFloat() > 1e-4f,
                    "an item's passes draw different masks");
            NDArray alone = model.mcProbabilities(data.pool(), new long[] {11}, new McSpec(5, McScope.FULL, false), 9, m);
            assertTrue(alone.get("0").sub(independent.get("0")).abs().max().getFloat() < 1e-6f,
                    "an item's masks are its own in both blocks, whatever else is in its batch");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.mcProbabilities(data.pool(),
                    twins, new McSpec(5, McScope.HEAD, false), 9, m));
            assertTrue(e.getMessage().contains("mcScope=head needs every McDropout block in the head"), e.getMessage());
        }
    }

    @Test
    void givenAUserBlockWithDropoutOnlyInTheHead_thenHeadOnlyMcEqualsFullMcUnderSharedMasks() {
        ExperimentData data = SubsetData.small();
        try (BlockClassifier model = mlp(data, false); NDManager m = NDManager.newBaseManager()) {
            long[] train = CnnClassifierTest.ids(0, 200);
            model.fit(data.pool(), train, CnnClassifierTest.labels(data.pool(), train), 1);
            long[] ids = CnnClassifierTest.ids(300, 340);
            NDArray full = model.mcProbabilities(data.pool(), ids, new McSpec(7, McScope.FULL, true), 4, m);
            NDArray head = model.mcProbabilities(data.pool(), ids, new McSpec(7, McScope.HEAD, true), 4, m);
            assertTrue(full.sub(head).abs().max().getFloat() < 1e-5f);
        }
    }
}
