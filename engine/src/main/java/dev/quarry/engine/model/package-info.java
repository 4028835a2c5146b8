/**
 * Learners: how the loop trains a classifier on items of any shape and gets probabilities,
 * MC-dropout probabilities and embeddings out of it.
 *
 * <p>{@link dev.quarry.engine.model.Learner} is the SPI; outputs stream chunk by chunk ({@link
 * dev.quarry.engine.model.ChunkConsumer}) so that scorers can reduce them on the device without
 * holding a pool's {@code (N, T, C)} tensor, and {@link dev.quarry.engine.model.Learner#settings()}
 * says what about a learner changes results, for a run's fingerprint. {@link
 * dev.quarry.engine.model.DjlClassifier} holds what every DJL model shares (training through {@link
 * dev.quarry.engine.model.SeededTraining}, the one seeded training loop, which the RFI autoencoder
 * uses too; chunked inference in {@code NDScope}s; saving). {@link
 * dev.quarry.engine.model.BlockClassifier} adapts a network a user builds from DJL blocks (a trunk
 * whose output is the embedding, a head, {@link dev.quarry.engine.model.McDropout} blocks for MC
 * dropout); {@link dev.quarry.engine.model.CnnClassifier} (images) and {@link
 * dev.quarry.engine.model.MlpClassifier} (feature vectors) are Quarry's instances; {@link
 * dev.quarry.engine.model.TorchScriptClassifier} trains and queries an exported PyTorch module.
 *
 * <p>MC dropout runs with {@code training=false} and dropout forced on, so BatchNorm keeps its
 * running statistics (DJL's {@code training=true} would switch BatchNorm to batch statistics and
 * update them). {@link dev.quarry.engine.model.McSpec} asks for T passes, through the whole network
 * or the head only, with independent or shared masks.
 */
package dev.quarry.engine.model;
