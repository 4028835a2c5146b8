package dev.quarry.cli;

import dev.quarry.engine.loop.RoundRecord;
import dev.quarry.engine.loop.RunListener;
import dev.quarry.engine.loop.RunResult;
import dev.quarry.engine.report.RunReport;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.labeling.LabelStatus;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** Prints one line per round and a summary line per run. */
final class RoundPrinter implements RunListener {

    private final PrintWriter out;
    private final String prefix;
    private RoundRecord evaluated;
    private int lastRound;

    RoundPrinter(PrintWriter out, String prefix) {
        this.out = out;
        this.prefix = prefix;
    }

    @Override
    public void onRoundStart(int round, int last, int labeled) {
        lastRound = last;
    }

    @Override
    public void onEvaluated(RoundRecord record) {
        evaluated = record;
    }

    @Override
    public void onSelected(int round, Selection selection, double seconds) {
        print(evaluated, String.format(Locale.ROOT, "selected %d in %.1f s", selection.size(), seconds));
    }

    @Override
    public void onRunEnd(RunResult result) {
        if (evaluated != null && evaluated.round() == result.rounds().size()
                && result.rounds().get(result.rounds().size() - 1).selectedIds().length == 0) {
            print(evaluated, "final");
        }
        evaluated = null;
        if (result.rounds().isEmpty()) {
            return; // waiting for the initial labels: nothing evaluated yet
        }
        String paused = result.complete() ? "" : " (paused: labels pending)";
        if (result.aubc().isEmpty()) {
            out.printf(Locale.ROOT, "%sno test set: no AUBC or accuracy; see the selections and training losses%s%n",
                    prefix, paused);
        } else {
            out.printf(Locale.ROOT, "%sAUBC %.4f, final accuracy %.4f%s%n", prefix, result.aubc().getAsDouble(),
                    result.finalAccuracy().getAsDouble(), paused);
        }
        out.flush();
    }

    /**
     * Ends a run's output: where its report is, or, when it waits for people's labels, what it waits
     * for and how to give them. Waiting is a clean stop.
     *
     * @param out where to print
     * @param runDirectory the run directory
     * @param result the run's result
     * @return the exit code
     * @throws IOException if the run's checkpoint cannot be read
     */
    static int finish(PrintWriter out, Path runDirectory, RunResult result) throws IOException {
        if (result.complete()) {
            out.println("Report: " + runDirectory.resolve(RunReport.ROUNDS_CSV) + ", chart: "
                    + runDirectory.resolve(RunReport.CHART_PNG));
            return QuarryCommand.OK;
        }
        LabelStatus status = LabelStatus.of(runDirectory);
        out.println(status.describe());
        return status.waiting() ? QuarryCommand.OK : QuarryCommand.FAILURE;
    }

    private void print(RoundRecord r, String tail) {
        String metrics = r.test()
                .map(m -> String.format(Locale.ROOT, "accuracy %.4f  nll %.4f  ece %.4f", m.accuracy(), m.nll(), m.ece()))
                .orElse(String.format(Locale.ROOT, "train loss %.4f (no test set)", r.trainLoss()));
        out.printf(Locale.ROOT, "%sround %2d/%d  labeled %5d  %s  train %.1f s  %s%n", prefix, r.round(), lastRound,
                r.labeled(), metrics, r.trainSeconds(), tail);
        out.flush();
    }
}
