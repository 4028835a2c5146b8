package dev.quarry.engine.testing;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

import dev.quarry.engine.data.ItemSource;
import dev.quarry.engine.model.ChunkConsumer;
import dev.quarry.engine.model.FitReport;
import dev.quarry.engine.model.Learner;
import dev.quarry.engine.model.McSpec;
import dev.quarry.engine.progress.ProgressReporter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Wraps a real model and corrupts its pool outputs (not the test-set evaluation) with NaN in given
 * rows, as a model with a numerical bug would: for tests of the non-finite output checks.
 */
public final class NonFiniteModel implements Learner {

    private final Learner delegate;
    private final int testSize;
    private final long[] badRows;

    /**
     * Wraps a model.
     *
     * @param delegate the real model
     * @param testSize calls on exactly this many ids are evaluations and stay clean
     * @param badRows the output rows to corrupt
     */
    public NonFiniteModel(Learner delegate, int testSize, long... badRows) {
        this.delegate = delegate;
        this.testSize = testSize;
        this.badRows = badRows;
    }

    /** Wraps a consumer so that the bad rows of pool outputs (never test-set evaluations) become NaN. */
    private ChunkConsumer corrupting(int n, ChunkConsumer consumer) {
        if (n == testSize) {
            return consumer;
        }
        return (from, to, chunk) -> {
            for (long row : badRows) {
                if (row >= from && row < to) {
                    chunk.set(new NDIndex((row - from) + ", ..."), Float.NaN);
                }
            }
            consumer.accept(from, to, chunk);
        };
    }

    @Override
    public int numClasses() {
        return delegate.numClasses();
    }

    @Override
    public Device device() {
        return delegate.device();
    }

    @Override
    public FitReport fit(ItemSource data, long[] ids, int[] labels, long seed) {
        return delegate.fit(data, ids, labels, seed);
    }

    @Override
    public Map<String, String> settings() {
        return delegate.settings();
    }

    @Override
    public boolean isWarmStarted() {
        return delegate.isWarmStarted();
    }

    @Override
    public void forEachProbabilityChunk(ItemSource data, long[] ids, NDManager manager, ChunkConsumer consumer) {
        delegate.forEachProbabilityChunk(data, ids, manager, corrupting(ids.length, consumer));
    }

    @Override
    public void forEachMcChunk(ItemSource data, long[] ids, McSpec spec, long seed, NDManager manager,
            ChunkConsumer consumer) {
        delegate.forEachMcChunk(data, ids, spec, seed, manager, corrupting(ids.length, consumer));
    }

    @Override
    public NDArray embeddings(ItemSource data, long[] ids, NDManager manager) {
        return delegate.embeddings(data, ids, manager);
    }

    @Override
    public void setProgress(ProgressReporter progress) {
        delegate.setProgress(progress);
    }

    @Override
    public void save(Path directory) throws IOException {
        delegate.save(directory);
    }

    @Override
    public void load(Path directory) throws IOException {
        delegate.load(directory);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
