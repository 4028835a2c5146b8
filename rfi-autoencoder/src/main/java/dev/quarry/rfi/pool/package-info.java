/**
 * The RF pool for active learning: simulated footprints as a labeled, image-like dataset that the
 * engine's loop, models and strategies use unchanged ({@code --dataset rf-smap}), contributed through
 * the engine's {@link dev.quarry.engine.data.DatasetProvider} service.
 *
 * <p>Ownership: this package only turns footprints into datasets; simulation stays in {@code sim}.
 */
package dev.quarry.rfi.pool;
