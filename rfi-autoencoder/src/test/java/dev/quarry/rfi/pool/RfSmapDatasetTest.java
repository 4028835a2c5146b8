package dev.quarry.rfi.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.engine.data.DatasetSpec;
import dev.quarry.engine.data.ExperimentData;
import dev.quarry.engine.data.ArrayDataset;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

class RfSmapDatasetTest {

    @Test
    void theEngineFindsTheRfPoolByName() throws IOException {
        assertTrue(DatasetSpec.names().contains("rf-smap"), DatasetSpec.names().toString());
        ExperimentData data = new DatasetSpec("rf-smap", null, 600, 200, 3).load();
        ArrayDataset pool = data.pool();
        assertEquals(600, pool.size());
        assertEquals(200, data.test().orElseThrow().size());
        assertEquals(new ai.djl.ndarray.types.Shape(2, 16, 8), pool.itemShape());
        assertEquals(RfSmapDataset.CLASSES, pool.classNames());
        int[] counts = pool.classCounts();
        assertEquals(0.2, counts[0] / 600.0, 0.05, "clean share");
        for (int c = 1; c < counts.length; c++) {
            assertEquals(0.2, counts[c] / 600.0, 0.06, "share of " + pool.classNames().get(c));
        }
    }

    @Test
    void sameSeedSameFootprintsAndPoolAndTestDiffer() throws IOException {
        ExperimentData a = new DatasetSpec("rf-smap", null, 100, 50, 9).load();
        ExperimentData b = new DatasetSpec("rf-smap", null, 100, 50, 9).load();
        assertArrayEquals(floats(a.pool()), floats(b.pool()));
        assertArrayEquals(a.pool().labels(), b.pool().labels());
        float[] pool = floats(a.pool());
        float[] test = floats(a.test().orElseThrow());
        assertTrue(pool[0] != test[0] || pool[1] != test[1], "test footprints are other footprints");
    }

    @Test
    void featuresAreTheCompressedTemperatures() {
        // a clean footprint sits near asinh((T − 200)/100): |feature| < 1.5 for scenes of 90–290 K
        ExperimentData data;
        try {
            data = new DatasetSpec("rf-smap", null, 200, 20, 1).load();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        float[] x = floats(data.pool());
        int[] labels = data.pool().labels();
        for (int f = 0; f < labels.length; f++) {
            if (labels[f] == 0) {
                for (int i = 0; i < 256; i++) {
                    assertTrue(Math.abs(x[f * 256 + i]) < 1.5f, "clean footprint " + f + " cell " + i);
                }
            }
        }
    }

    private static float[] floats(ArrayDataset data) {
        ByteBuffer b = data.values().data();
        float[] out = new float[(int) data.values().elementCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getFloat(i * 4);
        }
        return out;
    }
}
