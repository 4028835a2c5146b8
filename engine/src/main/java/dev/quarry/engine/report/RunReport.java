package dev.quarry.engine.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.quarry.engine.io.AtomicFiles;
import dev.quarry.engine.loop.RoundRecord;
import dev.quarry.engine.metrics.Aubc;
import dev.quarry.engine.pool.Pool;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes one run's report files into its directory: {@code rounds.csv}, {@code rounds.jsonl},
 * {@code labels.csv}, {@code summary.json} and {@code learning-curve.png}.
 */
public final class RunReport {

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

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunReport() {}

    /**
     * The AUBC of a list of rounds.
     *
     * @param rounds evaluated rounds
     * @return the AUBC, NaN for none
     */
    public static double aubc(List<RoundRecord> rounds) {
        if (rounds.isEmpty()) {
            return Double.NaN;
        }
        return Aubc.of(rounds.stream().mapToDouble(RoundRecord::labeled).toArray(),
                rounds.stream().mapToDouble(RoundRecord::accuracy).toArray());
    }

    /**
     * Writes (or rewrites) every report file.
     *
     * @param directory the run directory
     * @param strategy the strategy's description
     * @param rounds the evaluated rounds so far
     * @param pool the labels so far
     * @throws IOException if writing fails
     */
    public static void write(Path directory, String strategy, List<RoundRecord> rounds, Pool pool) throws IOException {
        StringBuilder csv = new StringBuilder("round,labeled,accuracy,nll,ece,train_seconds,query_seconds,selected\n");
        StringBuilder jsonl = new StringBuilder();
        for (RoundRecord r : rounds) {
            csv.append(String.format(Locale.ROOT, "%d,%d,%.6f,%.6f,%.6f,%.3f,%.3f,%d%n", r.round(), r.labeled(),
                    r.accuracy(), r.nll(), r.ece(), r.trainSeconds(), r.querySeconds(), r.selectedIds().length));
            jsonl.append(JSON.writeValueAsString(r)).append('\n');
        }
        AtomicFiles.writeString(directory.resolve(ROUNDS_CSV), csv.toString());
        AtomicFiles.writeString(directory.resolve(ROUNDS_JSONL), jsonl.toString());
        AtomicFiles.writeString(directory.resolve(LABELS_CSV), labelsCsv(pool));

        ObjectNode summary = JSON.createObjectNode();
        summary.put("strategy", strategy);
        summary.put("rounds", rounds.size());
        summary.put("labeled", rounds.isEmpty() ? 0 : rounds.get(rounds.size() - 1).labeled());
        summary.put("aubc", aubc(rounds));
        summary.put("finalAccuracy", rounds.isEmpty() ? Double.NaN : rounds.get(rounds.size() - 1).accuracy());
        AtomicFiles.writeString(directory.resolve(SUMMARY_JSON),
                JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary) + "\n");

        if (!rounds.isEmpty()) {
            Curve curve = new Curve(strategy, rounds.stream().mapToDouble(RoundRecord::labeled).toArray(),
                    rounds.stream().mapToDouble(RoundRecord::accuracy).toArray(), null);
            LearningCurveChart.write(directory.resolve(CHART_PNG),
                    String.format(Locale.ROOT, "%s (AUBC %.4f)", strategy, aubc(rounds)), List.of(curve));
        }
    }

    private static String labelsCsv(Pool pool) {
        StringBuilder sb = new StringBuilder("id,label,round\n");
        for (long id : pool.labeledIds()) {
            sb.append(id).append(',').append(pool.labelOf(id)).append(',').append(pool.roundOf(id)).append('\n');
        }
        return sb.toString();
    }
}
