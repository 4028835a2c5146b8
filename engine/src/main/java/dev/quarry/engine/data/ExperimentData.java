package dev.quarry.engine.data;

import dev.quarry.engine.errors.InvalidInputException;

import java.util.Objects;
import java.util.Optional;

/**
 * The data an experiment uses: the pool the strategy selects from and, when there is one, a held-out
 * test set the model is evaluated on. A labeling campaign on one's own data often has no test set;
 * a run then reports what it can without accuracy (labels, selections, scores, training loss).
 *
 * @param pool the pool; its ground truth, if any, serves the simulated oracle
 * @param test the test set, with ground truth, the same item shape and classes as the pool
 */
public record ExperimentData(ArrayDataset pool, Optional<ArrayDataset> test) {

    /**
     * Checks that the two fit together.
     *
     * @param pool the pool
     * @param test the test set, or empty
     * @throws InvalidInputException naming what does not fit
     */
    public ExperimentData {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(test, "test");
        test.ifPresent(t -> {
            if (!pool.itemShape().equals(t.itemShape())) {
                throw new InvalidInputException("Pool items " + pool + " and test items " + t + " differ in shape.");
            }
            if (!pool.classNames().equals(t.classNames())) {
                throw new InvalidInputException("Pool classes " + pool.classNames() + " and test classes " + t.classNames()
                        + " differ.");
            }
            if (!t.hasLabels()) {
                throw new InvalidInputException("The test set " + t.name() + " needs ground-truth labels.");
            }
        });
    }

    /**
     * A pool and its test set.
     *
     * @param pool the pool
     * @param test the test set
     */
    public ExperimentData(ArrayDataset pool, ArrayDataset test) {
        this(pool, Optional.of(test));
    }

    /**
     * A pool without a test set.
     *
     * @param pool the pool
     * @return the data
     */
    public static ExperimentData withoutTestSet(ArrayDataset pool) {
        return new ExperimentData(pool, Optional.empty());
    }
}
