package dev.quarry.engine.report;

import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.io.AtomicFiles;
import dev.quarry.engine.loop.RoundRecord;
import dev.quarry.engine.loop.RunResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Several strategies × seeds in one report: {@code comparison.csv} (one row per run), {@code
 * summary.csv} and {@code summary.md} (one row per strategy: mean ± standard deviation of AUBC and
 * final accuracy over seeds and, with {@code random} among the strategies, the labels each needs to
 * reach random's final accuracy and two round levels below it, with the saving against random,
 * {@link LabelsSaved}), {@code learning-curves.png} (mean accuracy per labeled count, with ± one
 * standard deviation as error bars) and {@code labels-saved.png}.
 *
 * @param strategies one summary per strategy, in the order given
 * @param chart the chart file
 * @param labelsSaved labels to reach accuracies against random, or null without random
 */
public record ComparisonReport(List<StrategySummary> strategies, Path chart, LabelsSaved labelsSaved) {

    /** Per-run rows. */
    public static final String RUNS_CSV = "comparison.csv";
    /** Per-strategy rows. */
    public static final String SUMMARY_CSV = "summary.csv";
    /** Per-strategy rows as a Markdown table. */
    public static final String SUMMARY_MD = "summary.md";
    /** The chart. */
    public static final String CHART_PNG = "learning-curves.png";
    /** The labels-saved chart. */
    public static final String LABELS_SAVED_PNG = "labels-saved.png";
    /** The baseline labels saved are measured against. */
    public static final String BASELINE = "random";

    /**
     * One strategy over its seeds.
     *
     * @param strategy the strategy
     * @param seeds how many seeds ran
     * @param meanAubc mean AUBC
     * @param stdAubc sample standard deviation of the AUBC (0 for one seed)
     * @param meanFinalAccuracy mean final accuracy
     * @param stdFinalAccuracy its sample standard deviation
     * @param labeled the labeled counts of the curve
     * @param meanAccuracy mean accuracy at each count
     * @param stdAccuracy its standard deviation at each count
     */
    public record StrategySummary(String strategy, int seeds, double meanAubc, double stdAubc, double meanFinalAccuracy,
            double stdFinalAccuracy, double[] labeled, double[] meanAccuracy, double[] stdAccuracy) {}

    /**
     * Summarizes the runs and writes every report file into a directory.
     *
     * @param directory the comparison's directory
     * @param title the chart title
     * @param runs per strategy (in display order), one result per seed, keyed by seed
     * @return the report
     * @throws IOException if writing fails
     */
    public static ComparisonReport write(Path directory, String title, Map<String, Map<Long, RunResult>> runs)
            throws IOException {
        StringBuilder perRun = new StringBuilder("strategy,seed,aubc,final_accuracy,final_labeled,complete\n");
        List<StrategySummary> summaries = new ArrayList<>();
        for (Map.Entry<String, Map<Long, RunResult>> e : runs.entrySet()) {
            for (Map.Entry<Long, RunResult> run : e.getValue().entrySet()) {
                RunResult r = run.getValue();
                List<RoundRecord> rounds = r.rounds();
                perRun.append(String.format(Locale.ROOT, "%s,%d,%.6f,%.6f,%d,%b%n", e.getKey(), run.getKey(),
                        tested(r.aubc()), tested(r.finalAccuracy()),
                        rounds.isEmpty() ? 0 : rounds.get(rounds.size() - 1).labeled(), r.complete()));
            }
            summaries.add(summarize(e.getKey(), new ArrayList<>(e.getValue().values())));
        }
        ComparisonReport report = new ComparisonReport(summaries, directory.resolve(CHART_PNG),
                LabelsSaved.of(runs, BASELINE));
        AtomicFiles.writeString(directory.resolve(RUNS_CSV), perRun.toString());
        AtomicFiles.writeString(directory.resolve(SUMMARY_CSV), report.summaryCsv());
        AtomicFiles.writeString(directory.resolve(SUMMARY_MD), report.labelsSaved() == null ? report.table()
                : report.table() + "\n" + report.labelsSaved().table());
        if (report.labelsSaved() != null) {
            LabelsSavedChart.write(directory.resolve(LABELS_SAVED_PNG), title, report.labelsSaved());
        }
        List<Curve> curves = new ArrayList<>();
        for (StrategySummary s : summaries) {
            curves.add(new Curve(s.strategy(), s.labeled(), s.meanAccuracy(), s.seeds() > 1 ? s.stdAccuracy() : null));
        }
        LearningCurveChart.write(report.chart(), title, curves);
        return report;
    }

