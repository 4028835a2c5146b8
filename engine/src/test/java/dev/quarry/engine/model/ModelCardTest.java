package dev.quarry.engine.model;

import static dev.quarry.engine.testing.LoopFixtures.tinyModel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

import dev.quarry.engine.data.ArrayDataset;
import dev.quarry.engine.data.DataFormatException;
import dev.quarry.engine.data.HostArray;
import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.testing.SubsetData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved model is self-contained: its card rebuilds it without the pool, and it computes what the original did. */
class ModelCardTest {

    @TempDir
    Path dir;

    private static float[] probabilities(Learner learner, ArrayDataset items, long[] ids) {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            return learner.probabilities(items, ids, m).toFloatArray();
        }
    }

    @Test
    void givenASavedCnn_whenLoadedFromItsDirectoryAlone_thenItsProbabilitiesAreBitIdentical() throws IOException {
        ArrayDataset pool = SubsetData.small().pool();
        long[] ids = LongStream.range(0, 300).toArray();
        try (Learner cnn = tinyModel(1, false)) {
            cnn.fit(pool, LongStream.range(0, 60).toArray(), Arrays.copyOf(pool.labels(), 60), 3);
            cnn.save(dir.resolve("cnn"));
            try (Learner loaded = ModelCard.load(dir.resolve("cnn"), InferenceOptions.CPU_DEFAULTS, Device.cpu())) {
                assertArrayEquals(probabilities(cnn, pool, ids), probabilities(loaded, pool, ids));
                assertEquals(cnn.settings(), loaded.settings());
            }
        }
        ModelCard card = ModelCard.read(dir.resolve("cnn"));
        assertEquals("cnn", card.kind());
        assertArrayEquals(pool.itemShape().getShape(), card.itemShape());
    }

    @Test
    void givenASavedMlp_thenItsPerFeatureStandardizationTravelsWithIt() throws IOException {
        Random r = new Random(3);
        float[] x = new float[200 * 5];
        int[] y = new int[200];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (Math.pow(10, i % 5 - 2) * (r.nextGaussian() + (i / 5) % 2));
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 2;
        }
        ArrayDataset pool = ArrayDataset.of("vectors", HostArray.ofFloats(x, 200, 5), y, List.of("a", "b"));
        long[] ids = LongStream.range(0, 200).toArray();
        try (MlpClassifier mlp = MlpClassifier.forPool(pool, new MlpOptions(16, 1, 0.2f), new TrainingOptions(2, 16, 1e-3f,
                false), InferenceOptions.CPU_DEFAULTS, Device.cpu())) {
            mlp.fit(pool, ids, y, 1);
            mlp.save(dir.resolve("mlp"));
            // Other rows, other statistics: a learner rebuilt from this pool would standardize differently.
            ArrayDataset few = pool.subset("few", new int[] {0, 1, 2, 3});
            try (Learner loaded = ModelCard.load(dir.resolve("mlp"), InferenceOptions.CPU_DEFAULTS, Device.cpu())) {
                assertArrayEquals(probabilities(mlp, few, new long[] {0, 1, 2, 3}),
                        probabilities(loaded, few, new long[] {0, 1, 2, 3}));
            }
        }
    }

    @Test
    void givenAUserBlockOrAMissingOrCorruptCard_thenLoadingSaysWhy() throws IOException {
        ArrayDataset pool = SubsetData.small().pool();
        try (BlockClassifier own = new BlockClassifier(() -> new SequentialBlock().add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(8).build()), () -> new SequentialBlock().add(new McDropout(0.2f))
                .add(Linear.builder().setUnits(10).build()), new TrainingOptions(1, 32, 1e-3f, false),
                InferenceOptions.CPU_DEFAULTS, InputNormalization.of(0, 255), pool.itemShape(), 10, Device.cpu())) {
            own.fit(pool, LongStream.range(0, 40).toArray(), Arrays.copyOf(pool.labels(), 40), 1);
            own.save(dir.resolve("own"));
        }
        InvalidInputException block = assertThrows(InvalidInputException.class,
                () -> ModelCard.load(dir.resolve("own"), InferenceOptions.CPU_DEFAULTS, Device.cpu()));
        assertTrue(block.getMessage().contains("built from your own blocks"), block.getMessage());
        assertThrows(NoSuchFileException.class, () -> ModelCard.load(dir, InferenceOptions.CPU_DEFAULTS, Device.cpu()));
        Files.writeString(dir.resolve("own").resolve(ModelCard.FILE), "{\"kind\": \"cnn\", \"training\": ");
        DataFormatException corrupt = assertThrows(DataFormatException.class, () -> ModelCard.read(dir.resolve("own")));
        assertTrue(corrupt.getMessage().contains("not a valid model card"), corrupt.getMessage());
    }
}
