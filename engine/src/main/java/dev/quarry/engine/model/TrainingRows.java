package dev.quarry.engine.model;

import dev.quarry.engine.data.StratifiedSampling;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Which labeled rows a round trains on, as positions into its labeled ids: the rows whose epochs
 * the plan counts, the older rows replay draws from, and the rows held out for early stopping.
 *
 * @param plan the rows every epoch visits (all trained rows, or the new ones under replay)
 * @param replay the older rows batches draw replay items from; empty without replay
 * @param heldOut the rows held out for early stopping, ascending; empty without it
 */
record TrainingRows(int[] plan, int[] replay, int[] heldOut) {

    /** Seed offset of the held-out split, apart from the epoch shuffles' stream. */
    private static final long HOLDOUT_STREAM = 0x6A09E667F3BCC909L;

    /**
     * Decides the rows.
     *
     * @param options the training options
     * @param labels the labeled items' classes
     * @param classes the number of classes
     * @param ids the labeled ids
     * @param newIds the ids labeled since the previous fit
     * @param warm whether training continues from earlier weights (replay needs them)
     * @param seed the round's training seed
     * @return the rows
     */
    static TrainingRows of(TrainingOptions options, int[] labels, int classes, long[] ids, long[] newIds, boolean warm,
            long seed) {
        int n = ids.length;
        int held = options.earlyStopping().heldOut(n);
        int[] trained;
        int[] heldOut;
        if (held > 0) {
            int[][] parts = StratifiedSampling.split(labels, classes, held, seed ^ HOLDOUT_STREAM);
            trained = parts[0];
            heldOut = parts[1];
        } else {
            trained = all(n);
            heldOut = new int[0];
        }
        if (!options.replay().isOn() || !warm) {
            return new TrainingRows(trained, new int[0], heldOut);
        }
        Set<Long> fresh = new HashSet<>();
        for (long id : newIds) {
            fresh.add(id);
        }
        int[] recent = Arrays.stream(trained).filter(p -> fresh.contains(ids[p])).toArray();
        int[] old = Arrays.stream(trained).filter(p -> !fresh.contains(ids[p])).toArray();
        if (recent.length == 0 || old.length == 0) {
            return new TrainingRows(trained, new int[0], heldOut);
        }
        return new TrainingRows(recent, old, heldOut);
    }

    private static int[] all(int n) {
        int[] rows = new int[n];
        Arrays.setAll(rows, i -> i);
        return rows;
    }
}
