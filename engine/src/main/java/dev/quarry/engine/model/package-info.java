/**
 * Model adapters: how the loop trains a classifier and gets probabilities, MC-dropout
 * probabilities and embeddings out of it.
 *
 * <p>{@link dev.quarry.engine.model.ClassifierModel} is the adapter contract; {@link
 * dev.quarry.engine.model.CnnClassifier} is the DJL implementation Quarry ships: a small CNN split
 * into a deterministic <em>trunk</em> (its output is the penultimate embedding) and a <em>head</em>
 * whose {@link dev.quarry.engine.model.McDropout} block can stay on at inference time. MC dropout
 * runs with {@code training=false} and the MC flag on, so BatchNorm keeps its running statistics
 * (DJL's {@code training=true} would switch BatchNorm to batch statistics and update them).
 *
 * <p>Inference is batched and chunked on the model's device; every chunk's temporaries live in an
 * {@code NDScope}, and only the result array, preallocated in the caller's manager, survives.
 */
package dev.quarry.engine.model;
