package dev.quarry.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.data.ArrayDataset;
import dev.quarry.engine.data.HostArray;
import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.errors.ModelFailureException;
import dev.quarry.engine.loop.LearnerOutputs;
import dev.quarry.engine.metrics.ClassificationMetrics;
import dev.quarry.engine.strategy.Input;
import dev.quarry.engine.strategy.QueryRunner;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Scorer;
import dev.quarry.engine.testing.SubsetData;

import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

/** The MLP for feature vectors: it learns a separable problem, standardizes per feature, and runs MC dropout. */
class MlpClassifierTest {

    /** Two Gaussian classes in 6-D whose features live on very different scales (a tabular pool). */
    private static ArrayDataset blobs(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * 6];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            for (int j = 0; j < 6; j++) {
                double scale = Math.pow(10, j - 2); // 0.01 ... 1000
                x[i * 6 + j] = (float) (scale * ((y[i] == 1 && j % 2 == 0 ? 2 : 0) + r.nextGaussian()));
            }
        }
        return ArrayDataset.of("blobs", HostArray.ofFloats(x, n, 6), y, List.of("a", "b"));
    }

    private static MlpClassifier mlp(ArrayDataset pool, float dropout) {
        return MlpClassifier.forPool(pool, new MlpOptions(32, 2, dropout), new TrainingOptions(20, 16, 3e-3f, false),
                InferenceOptions.CPU_DEFAULTS, Device.cpu());
    }

    @Test
    void givenFeatureVectorsOnMixedScales_thenTheMlpLearnsThemAndItsPassesDiffer() {
        ArrayDataset pool = blobs(400, 1);
        ArrayDataset test = blobs(200, 2);
        try (MlpClassifier model = mlp(pool, 0.3f); NDManager m = NDManager.newBaseManager()) {
            FitReport fit = model.fit(pool, LongStream.range(0, 200).toArray(), java.util.Arrays.copyOf(pool.labels(), 200), 5);
            assertEquals(20, fit.epochs());
            assertEquals(20 * 13, fit.steps(), "ceil(200 / 16) steps per epoch");
            assertTrue(fit.finalLoss() < 0.3, "final loss " + fit.finalLoss());
            float[] p = model.probabilities(test, LongStream.range(0, 200).toArray(), m).toFloatArray();
            double accuracy = ClassificationMetrics.of(p, 2, test.labels()).accuracy();
            assertTrue(accuracy > 0.9, "accuracy " + accuracy);
            assertEquals(new Shape(5, 32), model.embeddings(test, new long[] {0, 1, 2, 3, 4}, m).getShape());
            assertEquals("MlpClassifier", model.settings().get("learner"));
            assertTrue(model.settings().get("normalization").startsWith("InputNormalization[per feature, d=6, statistics "),
                    model.settings().get("normalization"));
        }
    }

    @Test
    void givenNoActiveDropout_whenMcScoresAreAsked_thenTheModelIsRejectedWithWhatToDo() {
        ArrayDataset pool = blobs(100, 3);
        try (MlpClassifier model = mlp(pool, 0f); NDManager m = NDManager.newBaseManager()) {
            model.fit(pool, LongStream.range(0, 50).toArray(), java.util.Arrays.copyOf(pool.labels(), 50), 1);
            QueryStrategy mc = QueryStrategy.topK(Scorer.of("spread", Input.mc(OptionalInt.of(4),
                    McScope.HEAD, false), x -> x.max(new int[] {1}).sub(x.min(new int[] {1})).sum(new int[] {1})));
            ModelFailureException e = assertThrows(ModelFailureException.class, () -> QueryRunner.scores(mc,
                    new LearnerOutputs(model, pool, 1), LongStream.range(50, 100).toArray(), m));
            assertTrue(e.getMessage().contains("4 MC-dropout passes are identical for every item"), e.getMessage());
        }
    }

    @Test
    void givenImagesOrOtherShapes_thenTheMlpSaysToUseTheCnn() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> mlp(SubsetData.small().pool(), 0.5f));
        assertTrue(e.getMessage().contains("An MLP needs feature vectors (d)"), e.getMessage());
    }
}
