/**
 * Model adapters: how the loop trains a classifier and gets probabilities, MC-dropout
 * probabilities and embeddings out of it.
 *
 * <p>{@link dev.quarry.engine.model.ClassifierModel} is the adapter contract; outputs stream chunk
 * by chunk ({@link dev.quarry.engine.model.ChunkConsumer}) so that strategies can reduce them on
 * the device without holding a pool's {@code (N, T, C)} tensor. {@link
 * dev.quarry.engine.model.DjlClassifier} holds what every DJL model shares (seeded training with
 * DJL's Trainer, chunked inference in {@code NDScope}s, saving). {@link
 * dev.quarry.engine.model.BlockClassifier} adapts a network a user builds from DJL blocks (a trunk
 * whose output is the embedding, a head, {@link dev.quarry.engine.model.McDropout} blocks for MC
 * dropout); {@link dev.quarry.engine.model.CnnClassifier} is Quarry's default instance; {@link
 * dev.quarry.engine.model.TorchScriptClassifier} trains and queries an exported PyTorch module.
 *
 * <p>MC dropout runs with {@code training=false} and dropout forced on, so BatchNorm keeps its
 * running statistics (DJL's {@code training=true} would switch BatchNorm to batch statistics and
 * update them). {@link dev.quarry.engine.model.McSpec} asks for T passes, through the whole network
 * or the head only, with independent or shared masks.
 */
package dev.quarry.engine.model;
