/**
 * People as the oracle.
 *
 * <p><b>Their data.</b> {@link dev.quarry.labeling.ImageFolderDataset} is {@code --dataset images}: a
 * class-folder layout or a CSV manifest ({@link dev.quarry.labeling.ImageCatalog}) decoded by {@link
 * dev.quarry.labeling.ImageDecoder} (ImageIO: PNG, JPEG, BMP, GIF, TIFF) once, into a {@link
 * dev.quarry.labeling.DecodeCache} that a changed file invalidates.
 *
 * <p><b>Queries out.</b> {@link dev.quarry.labeling.LabelingRuns} runs an experiment with {@link
 * dev.quarry.labeling.QueryFiles} listening: every query people are asked is written before the run
 * checkpoints it, as {@code query.csv}, Label Studio's task import JSON and labeling config ({@link
 * dev.quarry.labeling.QueryExport}), with items that are not image files rendered by {@link
 * dev.quarry.labeling.ItemRenderer}.
 *
 * <p><b>Answers in.</b> Every answer becomes a {@link dev.quarry.engine.labels.Vote} in the run's
 * checkpoint, and the engine's one rule resolves several votes for an item. Files come in through
 * {@link dev.quarry.labeling.LabelImport} ({@link dev.quarry.labeling.LabelFileReader}: Quarry's CSV,
 * Label Studio's full JSON and JSON-MIN; {@link dev.quarry.labeling.LabelVotes} checks them); the
 * labeling page ({@link dev.quarry.labeling.LabelPage}) and Label Studio's ML-backend protocol ({@link
 * dev.quarry.labeling.LabelStudioBackend}) come in through {@link dev.quarry.labeling.LabelServer},
 * the JDK's HTTP server around a {@link dev.quarry.labeling.LabelingSession}, which writes each vote
 * before acknowledging it and runs the next round when a batch is complete. {@link
 * dev.quarry.labeling.LabelStatus} says what a run waits for.
 *
 * <p>Rules: items are joined on Quarry's item id ({@code data.item_id} in Label Studio; its own task
 * ids change on every import) and classes on their names. A file or request that cannot be read, or
 * that names an item or class the run does not know, is refused whole with the offending rows named,
 * so an import never half-happens. One process writes a run directory at a time ({@link
 * dev.quarry.engine.io.RunLock}). The server binds to loopback unless told otherwise, requires its
 * token on every request, and caps bodies.
 */
package dev.quarry.labeling;
