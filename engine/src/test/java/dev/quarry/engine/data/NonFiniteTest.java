package dev.quarry.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NonFiniteTest {

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
    void givenFiniteRowsWhoseSumsOverflow_whenChecked_thenNoneIsReported() {
        NDArray huge = manager.create(new float[] {3e38f, 3e38f, -3e38f, -3e38f, 1f, 2f}, new Shape(3, 2));

        NonFinite result = NonFinite.rowsOf(huge);

        assertTrue(result.none(), result.toString());
    }

    @Test
    void givenNanAndInfinityInSomeRows_whenChecked_thenThoseRowsAreCountedAndTheFirstNamed() {
        float[] values = new float[5 * 3 * 2];
        values[2 * 6 + 3] = Float.NaN;
        values[4 * 6] = Float.NEGATIVE_INFINITY;
        NDArray array = manager.create(values, new Shape(5, 3, 2));

        NonFinite result = NonFinite.rowsOf(array);

        assertEquals(new NonFinite(2, 2, 5), result);
    }

    @Test
    void givenScoresOfAChunk_whenRowsAreMarked_thenOnlyNonFiniteRowsBecomeNan() {
        NDArray chunk = manager.create(new float[] {0.5f, 0.5f, Float.POSITIVE_INFINITY, 0f, 3e38f, 3e38f}, new Shape(3, 2));
        NDArray scores = manager.create(new float[] {1f, 2f, 3f});

        float[] marked = NonFinite.markRows(chunk, scores).toFloatArray();

        assertArrayEquals(new float[] {1f, Float.NaN, 3f}, marked);
    }
}
