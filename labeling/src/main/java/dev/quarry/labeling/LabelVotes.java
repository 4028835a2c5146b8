package dev.quarry.labeling;

import dev.quarry.engine.data.DataFormatException;
import dev.quarry.engine.labels.Vote;
import dev.quarry.engine.labels.Votes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A label file's answers as votes of the run, checked: every item must be one the run knows, every
 * class one of its classes, and a CSV may name an item once. Otherwise the whole file is refused,
 * naming up to {@value #MAX_NAMED} offending rows.
 *
 * <p>Answers that were cancelled or chose no class do not vote; an item with only those is
 * <em>skipped</em> and asked again. The votes are resolved by the run's one rule ({@link Votes}:
 * ground truth first, then the majority, then the most recent). An answer's time is its {@code
 * updated_at}; an answer without one (a CSV row) counts as given when it is imported. Answers with
 * equal times are ordered as the file orders them ({@link Answer#sequence}). An answer without an
 * annotator is attributed to its place in its file ({@code file:NAME#ROW}), so that importing a file
 * again replaces its votes instead of counting them twice.
 */
public final class LabelVotes {

    static final int MAX_NAMED = 20;

    private LabelVotes() {}

    /**
     * The outcome for one file.
     *
     * @param votes the file's votes, oldest first
     * @param labels each answered item's class index, by item id, in first-vote order, as the file's
     *     votes alone resolve
     * @param skipped items whose every answer was cancelled or empty
     * @param disagreements items whose voters disagreed, with each class's votes
     */
    public record Outcome(List<Vote> votes, Map<String, Integer> labels, Set<String> skipped,
            Map<String, Map<String, Integer>> disagreements) {}

    /**
     * Checks a file's answers and turns them into votes.
     *
     * @param source the file they came from (or the request), for messages and to name answers
     *     without an annotator
     * @param answers its answers, in file order
     * @param knownItems the item ids the run can take labels for
     * @param classes the run's class names, in index order
     * @param oneAnswerPerItem whether an item may appear only once (a CSV)
     * @param importMillis the import's time, given to answers without their own
     * @return the votes, the skipped items and the disagreements
     * @throws DataFormatException naming the rows with unknown items or classes, or repeated items
     */
    public static Outcome resolve(String source, List<Answer> answers, Set<String> knownItems, List<String> classes,
            boolean oneAnswerPerItem, long importMillis) throws DataFormatException {
        Map<String, Integer> classIndex = new HashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            classIndex.put(classes.get(c), c);
        }
        List<String> problems = new ArrayList<>();
        List<Answer> kept = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Answer a : answers) {
            if (!knownItems.contains(a.itemId()) || ItemIds.parse(a.itemId()).isEmpty()) {
                problems.add(a.where() + ": unknown item " + a.itemId());
            } else if (a.label() != null && !a.cancelled() && !classIndex.containsKey(a.label())) {
                problems.add(a.where() + ": unknown class '" + a.label() + "' (classes: " + classes + ")");
            } else if (oneAnswerPerItem && !seen.add(a.itemId())) {
                problems.add(a.where() + ": item " + a.itemId() + " again");
            } else {
                kept.add(a);
            }
        }
        if (!problems.isEmpty()) {
            throw new DataFormatException(source, problems.size() + " row(s) refused, nothing imported: "
                    + String.join("; ", problems.subList(0, Math.min(MAX_NAMED, problems.size())))
                    + (problems.size() > MAX_NAMED ? "; ..." : "") + ".");
        }
        Set<String> skipped = new LinkedHashSet<>();
        kept.forEach(a -> skipped.add(a.itemId()));
        List<Vote> votes = kept.stream()
                .filter(a -> !a.cancelled() && a.label() != null)
                .sorted(Comparator.comparingLong((Answer a) -> millis(a, importMillis)).thenComparingLong(Answer::sequence))
                .map(a -> new Vote(Long.parseLong(a.itemId()), classIndex.get(a.label()), a.groundTruth(),
                        millis(a, importMillis), a.annotator() != null ? a.annotator()
                                : "file:" + source + "#" + a.where()))
                .toList();
        Votes.Outcome resolved = Votes.resolve(votes);
        Map<String, Integer> labels = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> disagreements = new LinkedHashMap<>();
        resolved.labels().forEach((id, label) -> {
            labels.put(Long.toString(id), label);
            skipped.remove(Long.toString(id));
        });
        resolved.disagreements().forEach((id, counts) -> {
            Map<String, Integer> named = new TreeMap<>();
            counts.forEach((c, n) -> named.put(classes.get(c), n));
            disagreements.put(Long.toString(id), named);
        });
        return new Outcome(votes, labels, skipped, disagreements);
    }

    private static long millis(Answer a, long importMillis) {
        return a.updatedAt() == null ? importMillis : a.updatedAt().toEpochMilli();
    }
}
