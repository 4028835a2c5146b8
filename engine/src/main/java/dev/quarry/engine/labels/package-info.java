/**
 * The label state of a run.
 *
 * <p>{@link dev.quarry.engine.labels.LabelLedger} is one {@code labeledAtRound} array (0 =
 * unlabeled, r = labeled in round r; the initial set is round 1), the labels the oracle gave, and
 * the order they arrived in; its {@link dev.quarry.engine.labels.LabelLedger.Snapshot} is what a
 * checkpoint stores. Ids are global item ids; unlabeled ids come back in ascending order so that a
 * strategy's ties break by the lower id. {@link dev.quarry.engine.labels.InitialSelection} draws the
 * seeded initial labeled set, uniformly or class-balanced.
 *
 * <p>When people answer, each answer is a {@link dev.quarry.engine.labels.Vote} kept in the
 * checkpoint (who, when, which class); {@link dev.quarry.engine.labels.Votes} is the one rule that
 * turns an item's votes into its label: ground truth first, then the majority, then the most recent.
 */
package dev.quarry.engine.labels;
