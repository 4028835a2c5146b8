package dev.quarry.engine.report;

import dev.quarry.engine.loop.RoundRecord;
import dev.quarry.engine.loop.RunResult;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * How many labels each strategy needs to reach given test accuracies, and what that saves against
 * a baseline (random): the number active learning is for. A run's labels to reach an accuracy are
 * read off its learning curve at the first crossing, linearly between the two rounds around it; a
 * run whose first round already reaches it needed at most that round's labels (marked "≤"); a run
 * that never reaches it has no figure. The saving is {@code 1 - labels / baseline's labels}, paired
 * by seed (the same seed, the same initial labels and test set), its mean and sample standard
 * deviation over the seeds where both reached the accuracy.
 *
 * <p>The accuracies are the baseline's mean final accuracy and the two multiples of 0.05 below it
 * (0.80 and 0.75 under 0.8070): fixed numbers a reader can compare across reports.
 *
 * @param baseline the baseline strategy
 * @param targets the accuracies, highest first
 * @param rows one per strategy, in the comparison's order
 */
public record LabelsSaved(String baseline, List<Target> targets, List<Row> rows) {

    /**
     * An accuracy to reach.
     *
     * @param name its name in reports ({@code random-final}, {@code 0.75})
     * @param accuracy the accuracy
     */
    public record Target(String name, double accuracy) {

        /** @return the name, with the accuracy where the name is not the number itself */
        public String label() {
            String level = String.format(Locale.ROOT, "%.2f", accuracy);
            return name.equals(level) ? level : String.format(Locale.ROOT, "%s (%.4f)", name, accuracy);
        }
    }

    /**
     * One strategy at one target.
     *
     * @param seeds the strategy's seeds
     * @param reached how many reached the target
     * @param meanLabels mean labels to reach it over those (NaN if none)
     * @param stdLabels their sample standard deviation
     * @param atMost whether some seed reached it in its first round (its figure is an upper bound)
     * @param paired seeds where both this strategy and the baseline reached it
     * @param meanSavingPercent mean saving against the baseline over those, in % (NaN if none)
     * @param stdSavingPercent its sample standard deviation
     */
    public record Cell(int seeds, int reached, double meanLabels, double stdLabels, boolean atMost, int paired,
            double meanSavingPercent, double stdSavingPercent) {}

    /**
     * One strategy.
     *
     * @param strategy its name
     * @param cells one per target
     */
    public record Row(String strategy, List<Cell> cells) {}

    /**
     * Computes the report, if the comparison has the baseline.
     *
     * @param runs per strategy, per seed
     * @param baseline the baseline's name
     * @return the report, or null without the baseline
     */
    static LabelsSaved of(Map<String, Map<Long, RunResult>> runs, String baseline) {
        Map<Long, RunResult> base = runs.get(baseline);
        if (base == null || base.isEmpty()) {
            return null;
        }
        List<Target> targets = targets(ComparisonReport.mean(base.values().stream()
                .mapToDouble(r -> r.finalAccuracy().orElse(Double.NaN)).toArray()), baseline);
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Map<Long, RunResult>> e : runs.entrySet()) {
            List<Cell> cells = new ArrayList<>();
            for (Target t : targets) {
                cells.add(cell(e.getValue(), base, t.accuracy()));
            }
            rows.add(new Row(e.getKey(), cells));
        }
        return new LabelsSaved(baseline, targets, rows);
    }

    static List<Target> targets(double baselineFinal, String baseline) {
        Set<Double> levels = new LinkedHashSet<>();
        double below = Math.floor(baselineFinal / 0.05 + 1e-9) * 0.05;
        if (below >= baselineFinal - 1e-9) {
            below -= 0.05; // strictly below the baseline's final accuracy
        }
        for (double level : new double[] {below, below - 0.05}) {
            double rounded = Math.round(level * 100) / 100.0;
            if (rounded > 0 && rounded < baselineFinal) {
                levels.add(rounded);
            }
        }
        List<Target> targets = new ArrayList<>(List.of(new Target(baseline + "-final", baselineFinal)));
        for (double level : levels) {
            targets.add(new Target(String.format(Locale.ROOT, "%.2f", level), level));
        }
        return targets;
    }

    private static Cell cell(Map<Long, RunResult> runs, Map<Long, RunResult> base, double target) {
        List<Double> labels = new ArrayList<>();
        List<Double> savings = new ArrayList<>();
        boolean atMost = false;
        for (Map.Entry<Long, RunResult> run : runs.entrySet()) {
            List<RoundRecord> rounds = run.getValue().rounds();
            OptionalDouble needed = labelsToReach(rounds, target);
            if (needed.isEmpty()) {
                continue;
            }
            labels.add(needed.getAsDouble());
            atMost |= reachedAtStart(rounds, target);
            RunResult paired = base.get(run.getKey());
            OptionalDouble baseNeeded = paired == null ? OptionalDouble.empty() : labelsToReach(paired.rounds(), target);
            if (baseNeeded.isPresent()) {
                savings.add(100 * (1 - needed.getAsDouble() / baseNeeded.getAsDouble()));
            }
        }
        double[] l = labels.stream().mapToDouble(Double::doubleValue).toArray();
        double[] s = savings.stream().mapToDouble(Double::doubleValue).toArray();
        return new Cell(runs.size(), l.length, ComparisonReport.mean(l), ComparisonReport.std(l), atMost, s.length,
                ComparisonReport.mean(s), ComparisonReport.std(s));
    }

    /**
     * The labels a run needed to reach an accuracy: at the first round that reaches it, linearly
     * between that round and the one before.
     *
     * @param rounds the run's rounds, in order, each with a test accuracy
     * @param target the accuracy
     * @return the labels, or empty if no round reaches it
     */
    static OptionalDouble labelsToReach(List<RoundRecord> rounds, double target) {
        for (int i = 0; i < rounds.size(); i++) {
            double accuracy = accuracy(rounds.get(i));
            if (accuracy >= target) {
                if (i == 0) {
                    return OptionalDouble.of(rounds.get(0).labeled());
                }
                double before = accuracy(rounds.get(i - 1));
                double from = rounds.get(i - 1).labeled();
                double to = rounds.get(i).labeled();
                return OptionalDouble.of(from + (target - before) / (accuracy - before) * (to - from));
            }
        }
        return OptionalDouble.empty();
    }

    private static boolean reachedAtStart(List<RoundRecord> rounds, double target) {
        return !rounds.isEmpty() && accuracy(rounds.get(0)) >= target;
    }

    private static double accuracy(RoundRecord round) {
        return round.test().orElseThrow(() -> new IllegalArgumentException("Round " + round.round()
                + " has no test accuracy; labels to reach an accuracy need a test set.")).accuracy();
    }

    /**
     * The columns this report adds to a per-strategy CSV, each starting with a comma: per target, the
     * seeds that reached it, the labels (mean, sd), whether a figure is an upper bound, and the
     * saving in % (mean, sd).
     *
     * @return the header fragment
     */
    String csvColumns() {
        StringBuilder sb = new StringBuilder();
        for (Target t : targets) {
            String n = t.name();
            sb.append(String.format(Locale.ROOT, ",reached_%s,labels_%s_mean,labels_%s_sd,labels_%s_at_most,"
                    + "saving_%s_mean_percent,saving_%s_sd_percent", n, n, n, n, n, n));
        }
        return sb.toString();
    }

    /**
     * A strategy's values for {@link #csvColumns}, each starting with a comma (empty where there is
     * no figure).
     *
     * @param strategy the strategy
     * @return the row fragment
     */
    String csvCells(String strategy) {
        Row row = rows.stream().filter(r -> r.strategy().equals(strategy)).findFirst().orElseThrow();
        StringBuilder sb = new StringBuilder();
        for (Cell c : row.cells()) {
            boolean labels = c.reached() > 0;
            boolean saving = c.paired() > 0;
            sb.append(',').append(c.reached()).append(',').append(number(labels, c.meanLabels(), "%.1f")).append(',')
                    .append(number(labels, c.stdLabels(), "%.1f")).append(',').append(labels && c.atMost()).append(',')
                    .append(number(saving, c.meanSavingPercent(), "%.2f")).append(',')
                    .append(number(saving, c.stdSavingPercent(), "%.2f"));
        }
        return sb.toString();
    }

    private static String number(boolean known, double value, String format) {
        return known ? String.format(Locale.ROOT, format, value) : "";
    }

    /**
     * The report as a Markdown table: per target, the labels (mean ± sd) and the saving.
     *
     * @return the table, with a line that says how to read it
     */
    public String table() {
        StringBuilder sb = new StringBuilder("Labels to reach a test accuracy (mean ± sd over seeds, read off each learning "
                + "curve between rounds) and the labels saved against " + baseline + " (paired by seed):\n\n| strategy |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Target t : targets) {
            sb.append(' ').append(t.label()).append(" |");
            rule.append("---:|");
        }
        sb.append('\n').append(rule).append('\n');
        for (Row row : rows) {
            sb.append("| ").append(row.strategy()).append(" |");
            for (Cell c : row.cells()) {
                sb.append(' ').append(describe(c, row.strategy().equals(baseline))).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String describe(Cell c, boolean isBaseline) {
        if (c.reached() == 0) {
            return "not reached (0/" + c.seeds() + ")";
        }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s%.0f", c.atMost() ? "≤ " : "", c.meanLabels()));
        if (c.reached() > 1) {
            s.append(String.format(Locale.ROOT, " ± %.0f", c.stdLabels()));
        }
        if (c.reached() < c.seeds()) {
            s.append(String.format(Locale.ROOT, " (%d/%d seeds)", c.reached(), c.seeds()));
        }
        if (!isBaseline && c.paired() == 1) {
            s.append(String.format(Locale.ROOT, ", saves %.1f %% (1 seed pair)", c.meanSavingPercent()));
        } else if (!isBaseline && c.paired() > 1) {
            s.append(String.format(Locale.ROOT, ", saves %.1f ± %.1f %%", c.meanSavingPercent(), c.stdSavingPercent()));
            if (c.paired() < c.seeds()) {
                s.append(String.format(Locale.ROOT, " (%d seed pairs)", c.paired()));
            }
        }
        return s.toString();
    }
}
