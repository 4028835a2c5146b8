/**
 * The active learning loop: rounds of train → evaluate → score → select → label → checkpoint.
 *
 * <p>Round r trains on every item labeled in rounds 1..r (the initial set is round 1), evaluates on
 * the test set when there is one, asks the strategy for a batch, and the oracle's labels for that batch are recorded
 * as round r + 1. A run of R query rounds evaluates R + 1 times.
 *
 * <p>Every stochastic part draws from a seed derived from (run seed, round, purpose) by {@link
 * dev.quarry.engine.loop.Seeds}, so the same configuration and seed select the same items. After
 * every step that changes what is known (a selection, a labeling, an evaluation) the {@link
 * dev.quarry.engine.loop.RunState} is written atomically to {@code checkpoint.json}; a run killed at
 * any point resumes from it and continues exactly as the uninterrupted run would, because each
 * round's training and selection depend only on the checkpointed labels and the derived seeds. A
 * selection is checkpointed before the oracle is asked, so a human oracle can stop the run
 * ({@link dev.quarry.engine.loop.LabelsPendingException}) and a later resume picks up the same query.
 * People's answers are votes in the checkpoint that {@link dev.quarry.engine.loop.VotingOracle}
 * resolves; an oracle may answer part of a query, and the rest stays pending.
 *
 * <p>The checkpoint carries a {@link dev.quarry.engine.loop.RunFingerprint}: exactly what changes
 * results, so a resume with another configuration is refused naming what differs, while another
 * device or inference batch size is allowed. {@link dev.quarry.engine.loop.ActiveLearningLoop} only
 * orchestrates; reports, progress lines and dashboards are {@link
 * dev.quarry.engine.loop.RunListener}s, told after every checkpoint.
 */
package dev.quarry.engine.loop;
