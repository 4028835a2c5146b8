/**
 * Progress of long work (training, pool inference, rounds) as the loop and models report it.
 *
 * <p>Work reports to a {@link dev.quarry.engine.progress.ProgressReporter}; the console one draws
 * progress bars on standard error (and plain lines when that is not a terminal), the silent one
 * discards everything, which is what library users and tests get by default.
 */
package dev.quarry.engine.progress;
