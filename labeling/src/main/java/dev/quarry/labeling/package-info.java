/**
 * People as the oracle. A round's query goes out as files ({@link dev.quarry.labeling.QueryExport}:
 * {@code query.csv}, Label Studio's task import JSON and labeling config). The answers come back as a
 * file ({@link dev.quarry.labeling.LabelFileReader}): Quarry's own CSV ({@code item_id,label}) or
 * Label Studio's exports (full JSON, which keeps cancelled and ground-truth annotations, and
 * JSON-MIN); several answers for one item are reduced to one label by a documented rule ({@link
 * dev.quarry.labeling.LabelVotes}). A user's images are listed from a class-folder layout or a CSV
 * manifest ({@link dev.quarry.labeling.ImageCatalog}) and decoded to float pixels by {@link
 * dev.quarry.labeling.ImageDecoder} (ImageIO; PNG, JPEG, BMP, GIF, TIFF).
 *
 * <p>Rules: items are joined on Quarry's item id ({@code data.item_id} in Label Studio; its own task
 * ids change on every import) and classes on their names. A file that cannot be read, or that names
 * an item or class the run does not know, is refused whole with the offending rows named, so an
 * import never half-happens.
 */
package dev.quarry.labeling;
