package dev.quarry.engine.data;

import java.util.Objects;

/**
 * The two datasets an experiment uses: the pool the strategy selects from and the held-out test
 * set the model is evaluated on. Both have the same image shape and classes.
 *
 * @param pool the pool; its ground truth serves the simulated oracle
 * @param test the test set; it needs ground truth
 */
public record ExperimentData(ImageDataset pool, ImageDataset test) {

    /**
     * Checks that the two fit together.
     *
     * @param pool the pool
     * @param test the test set
     */
    public ExperimentData {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(test, "test");
        if (pool.channels() != test.channels() || pool.height() != test.height() || pool.width() != test.width()) {
            throw new IllegalArgumentException("Pool images " + pool + " and test images " + test + " differ in shape.");
        }
        if (pool.numClasses() != test.numClasses()) {
            throw new IllegalArgumentException("Pool has " + pool.numClasses() + " classes but the test set has "
                    + test.numClasses() + ".");
        }
        if (!test.hasLabels()) {
            throw new IllegalArgumentException("The test set " + test.name() + " needs ground-truth labels.");
        }
    }
}
