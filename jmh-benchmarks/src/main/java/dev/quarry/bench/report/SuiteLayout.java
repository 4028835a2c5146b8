package dev.quarry.bench.report;

import dev.quarry.bench.KCenterCallBenchmark;

import java.util.List;

/**
 * How one JMH suite reads as a table: one row per combination of its row parameters, the measured
 * call, and where the suite has them its baseline and its floor (the least time the work could
 * take, such as one read of the input).
 *
 * @param suite the benchmark class's simple name
 * @param file the JSON file name (without {@code .json}) that holds its results
 * @param title the table's heading
 * @param caption what is measured, printed above the table
 * @param rowParams the parameters that make a row, in column order
 * @param subject the method that times Quarry
 * @param baseline the method that times the baseline, or null
 * @param baselineLabel the baseline's column heading
 * @param floor the method that times the floor, or null; it is matched on the parameters it has
 * @param floorLabel the floor's column heading
 * @param floorRepeats how many times the floor method's work the floor is (k-center reads its input once per pick)
 * @param unit {@code ms} or {@code s}, for the table
 */
public record SuiteLayout(String suite, String file, String title, String caption, List<String> rowParams,
        String subject, String baseline, String baselineLabel, String floor, String floorLabel, int floorRepeats,
        String unit) {

    /**
     * Checks the layout.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public SuiteLayout {
        if (rowParams.isEmpty()) {
            throw new IllegalArgumentException(suite + ": a table needs at least one row parameter.");
        }
        if (!unit.equals("ms") && !unit.equals("s")) {
            throw new IllegalArgumentException(suite + ": unit '" + unit + "' is not ms or s.");
        }
        if (floorRepeats < 1) {
            throw new IllegalArgumentException(suite + ": floorRepeats " + floorRepeats + " must be at least 1.");
        }
        if ((baseline == null) != (baselineLabel == null) || (floor == null) != (floorLabel == null)) {
            throw new IllegalArgumentException(suite + ": a baseline or floor needs both its method and its label.");
        }
    }

    /** The suites the report knows, in report order. */
    public static final List<SuiteLayout> ALL = List.of(
            new SuiteLayout("ScoreCallBenchmark", "score-call", "Scoring: the public call",
                    "`OfflineQueries.score` on loaded MC probabilities (N, 20, 10), what `quarry score --repeats` times: "
                            + "as it runs (fused Vector API kernels on a CPU), the same call as libtorch operations "
                            + "(the path before the kernels), and one read of the tensor (`sum()`). JMH average time.",
                    List.of("items", "strategy"), "score", "baselineLibtorch", "libtorch ops", "floorReadOnce",
                    "one read", 1, "ms"),
            new SuiteLayout("SelectCallBenchmark", "select-call", "Selection: the public call",
                    "`OfflineQueries.select`, what `quarry select --repeats` times: B = 100 of N = 50 000, d = 128 "
                            + "embeddings from a 100-component Gaussian mixture, C = 10, 500 labeled (BatchBALD: "
                            + "B = 10 from T = 20 MC passes); as it runs (host kernels on a CPU) and as libtorch "
                            + "operations (the path before them). JMH single shot, 1 warm-up, mean of 3.",
                    List.of("strategy"), "select", "baselineLibtorch", "libtorch ops", null, null, 1, "s"),
            new SuiteLayout("KCenterCallBenchmark", "kcenter-call", "k-center: the public call as N grows",
                    "`OfflineQueries.select` with `kcenter`, B = 100 of N embeddings (d = 64, a 100-component Gaussian "
                            + "mixture), 500 labeled, and its floor: B reads of the embeddings (the plain greedy "
                            + "reads them once per pick; the pruned one may read less). JMH single shot, 1 warm-up, "
                            + "mean of 2.",
                    List.of("items"), "select", null, null, "floorReadOnce", "100 reads",
                    KCenterCallBenchmark.BUDGET, "s"));
}
