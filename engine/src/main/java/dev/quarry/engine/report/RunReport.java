package dev.quarry.engine.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

import dev.quarry.engine.io.AtomicFiles;
import dev.quarry.engine.labels.LabelLedger;
import dev.quarry.engine.loop.RoundRecord;
import dev.quarry.engine.loop.RunListener;
import dev.quarry.engine.loop.RunResult;
import dev.quarry.engine.loop.RunState;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Writes one run's report files into its directory after every checkpoint: {@code rounds.csv},
 * {@code rounds.jsonl}, {@code labels.csv}, {@code summary.json} and, with a test set, {@code
 * learning-curve.png}. A listener the experiment registers; the loop knows nothing of reports.
 */
public final class RunReport implements RunListener {

    /** Rounds as CSV. */
    public static final String ROUNDS_CSV = "rounds.csv";
    /** Rounds as JSON lines, with the selected ids. */
    public static final String ROUNDS_JSONL = "rounds.jsonl";
    /** Every label received: id, label, round. */
    public static final String LABELS_CSV = "labels.csv";
    /** Strategy, AUBC and final accuracy. */
    public static final String SUMMARY_JSON = "summary.json";
    /** The learning curve. */
    public static final String CHART_PNG = "learning-curve.png";

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new Jdk8Module());

    private final Path directory;
    private final String strategy;

    /**
     * A report written into a run directory.
     *
     * @param directory the run directory
     * @param strategy the strategy's description, for the summary and the chart
     */
    public RunReport(Path directory, String strategy) {
        this.directory = directory;
        this.strategy = strategy;
    }

    @Override
    public void onCheckpoint(RunState state) throws IOException {
        write(state.rounds(), state.labeled());
    }

    /**
     * Writes (or rewrites) every report file.
     *
     * @param rounds the evaluated rounds so far
     * @param labels the labels so far
     * @throws IOException if writing fails
     */
    public void write(List<RoundRecord> rounds, LabelLedger.Snapshot labels) throws IOException {
        StringBuilder csv = new StringBuilder("round,labeled,accuracy,nll,ece,train_loss,train_seconds,query_seconds,"
                + "selected\n");
        StringBuilder jsonl = new StringBuilder();
        for (RoundRecord r : rounds) {
            // Without a test set the metric cells stay empty.
            String metrics = r.test().map(m -> String.format(Locale.ROOT, "%.6f,%.6f,%.6f", m.accuracy(), m.nll(), m.ece()))
                    .orElse(",,");
            csv.append(String.format(Locale.ROOT, "%d,%d,%s,%.6f,%.3f,%.3f,%d%n", r.round(), r.labeled(), metrics,
                    r.trainLoss(), r.trainSeconds(), r.querySeconds(), r.selectedIds().length));
            jsonl.append(JSON.writeValueAsString(r)).append('\n');
        }
        AtomicFiles.writeString(directory.resolve(ROUNDS_CSV), csv.toString());
        AtomicFiles.writeString(directory.resolve(ROUNDS_JSONL), jsonl.toString());
        AtomicFiles.writeString(directory.resolve(LABELS_CSV), labelsCsv(labels));

        RunResult result = new RunResult(rounds, true);
        RoundRecord last = rounds.isEmpty() ? null : rounds.get(rounds.size() - 1);
        ObjectNode summary = JSON.createObjectNode();
        summary.put("strategy", strategy);
        summary.put("rounds", rounds.size());
        summary.put("labeled", last == null ? 0 : last.labeled());
        summary.put("testSet", result.aubc().isPresent());
        result.aubc().ifPresent(aubc -> summary.put("aubc", aubc));
        result.finalAccuracy().ifPresent(accuracy -> summary.put("finalAccuracy", accuracy));
        if (last != null) {
            summary.put("finalTrainLoss", last.trainLoss());
        }
        AtomicFiles.writeString(directory.resolve(SUMMARY_JSON),
                JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary) + "\n");

        if (result.aubc().isPresent()) {
            Curve curve = new Curve(strategy, rounds.stream().mapToDouble(RoundRecord::labeled).toArray(),
                    rounds.stream().mapToDouble(r -> r.test().orElseThrow().accuracy()).toArray(), null);
            LearningCurveChart.write(directory.resolve(CHART_PNG),
                    String.format(Locale.ROOT, "%s (AUBC %.4f)", strategy, result.aubc().getAsDouble()), List.of(curve));
        }
    }

    private static String labelsCsv(LabelLedger.Snapshot labels) {
        StringBuilder sb = new StringBuilder("id,label,round\n");
        Integer[] byId = IntStream.range(0, labels.ids().length).boxed().toArray(Integer[]::new);
        Arrays.sort(byId, Comparator.comparingLong(i -> labels.ids()[i]));
        for (int i : byId) {
            sb.append(labels.ids()[i]).append(',').append(labels.labels()[i]).append(',').append(labels.rounds()[i])
                    .append('\n');
        }
        return sb.toString();
    }
}
