/**
 * File writing that never leaves a half-written file behind.
 *
 * <p>Every file Quarry writes that a user relies on (checkpoints, labels, reports, {@code .npy}
 * outputs) goes through {@link dev.quarry.engine.io.AtomicFiles}: the bytes go to a temporary file
 * in the same directory, are forced to disk, and the file is renamed over the target in one atomic
 * step, so a crash leaves either the old file or the new one.
 */
package dev.quarry.engine.io;
