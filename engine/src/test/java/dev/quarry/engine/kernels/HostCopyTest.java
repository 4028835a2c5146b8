package dev.quarry.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;

class HostCopyTest {

    @Test
    void givenAnArrayLargerThanOneSlice_whenCopied_thenTheValuesAreThoseOfOneRead() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(0f, 7f * 5 * 3).reshape(new Shape(7, 5, 3));
            // 4 floats per slice is less than a row: one row per slice; 64 bytes: one row (60 bytes) per slice.
            assertArrayEquals(x.toFloatArray(), HostCopy.floats(x, 16));
            assertArrayEquals(x.toFloatArray(), HostCopy.floats(x, 64));
            assertArrayEquals(x.toFloatArray(), HostCopy.floats(x, 1 << 20));
            assertArrayEquals(new float[0], HostCopy.floats(m.zeros(new Shape(0, 4)), 16));
        }
    }
}
