package dev.quarry.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import java.util.ArrayList;
import java.util.List;

/**
 * A copy of a block's parameters (BatchNorm's running statistics included), to go back to the best
 * epoch's weights after early stopping.
 */
final class WeightSnapshot implements AutoCloseable {

    private final NDManager manager;
    private final List<NDArray> copies = new ArrayList<>();
    private final Block block;

    /**
     * Copies the block's current parameters.
     *
     * @param block the block
     * @param parent where the copies' manager is created
     */
    WeightSnapshot(Block block, NDManager parent) {
        this.block = block;
        this.manager = parent.newSubManager();
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray copy = p.getValue().getArray().duplicate();
            copy.attach(manager);
            copies.add(copy);
        }
    }

    /** Writes the copies back into the block's parameters. */
    void restore() {
        int i = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            copies.get(i++).copyTo(p.getValue().getArray());
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
