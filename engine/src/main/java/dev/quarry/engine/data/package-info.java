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
 * <p>{@link dev.quarry.engine.data.ImageDataset} holds images with optional ground truth; {@link
 * dev.quarry.engine.data.DatasetSpec} names where a pool and test set come from, including the
 * embedded 10 000-image Fashion-MNIST test split that lets the default job run anywhere.
 */
package dev.quarry.engine.data;
