package dev.quarry.spark;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.data.ArrayDataset;
import dev.quarry.engine.data.ItemSource;

import java.util.List;
import java.util.Optional;

/**
 * A partition's rows as the engine reads them (local ids {@code 0..n-1}) that still know their
 * pool ids, so per-item draws (MC-dropout masks) are keyed by the pool id, as in one process.
 *
 * @param rows the rows
 * @param keys each row's pool id
 */
record PartitionItems(ArrayDataset rows, long[] keys) implements ItemSource {

    PartitionItems {
        if (keys.length != rows.size()) {
            throw new IllegalArgumentException(keys.length + " keys for " + rows.size() + " rows.");
        }
    }

    @Override
    public String name() {
        return rows.name();
    }

    @Override
    public int size() {
        return rows.size();
    }

    @Override
    public Shape itemShape() {
        return rows.itemShape();
    }

    @Override
    public NDArray batch(long[] ids, int from, int to, NDManager manager) {
        return rows.batch(ids, from, to, manager);
    }

    @Override
    public List<String> classNames() {
        return rows.classNames();
    }

    @Override
    public Optional<int[]> groundTruth() {
        return rows.groundTruth();
    }

    @Override
    public long drawKey(long id) {
        return keys[Math.toIntExact(id)];
    }
}
