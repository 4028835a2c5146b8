/**
 * Datasets and the readers behind them.
 *
 * <p>{@link dev.quarry.engine.data.HostArray} is the one host-side tensor type: a shape, an element
 * type and little-endian bytes, produced by {@link dev.quarry.engine.data.IdxReader} (MNIST and
 * Fashion-MNIST files, raw or gzipped) and {@link dev.quarry.engine.data.NpyReader} (NumPy {@code
 * .npy}), and written by {@link dev.quarry.engine.data.NpyWriter} for interchange with Python
 * research code. Readers validate magic numbers, headers, dimensions and lengths, and fail with a
 * {@link dev.quarry.engine.data.DataFormatException} that names the file and what was wrong.
 *
 * <p>An {@link dev.quarry.engine.data.ItemSource} is what learners train on and strategies select
 * from: ids and batches of tensors of one shape (images, feature vectors, RF footprints). {@link
 * dev.quarry.engine.data.ArrayDataset} is the one held in a host array, with optional ground truth
 * (or, for a partly labeled pool, {@link dev.quarry.engine.data.GivenLabels}) and the file each item
 * came from;
 * {@link dev.quarry.engine.data.CsvTable} reads feature tables; {@link
 * dev.quarry.engine.data.DatasetSpec} names where a pool and an optional test set come from (with
 * {@link dev.quarry.engine.data.ImageOptions} for folders of images, read by the labeling module),
 * including the embedded 10 000-image Fashion-MNIST test split that lets the default job run
 * anywhere. {@link dev.quarry.engine.data.Shuffle} is the one seeded shuffle and {@link
 * dev.quarry.engine.data.NonFinite} the one check for NaN and infinity.
 */
package dev.quarry.engine.data;
