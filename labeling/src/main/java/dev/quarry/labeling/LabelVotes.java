package dev.quarry.labeling;

import dev.quarry.engine.data.DataFormatException;

import java.nio.file.Path;
import java.time.Instant;
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
 * One label per item from a file's answers, by this rule:
 *
 * <ol>
 *   <li>answers that were cancelled or chose no class do not vote; an item with only those is
 *       <em>skipped</em> and asked again;
 *   <li>if an answer is marked ground truth, the most recent such answer decides;
 *   <li>otherwise the class with most votes wins; a tie goes to the class of the most recent answer
 *       among the tied ones (later {@code updated_at}, then {@link Answer#sequence}).
 * </ol>
 *
 * Items where answers disagree are reported with their votes. Every item must be one the run knows
 * and every class one of its classes; a CSV may name an item once. Otherwise the whole file is
 * refused, naming up to {@value #MAX_NAMED} offending rows.
 */
public final class LabelVotes {

    static final int MAX_NAMED = 20;

    private LabelVotes() {}

    /**
     * The outcome for one file.
     *
     * @param labels each answered item's class index, by item id, in first-answer order
     * @param skipped items whose every answer was cancelled or empty
     * @param disagreements items whose voters disagreed, with each class's votes
     */
    public record Outcome(Map<String, Integer> labels, Set<String> skipped, Map<String, Map<String, Integer>> disagreements) {}

    /**
     * Resolves the answers.
     *
     * @param file the file they came from, for messages
     * @param answers its answers, in file order
     * @param knownItems the item ids the run can take labels for
     * @param classes the run's class names, in index order
     * @param oneAnswerPerItem whether an item may appear only once (a CSV)
     * @return the labels, the skipped items and the disagreements
     * @throws DataFormatException naming the rows with unknown items or classes, or repeated items
     */
    public static Outcome resolve(Path file, List<Answer> answers, Set<String> knownItems, List<String> classes,
            boolean oneAnswerPerItem) throws DataFormatException {
        Map<String, Integer> classIndex = new HashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            classIndex.put(classes.get(c), c);
        }
        List<String> problems = new ArrayList<>();
        Map<String, List<Answer>> byItem = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Answer a : answers) {
            if (!knownItems.contains(a.itemId())) {
                problems.add(a.where() + ": unknown item " + a.itemId());
            } else if (a.label() != null && !a.cancelled() && !classIndex.containsKey(a.label())) {
                problems.add(a.where() + ": unknown class '" + a.label() + "' (classes: " + classes + ")");
            } else if (oneAnswerPerItem && !seen.add(a.itemId())) {
                problems.add(a.where() + ": item " + a.itemId() + " again");
            } else {
                byItem.computeIfAbsent(a.itemId(), k -> new ArrayList<>()).add(a);
            }
        }
        if (!problems.isEmpty()) {
            throw new DataFormatException(file, problems.size() + " row(s) refused, nothing imported: "
                    + String.join("; ", problems.subList(0, Math.min(MAX_NAMED, problems.size())))
                    + (problems.size() > MAX_NAMED ? "; ..." : "") + ".");
        }
        Map<String, Integer> labels = new LinkedHashMap<>();
        Set<String> skipped = new LinkedHashSet<>();
        Map<String, Map<String, Integer>> disagreements = new LinkedHashMap<>();
        byItem.forEach((item, itemAnswers) -> {
            List<Answer> votes = itemAnswers.stream().filter(a -> !a.cancelled() && a.label() != null).toList();
            if (votes.isEmpty()) {
                skipped.add(item);
                return;
            }
            Map<String, Integer> counts = new TreeMap<>();
            votes.forEach(a -> counts.merge(a.label(), 1, Integer::sum));
            if (counts.size() > 1) {
                disagreements.put(item, counts);
            }
            labels.put(item, classIndex.get(decide(votes, counts)));
        });
        return new Outcome(labels, skipped, disagreements);
    }

    /** Ground truth first (the most recent), then the majority, then the most recent among the tied classes. */
    private static String decide(List<Answer> votes, Map<String, Integer> counts) {
        List<Answer> truth = votes.stream().filter(Answer::groundTruth).toList();
        if (!truth.isEmpty()) {
            return mostRecent(truth).label();
        }
        int most = counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        List<Answer> tied = votes.stream().filter(a -> counts.get(a.label()) == most).toList();
        return mostRecent(tied).label();
    }

    /** The answer changed last; without times, or on equal times, the one with the higher sequence. */
    private static Answer mostRecent(List<Answer> answers) {
        Comparator<Answer> byTime = Comparator.comparing(Answer::updatedAt, Comparator.nullsFirst(Comparator
                .<Instant>naturalOrder())).thenComparingLong(Answer::sequence);
        Answer best = answers.get(0);
        for (Answer a : answers) {
            best = byTime.compare(a, best) >= 0 ? a : best;
        }
        return best;
    }
}
