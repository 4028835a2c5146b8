package dev.quarry.engine.errors;

/**
 * The model or the numerics failed on valid input: training diverged, the model produced NaN or
 * infinite outputs, MC-dropout passes do not differ. The message says what to try (a lower
 * learning rate, a model with dropout, ...).
 */
public class ModelFailureException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and what to try
     */
    public ModelFailureException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what failed and what to try
     * @param cause the underlying failure
     */
    public ModelFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
