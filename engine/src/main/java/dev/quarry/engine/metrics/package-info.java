/**
 * How well a round's model does, and how good a whole run was.
 *
 * <p>{@link dev.quarry.engine.metrics.ClassificationMetrics} computes accuracy, negative
 * log-likelihood and expected calibration error (15 equal-width bins) from class probabilities;
 * {@link dev.quarry.engine.metrics.Aubc} is the area under the budget curve, normalized by the
 * labeled-count span so that a constant accuracy a scores a.
 */
package dev.quarry.engine.metrics;
