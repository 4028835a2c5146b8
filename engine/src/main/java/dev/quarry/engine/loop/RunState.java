package dev.quarry.engine.loop;

import dev.quarry.engine.labels.LabelLedger;
import dev.quarry.engine.labels.Vote;
import dev.quarry.engine.labels.Votes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a killed run needs to continue: what was evaluated and selected, every label the
 * oracle gave (with its round), and a query the oracle has not answered yet.
 *
 * @param formatVersion the checkpoint format, {@link #FORMAT_VERSION}
 * @param fingerprint what the run's results depend on; a resume with another one is refused
 * @param rounds every evaluated round
 * @param labeled every label received, in the order received
 * @param pending a selection not yet labeled, or null
 * @param classes the pool's class names, in label order, so that people's answers can be read
 *     without loading the pool (null in a checkpoint written before they were recorded)
 * @param votes every answer people gave (label files, the labeling page, Label Studio), in the order
 *     recorded: for a pending item, what its label will be resolved from; for a labeled one, the record
 *     of who answered what
 */
public record RunState(int formatVersion, RunFingerprint fingerprint, List<RoundRecord> rounds,
        LabelLedger.Snapshot labeled, PendingQuery pending, List<String> classes, List<Vote> votes) {

    /** The current checkpoint format: 2 since the fingerprint became a record and rounds record their training loss. */
    public static final int FORMAT_VERSION = 2;

    /**
     * Validates the state.
     *
     * @param formatVersion the format
     * @param fingerprint the configuration
     * @param rounds the evaluated rounds
     * @param labeled the labels
     * @param pending the unanswered query, or null
     * @param classes the class names, or null
     * @param votes people's answers (null in a checkpoint without any)
     */
    public RunState {
        Objects.requireNonNull(fingerprint, "fingerprint");
        rounds = List.copyOf(rounds);
        Objects.requireNonNull(labeled, "labeled");
        classes = classes == null ? null : List.copyOf(classes);
        votes = votes == null ? List.of() : List.copyOf(votes);
    }

    /**
     * The pending query's items that people have answered, with the class their votes resolve to.
     *
     * @return labels by item; empty when nothing is pending
     */
    public Map<Long, Integer> answeredPending() {
        if (pending == null) {
            return Map.of();
        }
        Map<Long, Integer> resolved = Votes.resolve(votes).labels();
        Map<Long, Integer> out = new LinkedHashMap<>();
        for (long id : pending.ids()) {
            if (resolved.containsKey(id)) {
                out.put(id, resolved.get(id));
            }
        }
        return out;
    }

    /**
     * The same state without one vote (a person's undo).
     *
     * @param vote a recorded vote
     * @return the new state
     */
    public RunState withoutVote(Vote vote) {
        List<Vote> all = new ArrayList<>(votes);
        all.remove(vote);
        return new RunState(formatVersion, fingerprint, rounds, labeled, pending, classes, all);
    }

    /**
     * The same state with more votes recorded.
     *
     * @param more the new votes, after the existing ones
     * @return the new state
     */
    public RunState withVotes(List<Vote> more) {
        List<Vote> all = new ArrayList<>(votes);
        all.addAll(more);
        return new RunState(formatVersion, fingerprint, rounds, labeled, pending, classes, all);
    }

    /**
     * A selection waiting for its labels.
     *
     * @param labelRound the round the items will count as labeled in
     * @param ids the items, in pick order
     */
    public record PendingQuery(int labelRound, long[] ids) {}
}
