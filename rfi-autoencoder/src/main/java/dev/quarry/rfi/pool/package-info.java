/**
 * The RF pool for active learning: simulated footprints as a labeled dataset of {@code (2, 16, 8)}
 * items that the engine's loop, learners and strategies use unchanged (the {@code rf-smap} dataset),
 * contributed through the engine's {@link dev.quarry.engine.data.DatasetProvider} service; the
 * {@code recon-error} strategy ({@link dev.quarry.rfi.pool.ReconErrorScorer}, a scorer of the items
 * themselves), which queries the footprints the mitigating autoencoder changes most; and {@code
 * ae-embeddings} ({@link dev.quarry.rfi.pool.AutoencoderEncoder}), which gives any embedding-space
 * strategy the autoencoder's code instead of the classifier's embeddings.
 *
 * <p>Ownership: this package turns footprints into datasets, scores and encodes them; simulation
 * stays in {@code sim}, the autoencoder in {@code ae}.
 */
package dev.quarry.rfi.pool;
