package dev.quarry.labeling;

import java.time.Instant;
import java.util.Objects;

/**
 * One person's answer about one item, as a label file gives it.
 *
 * @param itemId Quarry's item id, as written in the file
 * @param label the chosen class name, or null when the answer chose none
 * @param cancelled whether the annotation was skipped or cancelled (Label Studio's {@code was_cancelled})
 * @param groundTruth whether it is marked ground truth
 * @param annotator who answered, or null when the file does not say
 * @param updatedAt when the answer was last changed, or null when the file does not say
 * @param sequence orders answers with equal or unknown times: higher is newer (file order, reversed
 *     for JSON-MIN, which lists the newest first)
 * @param where the row or record in the file, for messages
 */
public record Answer(String itemId, String label, boolean cancelled, boolean groundTruth, String annotator,
        Instant updatedAt, long sequence, String where) {

    /**
     * Checks the answer.
     *
     * @throws NullPointerException if the item id or position is missing
     */
    public Answer {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(where, "where");
    }
}
