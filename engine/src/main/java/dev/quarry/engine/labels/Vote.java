package dev.quarry.engine.labels;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One person's answer about one item, as recorded in a run's checkpoint: from a label file, the
 * labeling page or Label Studio. Several votes for one item are resolved by {@link Votes}; every
 * vote is kept, so who answered what stays on record after the item is labeled.
 *
 * @param itemId the item's global id
 * @param label the chosen class index
 * @param groundTruth whether the vote is marked ground truth (Label Studio's reviewed answers)
 * @param atMillis when it was given or last changed, epoch milliseconds (the recording time when the
 *     source does not say)
 * @param annotator who answered (their later vote on an item replaces an earlier one), or null when
 *     unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"itemId", "label", "groundTruth", "atMillis", "annotator"})
public record Vote(long itemId, int label, boolean groundTruth, long atMillis, String annotator) {

    /**
     * Checks the vote.
     *
     * @param itemId the item
     * @param label the class
     * @param groundTruth whether it is ground truth
     * @param atMillis when
     * @param annotator who, or null
     */
    public Vote {
        if (itemId < 0 || label < 0) {
            throw new IllegalArgumentException("A vote needs an item id and a class index >= 0; got item " + itemId
                    + ", class " + label + ".");
        }
    }
}
