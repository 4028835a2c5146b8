package dev.quarry.engine.progress;

/** Where long work reports its progress. */
public interface ProgressReporter {

    /** Discards all progress. */
    ProgressReporter SILENT = (description, total, unit) -> new ProgressTask() {
        @Override
        public void step(long amount) {
            // silent
        }

        @Override
        public void message(String message) {
            // silent
        }

        @Override
        public void close() {
            // silent
        }
    };

    /**
     * Starts reporting a task.
     *
     * @param description what is being done, such as {@code round 3 train}
     * @param total the number of units, or -1 if unknown
     * @param unit the unit's name, such as {@code batches}
     * @return the task; close it when done
     */
    ProgressTask start(String description, long total, String unit);
}
