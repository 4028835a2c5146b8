package dev.quarry.engine.testing;

import dev.quarry.engine.data.DatasetSpec;
import dev.quarry.engine.data.ExperimentData;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Small real-data pools cut from the embedded Fashion-MNIST subset, loaded once per JVM. */
public final class SubsetData {

    private static ExperimentData small;

    private SubsetData() {}

    /**
     * A 600-item pool and a 300-item test set, stratified and fixed.
     *
     * @return the data
     */
    public static synchronized ExperimentData small() {
        if (small == null) {
            try {
                small = DatasetSpec.embeddedSubset().withSizes(600, 0).load();
                small = new ExperimentData(small.pool(), small.test().orElseThrow().subset("small-test",
                        java.util.stream.IntStream.range(0, 300).toArray()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return small;
    }
}
