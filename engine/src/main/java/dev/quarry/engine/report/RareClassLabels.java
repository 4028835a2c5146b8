package dev.quarry.engine.report;

import dev.quarry.engine.loop.RoundRecord;
import dev.quarry.engine.loop.RunResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * On an imbalanced pool, how many of each strategy's selected items belong to the rare classes: the
 * half of the classes with the fewest pool items (ties: the lower class). Only the strategies' own
 * picks count; the initial set is the same for every strategy of a seed.
 *
 * @param rareClasses the rare classes, rarest first
 * @param poolCounts the pool's items per class
 * @param rows one row per strategy, in display order
 * @param perRun the picks of every class per strategy and seed, {@code [class]} arrays
 */
public record RareClassLabels(int[] rareClasses, int[] poolCounts, List<Row> rows,
        Map<String, Map<Long, int[]>> perRun) {

    /** A pool is imbalanced when its largest class has at least this many times the smallest's items. */
    static final double IMBALANCED = 2;

    /**
     * One strategy's rare-class picks.
     *
     * @param strategy the strategy
     * @param seeds how many seeds
     * @param mean mean rare-class picks per run
     * @param sd their standard deviation over seeds (0 for one seed)
     * @param meanRarest mean picks of the rarest class
     */
    public record Row(String strategy, int seeds, double mean, double sd, double meanRarest) {}

    /**
     * The report, when the pool is imbalanced.
     *
     * @param poolLabels every pool item's class, by id
     * @param classes C
     * @param runs per strategy, one result per seed
     * @return the report; empty for a balanced pool
     */
    public static Optional<RareClassLabels> of(int[] poolLabels, int classes, Map<String, Map<Long, RunResult>> runs) {
        int[] counts = new int[classes];
        for (int label : poolLabels) {
            counts[label]++;
        }
        int min = Arrays.stream(counts).min().orElse(0);
        int max = Arrays.stream(counts).max().orElse(0);
        if (classes < 2 || max < IMBALANCED * Math.max(1, min)) {
            return Optional.empty();
        }
        int[] rare = IntStream.range(0, classes).boxed()
                .sorted(Comparator.<Integer>comparingInt(c -> counts[c]).thenComparingInt(c -> c))
                .limit(classes / 2).mapToInt(Integer::intValue).toArray();
        List<Row> rows = new ArrayList<>();
        Map<String, Map<Long, int[]>> perRun = new LinkedHashMap<>();
        for (Map.Entry<String, Map<Long, RunResult>> e : runs.entrySet()) {
            Map<Long, int[]> bySeed = new LinkedHashMap<>();
            double[] rareCounts = new double[e.getValue().size()];
            double rarest = 0;
            int i = 0;
            for (Map.Entry<Long, RunResult> run : e.getValue().entrySet()) {
                int[] picks = new int[classes];
                for (RoundRecord r : run.getValue().rounds()) {
                    for (long id : r.selectedIds()) {
                        picks[poolLabels[(int) id]]++;
                    }
                }
                bySeed.put(run.getKey(), picks);
                rareCounts[i++] = Arrays.stream(rare).map(c -> picks[c]).sum();
                rarest += picks[rare[0]];
            }
            perRun.put(e.getKey(), bySeed);
            double mean = Arrays.stream(rareCounts).average().orElse(0);
            double sd = rareCounts.length < 2 ? 0 : Math.sqrt(Arrays.stream(rareCounts)
                    .map(x -> (x - mean) * (x - mean)).sum() / (rareCounts.length - 1));
            rows.add(new Row(e.getKey(), rareCounts.length, mean, sd, rarest / Math.max(1, rareCounts.length)));
        }
        return Optional.of(new RareClassLabels(rare, counts, rows, perRun));
    }

    /**
     * The Markdown table, most rare-class picks first.
     *
     * @param classNames the class names, by label
     * @return the table with a line saying which classes are rare
     */
    public String table(List<String> classNames) {
        StringBuilder out = new StringBuilder("Picks of the rare classes (the ").append(rareClasses.length)
                .append(" classes with the fewest pool items: ");
        for (int j = 0; j < rareClasses.length; j++) {
            int c = rareClasses[j];
            out.append(j == 0 ? "" : ", ").append(classNames.get(c)).append(" (").append(poolCounts[c]).append(")");
        }
        out.append("), mean ± sd over seeds:\n\n| strategy | seeds | rare-class picks | picks of the rarest class |\n")
                .append("|---|---:|---:|---:|\n");
        rows.stream().sorted(Comparator.comparingDouble(Row::mean).reversed()).forEach(r -> out.append(String.format(
                Locale.ROOT, "| %s | %d | %.1f ± %.1f | %.1f |%n", r.strategy(), r.seeds(), r.mean(), r.sd(),
                r.meanRarest())));
        return out.toString();
    }

    /**
     * Every run's picks per class, as CSV.
     *
     * @return {@code strategy,seed,class,pool_items,picks} rows
     */
    public String csv() {
        StringBuilder out = new StringBuilder("strategy,seed,class,pool_items,picks\n");
        perRun.forEach((strategy, bySeed) -> bySeed.forEach((seed, picks) -> {
            for (int c = 0; c < picks.length; c++) {
                out.append(strategy).append(',').append(seed).append(',').append(c).append(',').append(poolCounts[c])
                        .append(',').append(picks[c]).append('\n');
            }
        }));
        return out.toString();
    }
}
