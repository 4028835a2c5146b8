package dev.quarry.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Continual-learning warm start with experience replay (Das et al. 2023, CAL-ER): a warm-started
 * round trains on the labels that are new since the last round, each mini-batch of them
 * concatenated with {@code ratio} times as many items drawn at random from the older labels, so a
 * round costs steps in proportion to the new labels instead of the whole labeled set. The first
 * round (nothing old yet) trains on everything.
 *
 * <h2>References</h2>
 * Das, Bhatt, Bhalerao, Gao, Yang, Bilmes, "Accelerating Batch Active Learning Using Continual
 * Learning Techniques", TMLR 2023.
 *
 * @param ratio replayed old items per new item in a batch, > 0; 0 turns replay off
 */
public record Replay(double ratio) {

    /** No replay: every round trains on the whole labeled set. */
    public static final Replay OFF = new Replay(0);

    /**
     * Validates the ratio.
     *
     * @param ratio old items per new item
     */
    public Replay {
        if (!(ratio >= 0 && ratio <= 16)) {
            throw new IllegalArgumentException("Replay ratio " + ratio + " must be in [0, 16] (0: off).");
        }
    }

    /** @return whether replay is on */
    @JsonIgnore
    public boolean isOn() {
        return ratio > 0;
    }

    /**
     * The replayed items that go with a batch of new ones.
     *
     * @param newItems the batch's new items
     * @param oldItems how many old items there are to draw from
     * @return the count, at most {@code oldItems}
     */
    public int replayed(int newItems, int oldItems) {
        return (int) Math.min(oldItems, Math.round(ratio * newItems));
    }
}
