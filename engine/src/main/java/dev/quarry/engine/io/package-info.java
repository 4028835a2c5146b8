/**
 * File writing that never leaves a half-written file behind.
 *
 * <p>Every file Quarry writes that a user relies on (checkpoints, labels, reports, {@code .npy}
 * outputs) goes through {@link dev.quarry.engine.io.AtomicFiles}: the bytes go to a temporary file
 * in the same directory, are forced to disk, and the file is renamed over the target in one atomic
 * step, so a crash leaves either the old file or the new one. {@link dev.quarry.engine.io.RunLock}
 * lets one process at a time rewrite a run directory's checkpoint (a run, a label import, the
 * labeling page), so that none overwrites what another just wrote. {@link
 * dev.quarry.engine.io.FileTrees} deletes whole directories (staged models, replaced weights).
 */
package dev.quarry.engine.io;
