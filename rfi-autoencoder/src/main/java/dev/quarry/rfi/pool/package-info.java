/**
 * The RF pool for active learning: simulated footprints as a labeled, image-like dataset that the
 * engine's loop, models and strategies use unchanged ({@code --dataset rf-smap}), contributed through
 * the engine's {@link dev.quarry.engine.data.DatasetProvider} service, and the {@code recon-error}
 * strategy, which queries the footprints the mitigating autoencoder changes most.
 *
 * <p>Ownership: this package turns footprints into datasets and scores them; simulation stays in
 * {@code sim}, the autoencoder in {@code ae}.
 */
package dev.quarry.rfi.pool;
