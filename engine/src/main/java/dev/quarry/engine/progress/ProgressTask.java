package dev.quarry.engine.progress;

/** One unit of long work being reported; close it when the work ends. */
public interface ProgressTask extends AutoCloseable {

    /**
     * Advances the task.
     *
     * @param amount how many units were completed
     */
    void step(long amount);

    /**
     * Shows a short status next to the bar, such as the current loss.
     *
     * @param message the status
     */
    void message(String message);

    /** Ends the task. */
    @Override
    void close();
}
