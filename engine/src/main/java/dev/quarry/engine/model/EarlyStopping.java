package dev.quarry.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Early stopping on a held-out slice of the labeled set: a seeded, class-stratified {@code holdout}
 * fraction is kept out of training, its accuracy is measured after every epoch, training stops once
 * {@code patience} epochs in a row fail to improve it, and the weights of the best epoch are kept.
 * The held-out items are not trained on, a real cost at small labeled sets.
 *
 * @param holdout the fraction of the labeled set held out, in [0, 0.5); 0 turns early stopping off
 * @param patience epochs without improvement before stopping, >= 1 when on
 */
public record EarlyStopping(double holdout, int patience) {

    /** No early stopping: every planned epoch runs on every labeled item. */
    public static final EarlyStopping OFF = new EarlyStopping(0, 0);

    /**
     * Validates the settings.
     *
     * @param holdout the held-out fraction
     * @param patience the patience
     */
    public EarlyStopping {
        if (!(holdout >= 0 && holdout < 0.5)) {
            throw new IllegalArgumentException("Early-stopping holdout " + holdout + " must be in [0, 0.5) (0: off).");
        }
        if (holdout > 0 && patience < 1) {
            throw new IllegalArgumentException("Early-stopping patience " + patience + " must be >= 1 epoch.");
        }
    }

    /** @return whether a slice is held out */
    @JsonIgnore
    public boolean isOn() {
        return holdout > 0;
    }

    /**
     * How many of {@code rows} labeled items are held out: at least one item, and at least one
     * left to train on.
     *
     * @param rows the labeled items
     * @return the held-out count; 0 when off or when there are fewer than 2 items
     */
    public int heldOut(int rows) {
        if (!isOn() || rows < 2) {
            return 0;
        }
        return (int) Math.min(rows - 1, Math.max(1, Math.round(holdout * rows)));
    }
}
