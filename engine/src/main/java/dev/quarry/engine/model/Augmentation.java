package dev.quarry.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Label-preserving image augmentation of training batches: each item is zero-padded by {@code
 * padding} pixels and cropped back to its size at a random offset, and mirrored left to right with
 * probability 1/2 when {@code horizontalFlip} is on. The draws come from the round's training seed,
 * so a round trains on the same batches every time. Only for images {@code (C, H, W)}; turn the flip
 * off where a mirror image changes the class (digits, text).
 *
 * @param padding pixels added on every side before the crop, >= 0 (0: no crop)
 * @param horizontalFlip mirror half the items left to right
 */
public record Augmentation(int padding, boolean horizontalFlip) {

    /** No augmentation. */
    public static final Augmentation NONE = new Augmentation(0, false);

    /**
     * Validates the augmentation.
     *
     * @param padding pixels per side, >= 0
     * @param horizontalFlip whether to mirror
     */
    public Augmentation {
        if (padding < 0) {
            throw new IllegalArgumentException("Augmentation padding " + padding + " must be >= 0 (0: no random crop).");
        }
    }

    /** @return whether anything is augmented */
    @JsonIgnore
    public boolean isOn() {
        return padding > 0 || horizontalFlip;
    }
}
