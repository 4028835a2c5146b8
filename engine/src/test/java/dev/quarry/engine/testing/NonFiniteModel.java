package dev.quarry.engine.testing;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.data.ImageDataset;
import dev.quarry.engine.model.ClassifierModel;
import dev.quarry.engine.progress.ProgressReporter;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Wraps a real model and corrupts its pool outputs (not the test-set evaluation) with NaN in given
 * rows, as a model with a numerical bug would: for tests of the non-finite output checks.
 */
public final class NonFiniteModel implements ClassifierModel {

    private final ClassifierModel delegate;
    private final int testSize;
    private final long[] badRows;

    /**
     * Wraps a model.
     *
     * @param delegate the real model
     * @param testSize calls on exactly this many ids are evaluations and stay clean
     * @param badRows the output rows to corrupt
     */
    public NonFiniteModel(ClassifierModel delegate, int testSize, long... badRows) {
        this.delegate = delegate;
        this.testSize = testSize;
        this.badRows = badRows;
    }

    private NDArray corrupt(NDArray out, int n) {
        if (n == testSize) {
            return out;
        }
        for (long row : badRows) {
            out.set(new ai.djl.ndarray.index.NDIndex(row + ", ..."), Float.NaN);
        }
        return out;
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
    public void fit(ImageDataset data, long[] ids, int[] labels, long seed) {
        delegate.fit(data, ids, labels, seed);
    }

    @Override
    public boolean isWarmStarted() {
        return delegate.isWarmStarted();
    }

    @Override
    public NDArray probabilities(ImageDataset data, long[] ids, NDManager manager) {
        return corrupt(delegate.probabilities(data, ids, manager), ids.length);
    }

    @Override
    public NDArray mcProbabilities(ImageDataset data, long[] ids, int samples, long seed, NDManager manager) {
        return corrupt(delegate.mcProbabilities(data, ids, samples, seed, manager), ids.length);
    }

    @Override
    public NDArray embeddings(ImageDataset data, long[] ids, NDManager manager) {
        return corrupt(delegate.embeddings(data, ids, manager), ids.length);
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