    private static double tested(OptionalDouble value) {
        return value.orElseThrow(ComparisonReport::untested);
    }

    /** A comparison ranks by test accuracy: a run without a test set has nothing to compare. */
    private static InvalidInputException untested() {
        return new InvalidInputException("A comparison ranks strategies by test-set accuracy, but a run has no test set.");
    }

    static StrategySummary summarize(String strategy, List<RunResult> results) {
        double[] aubc = results.stream().mapToDouble(r -> tested(r.aubc())).toArray();
        double[] finals = results.stream().mapToDouble(r -> tested(r.finalAccuracy())).toArray();
        // Curves are averaged over the labeled counts every seed reached.
        Map<Integer, List<Double>> byCount = new LinkedHashMap<>();
        for (RunResult r : results) {
            for (RoundRecord round : r.rounds()) {
                byCount.computeIfAbsent(round.labeled(), k -> new ArrayList<>())
                        .add(round.test().orElseThrow(ComparisonReport::untested).accuracy());
            }
        }
        List<double[]> points = new ArrayList<>();
        for (Map.Entry<Integer, List<Double>> e : byCount.entrySet()) {
            if (e.getValue().size() == results.size()) {
                double[] values = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
                points.add(new double[] {e.getKey(), mean(values), std(values)});
            }
        }
        points.sort((a, b) -> Double.compare(a[0], b[0]));
        return new StrategySummary(strategy, results.size(), mean(aubc), std(aubc), mean(finals), std(finals),
                points.stream().mapToDouble(p -> p[0]).toArray(), points.stream().mapToDouble(p -> p[1]).toArray(),
                points.stream().mapToDouble(p -> p[2]).toArray());
    }

    static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    /** Sample standard deviation (n - 1); 0 for a single value. */
    static double std(double[] values) {
        if (values.length < 2) {
            return 0;
        }
        double m = mean(values);
        double ss = 0;
        for (double v : values) {
            ss += (v - m) * (v - m);
        }
        return Math.sqrt(ss / (values.length - 1));
    }

    /**
     * The per-strategy table as CSV.
     *
     * @return the text
     */
    public String summaryCsv() {
        StringBuilder sb = new StringBuilder("strategy,seeds,mean_aubc,std_aubc,mean_final_accuracy,std_final_accuracy")
                .append(labelsSaved == null ? "" : labelsSaved.csvColumns()).append('\n');
        for (StrategySummary s : strategies) {
            sb.append(String.format(Locale.ROOT, "%s,%d,%.6f,%.6f,%.6f,%.6f", s.strategy(), s.seeds(), s.meanAubc(),
                    s.stdAubc(), s.meanFinalAccuracy(), s.stdFinalAccuracy()))
                    .append(labelsSaved == null ? "" : labelsSaved.csvCells(s.strategy())).append('\n');
        }
        return sb.toString();
    }

    /**
     * The per-strategy table as Markdown, best AUBC first.
     *
     * @return the table
     */
    public String table() {
        List<StrategySummary> sorted = new ArrayList<>(strategies);
        sorted.sort((a, b) -> Double.compare(b.meanAubc(), a.meanAubc()));
        StringBuilder sb = new StringBuilder("| strategy | seeds | AUBC (mean ± sd) | final accuracy (mean ± sd) |\n");
        sb.append("|---|---:|---:|---:|\n");
        for (StrategySummary s : sorted) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %.4f ± %.4f | %.4f ± %.4f |%n", s.strategy(), s.seeds(),
                    s.meanAubc(), s.stdAubc(), s.meanFinalAccuracy(), s.stdFinalAccuracy()));
        }
        return sb.toString();
    }
}
