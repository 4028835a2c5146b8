package dev.quarry.engine.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import dev.quarry.engine.data.ExperimentData;
import dev.quarry.engine.model.ClassifierModel;
import dev.quarry.engine.model.McScope;
import dev.quarry.engine.model.McSpec;
import dev.quarry.engine.strategy.QueryContext;
import dev.quarry.engine.testing.LoopFixtures;
import dev.quarry.engine.testing.SubsetData;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelQueryContextTest {

    private static ClassifierModel model;
    private static ExperimentData data;
    private static long[] unlabeled;

    @BeforeAll
    static void train() {
        data = SubsetData.small();
        model = LoopFixtures.tinyModel(1, false);
        long[] train = new long[100];
        Arrays.setAll(train, i -> i);
        model.fit(data.pool(), train, Arrays.copyOf(data.pool().labels(), 100), 3);
        unlabeled = new long[500];
        Arrays.setAll(unlabeled, i -> 100 + i);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static ModelQueryContext context(NDManager m) {
        return new ModelQueryContext(model, data.pool(), unlabeled, new long[0], 11, new SplittableRandom(1), m);
    }

    /** Mean over T, then the largest class probability: a row-wise reduction of (n, T, C). */
    private static final UnaryOperator<NDArray> MEAN_MAX =
            p -> p.toType(DataType.FLOAT64, false).mean(new int[] {1}).max(new int[] {1});

    @Test
    void givenStreamedMcScores_thenTheyEqualTheReductionOfTheWholeTensor() {
        for (McSpec spec : new McSpec[] {new McSpec(5, McScope.FULL, false), new McSpec(5, McScope.HEAD, true)}) {
            try (NDManager m = NDManager.newBaseManager()) {
                float[] streamed = context(m).mcScores(spec, MEAN_MAX);
                ModelQueryContext whole = context(m);
                float[] fromWhole = MEAN_MAX.apply(whole.mcProbabilities(spec)).toType(DataType.FLOAT32, false).toFloatArray();
                assertArrayEquals(fromWhole, streamed, spec.toString());
                // Once the whole tensor exists the context reduces it instead of running the model again.
                assertArrayEquals(fromWhole, whole.mcScores(spec, MEAN_MAX));
            }
        }
    }

    @Test
    void givenStreamedScores_thenTheyEqualTheReductionOfTheWholeProbabilities() {
        try (NDManager m = NDManager.newBaseManager()) {
            UnaryOperator<NDArray> max = p -> p.max(new int[] {1});
            float[] streamed = context(m).scores(max);
            assertArrayEquals(max.apply(context(m).probabilities()).toFloatArray(), streamed);
        }
    }

    @Test
    void givenARestrictedView_thenItsIdsAndOutputsAreTheChosenRows() {
        try (NDManager m = NDManager.newBaseManager(); NDManager view = m.newSubManager()) {
            QueryContext all = context(m);
            QueryContext some = all.restrictTo(new int[] {4, 0, 499}, view);
            assertArrayEquals(new long[] {104, 100, 599}, some.unlabeledIds());
            float[] full = all.probabilities().toFloatArray();
            float[] rows = some.probabilities().toFloatArray();
            assertEquals(30, rows.length);
            // Other batch neighbours change convolution rounding in the last bits only.
            assertArrayEquals(Arrays.copyOfRange(full, 40, 50), Arrays.copyOfRange(rows, 0, 10), 1e-6f);
            assertArrayEquals(Arrays.copyOfRange(full, 4990, 5000), Arrays.copyOfRange(rows, 20, 30), 1e-6f);
        }
    }
}
