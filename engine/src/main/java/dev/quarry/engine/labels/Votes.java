package dev.quarry.engine.labels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One label per item from people's votes, by one documented rule:
 *
 * <ol>
 *   <li>if a vote is marked ground truth, the most recent such vote decides;
 *   <li>otherwise the class with most votes wins;
 *   <li>a tie goes to the class of the most recent vote among the tied classes.
 * </ol>
 *
 * "Most recent" is the later {@link Vote#atMillis()}, and on equal times the vote recorded later
 * (later in the list). Each annotator counts once per item: their most recent vote replaces their
 * earlier ones (an edited annotation, a file imported twice); votes without an annotator each count.
 * An item answered in two browser tabs, or by two annotators in Label Studio, keeps both answers and
 * is resolved here.
 */
public final class Votes {

    private Votes() {}

    /**
     * The outcome for the voted items.
     *
     * @param labels each voted item's class, by id, in first-vote order
     * @param disagreements items whose votes name more than one class, with each class's count
     */
    public record Outcome(Map<Long, Integer> labels, Map<Long, Map<Integer, Integer>> disagreements) {}

    /**
     * Resolves votes.
     *
     * @param votes the votes, in the order recorded
     * @return one label per voted item, and where votes disagreed
     */
    public static Outcome resolve(List<Vote> votes) {
        Map<Long, List<Vote>> byItem = new LinkedHashMap<>();
        for (Vote v : votes) {
            List<Vote> itemVotes = byItem.computeIfAbsent(v.itemId(), k -> new ArrayList<>());
            Vote same = v.annotator() == null ? null : itemVotes.stream()
                    .filter(earlier -> v.annotator().equals(earlier.annotator())).findFirst().orElse(null);
            if (same == null) {
                itemVotes.add(v);
            } else if (v.atMillis() >= same.atMillis()) {
                itemVotes.remove(same); // the annotator's answer given last stands
                itemVotes.add(v);
            }
        }
        Map<Long, Integer> labels = new LinkedHashMap<>();
        Map<Long, Map<Integer, Integer>> disagreements = new LinkedHashMap<>();
        byItem.forEach((item, itemVotes) -> {
            Map<Integer, Integer> counts = new TreeMap<>();
            itemVotes.forEach(v -> counts.merge(v.label(), 1, Integer::sum));
            if (counts.size() > 1) {
                disagreements.put(item, counts);
            }
            labels.put(item, decide(itemVotes, counts));
        });
        return new Outcome(labels, disagreements);
    }

    private static int decide(List<Vote> votes, Map<Integer, Integer> counts) {
        List<Vote> truth = votes.stream().filter(Vote::groundTruth).toList();
        if (!truth.isEmpty()) {
            return mostRecent(truth).label();
        }
        int most = counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        return mostRecent(votes.stream().filter(v -> counts.get(v.label()) == most).toList()).label();
    }

    /** The latest vote; on equal times the one recorded last. */
    private static Vote mostRecent(List<Vote> votes) {
        Vote best = votes.get(0);
        for (Vote v : votes) {
            best = v.atMillis() >= best.atMillis() ? v : best;
        }
        return best;
    }
}
