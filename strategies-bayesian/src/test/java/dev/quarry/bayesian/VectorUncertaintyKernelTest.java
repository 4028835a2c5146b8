package dev.quarry.bayesian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.strategy.Chunks;
import dev.quarry.engine.strategy.OfflineQueries;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Strategies;
import dev.quarry.runtime.VectorApi;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fused CPU kernel against the libtorch path it replaces on CPUs, measure by measure. */
class VectorUncertaintyKernelTest {

    /**
     * 1e-6 per unit of the largest entropy, ln C: two float32 ulps of a score of that size. Both
     * paths round float32 elementwise work differently, and BALD's difference of two entropies of
     * about ln C keeps their absolute errors.
     */
    private static double tolerance(int classes) {
        return 1e-6 * Math.max(1, Math.log(classes));
    }

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void givenTheTestJvm_whenAsked_thenTheVectorApiIsThereSoTheKernelsRun() {
        assertTrue(VectorApi.enabled(), "the tests run with --add-modules jdk.incubator.vector (see the parent POM)");
    }

    /**
     * Random distributions (some sharp, some flat), with rows that are one-hot, uniform, tied at the
     * top and holding zeros, at shapes whose rows and classes are not multiples of a block or a vector.
     */
    @ParameterizedTest(name = "rows {0}, passes {1}, classes {2}")
    @CsvSource({"1000, 20, 10", "777, 7, 17", "333, 1, 2", "2049, 3, 3", "5, 50, 100"})
    void givenMcProbabilities_whenScoredByTheKernel_thenEveryMeasureMatchesLibtorchWithin1e6PerNat(int rows, int passes,
            int classes) {
        NDArray p = manager.create(probabilities(rows, passes, classes, 7), new Shape(rows, passes, classes));
        for (UncertaintyMeasure measure : UncertaintyMeasure.values()) {
            assertClose(measure, measure.score(p).toFloatArray(), new VectorUncertaintyKernel(measure).apply(p).toFloatArray(),
                    classes);
        }
    }

    @Test
    void givenDeterministicProbabilities_whenScored_thenTheMeansMeasuresMatchLibtorch() {
        NDArray p = manager.create(probabilities(501, 1, 10, 3), new Shape(501, 10));
        for (UncertaintyMeasure measure : new UncertaintyMeasure[] {UncertaintyMeasure.LEAST_CONFIDENCE,
            UncertaintyMeasure.MARGIN, UncertaintyMeasure.ENTROPY}) {
            assertClose(measure, measure.score(p).toFloatArray(), new VectorUncertaintyKernel(measure).apply(p).toFloatArray(),
                    10);
        }
    }

    @Test
    void givenFloat64Probabilities_whenScored_thenTheyAreReadAsFloat32LikeLibtorch() {
        NDArray p = manager.create(probabilities(300, 5, 4, 11), new Shape(300, 5, 4)).toType(DataType.FLOAT64, false);
        assertClose(UncertaintyMeasure.BALD, UncertaintyMeasure.BALD.score(p.toType(DataType.FLOAT32, false)).toFloatArray(),
                new VectorUncertaintyKernel(UncertaintyMeasure.BALD).apply(p).toFloatArray(), 4);
    }

    @Test
    void givenRowsHoldingNanOrInfinity_whenScored_thenExactlyThoseRowsScoreNan() {
        float[] values = probabilities(40, 20, 10, 5);
        values[3 * 200 + 17] = Float.NaN;
        values[21 * 200 + 199] = Float.POSITIVE_INFINITY;
        values[39 * 200] = Float.NEGATIVE_INFINITY;
        NDArray p = manager.create(values, new Shape(40, 20, 10));
        for (UncertaintyMeasure measure : UncertaintyMeasure.values()) {
            float[] scores = new VectorUncertaintyKernel(measure).apply(p).toFloatArray();
            for (int r = 0; r < scores.length; r++) {
                assertEquals(r == 3 || r == 21 || r == 39, Float.isNaN(scores[r]), measure + " row " + r);
            }
        }
    }

    /** The public call over several chunks, once through the kernels and once through libtorch operations. */
    @Test
    void givenAPoolOfSeveralChunks_whenScoredWithAndWithoutTheKernels_thenTheScoresAgree() {
        int rows = Chunks.ROWS * 2 + 97;
        NDArray p = manager.create(probabilities(rows, 20, 10, 23), new Shape(rows, 20, 10));
        for (UncertaintyMeasure measure : UncertaintyMeasure.values()) {
            QueryStrategy strategy = Strategies.get(measure.strategyName());
            float[] fused = OfflineQueries.score(strategy, p);
            System.setProperty(VectorApi.PROPERTY, "false");
            try {
                assertClose(measure, OfflineQueries.score(strategy, p), fused, 10);
            } finally {
                System.clearProperty(VectorApi.PROPERTY);
            }
        }
    }

    @Test
    void givenAChunkReadInParts_whenScored_thenEveryRowScoresAsInOneRead() {
        NDArray p = manager.create(probabilities(1000, 20, 10, 17), new Shape(1000, 20, 10));
        for (UncertaintyMeasure measure : UncertaintyMeasure.values()) {
            float[] whole = new VectorUncertaintyKernel(measure).apply(p).toFloatArray();
            float[] parts = new VectorUncertaintyKernel(measure, 7 * 200 + 13).apply(p).toFloatArray();
            assertArrayEquals(whole, parts, measure.toString());
        }
    }

    @Test
    void givenDeterministicProbabilities_whenAMeasureNeedsPasses_thenItIsRefusedAsOnLibtorch() {
        NDArray p = manager.create(probabilities(4, 1, 3, 1), new Shape(4, 3));
        assertThrows(IllegalArgumentException.class, () -> new VectorUncertaintyKernel(UncertaintyMeasure.BALD).apply(p));
    }

    private static void assertClose(UncertaintyMeasure measure, float[] expected, float[] actual, int classes) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance(classes), measure + " row " + i);
        }
    }

    /** Dirichlet-like rows with the edge cases in the first rows of every block of 50. */
    private static float[] probabilities(int rows, int passes, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[rows * passes * classes];
        for (int r = 0; r < rows; r++) {
            double sharpness = random.nextDouble(0.05, 3);
            for (int t = 0; t < passes; t++) {
                int at = (r * passes + t) * classes;
                switch (r % 50) {
                    case 0 -> values[at + (t % classes)] = 1f;
                    case 1 -> Arrays.fill(values, at, at + classes, 1f / classes);
                    case 2 -> {
                        values[at] = 0.5f;
                        values[at + classes - 1] = 0.5f;
                    }
                    default -> {
                        double total = 0;
                        double[] g = new double[classes];
                        for (int c = 0; c < classes; c++) {
                            g[c] = Math.pow(-Math.log(1 - random.nextDouble()), 1 / sharpness);
                            total += g[c];
                        }
                        for (int c = 0; c < classes; c++) {
                            values[at + c] = (float) (g[c] / total);
                        }
                    }
                }
            }
        }
        return values;
    }
}
