package dev.quarry.engine.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import dev.quarry.engine.data.ExperimentData;
import dev.quarry.engine.model.Learner;
import dev.quarry.engine.model.McScope;
import dev.quarry.engine.strategy.Input;
import dev.quarry.engine.strategy.QueryRunner;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Scorer;
import dev.quarry.engine.testing.LoopFixtures;
import dev.quarry.engine.testing.SubsetData;

import java.util.Arrays;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LearnerOutputsTest {

    private static Learner model;
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

    private static LearnerOutputs outputs() {
        return new LearnerOutputs(model, data.pool(), 11);
    }

    /** Mean over T, then the largest class probability: a row-wise reduction of (n, T, C). */
    private static final UnaryOperator<NDArray> MEAN_MAX =
            p -> p.toType(DataType.FLOAT64, false).mean(new int[] {1}).max(new int[] {1}).toType(DataType.FLOAT32, false);

    @Test
    void givenStreamedMcScores_thenTheyEqualTheReductionOfTheWholeTensor() {
        for (McScope scope : McScope.values()) {
            for (boolean shared : new boolean[] {false, true}) {
                Input mc = Input.mc(OptionalInt.of(5), scope, shared);
                try (NDManager m = NDManager.newBaseManager()) {
                    float[] streamed = QueryRunner.scores(QueryStrategy.topK(Scorer.of("mean-max", mc, MEAN_MAX)), outputs(),
                            unlabeled, m);
                    float[] whole = MEAN_MAX.apply(outputs().whole(mc, unlabeled, m)).toFloatArray();
                    assertArrayEquals(whole, streamed, mc.toString());
                }
            }
        }
    }

    @Test
    void givenStreamedScores_thenTheyEqualTheReductionOfTheWholeProbabilities() {
        try (NDManager m = NDManager.newBaseManager()) {
            UnaryOperator<NDArray> max = p -> p.max(new int[] {1});
            float[] streamed = QueryRunner.scores(QueryStrategy.topK(Scorer.of("max", Input.probabilities(), max)),
                    outputs(), unlabeled, m);
            assertArrayEquals(max.apply(outputs().whole(Input.probabilities(), unlabeled, m)).toFloatArray(), streamed);
        }
    }

    @Test
    void givenSomeRows_thenTheirOutputsAreThoseRowsOfTheWhole() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] full = outputs().whole(Input.probabilities(), unlabeled, m).toFloatArray();
            float[] rows = outputs().whole(Input.probabilities(), new long[] {104, 100, 599}, m).toFloatArray();
            // Other batch neighbours change convolution rounding in the last bits only.
            assertArrayEquals(Arrays.copyOfRange(full, 40, 50), Arrays.copyOfRange(rows, 0, 10), 1e-6f);
            assertArrayEquals(Arrays.copyOfRange(full, 4990, 5000), Arrays.copyOfRange(rows, 20, 30), 1e-6f);
        }
    }
}
