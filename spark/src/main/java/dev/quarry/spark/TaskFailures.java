package dev.quarry.spark;

import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.errors.ModelFailureException;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * Spark wraps what a task threw in a {@code SparkException}; Quarry's callers (and the CLI's exit
 * codes) need the cause's type back: bad input, a model failure, a corrupt or missing file.
 */
final class TaskFailures {

    private TaskFailures() {}

    /**
     * Runs a Spark action, rethrowing a task's Quarry exception as itself.
     *
     * @param action the action
     * @param <T> its result
     * @return the result
     * @throws IOException for a task's file error (corrupt, or missing where the executor looked)
     */
    static <T> T unwrapped(Supplier<T> action) throws IOException {
        try {
            return action.get();
        } catch (Exception e) { // Spark's Scala code throws the checked SparkException undeclared
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof InvalidInputException || t instanceof ModelFailureException) {
                    throw (RuntimeException) t;
                }
                if (t instanceof IOException io) {
                    throw io; // a corrupt file, or one an executor cannot see
                }
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("The Spark job failed: " + e.getMessage(), e);
        }
    }
}
