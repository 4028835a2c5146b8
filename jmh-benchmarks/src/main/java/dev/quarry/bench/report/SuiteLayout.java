package dev.quarry.bench.report;

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
 * @param unit {@code ms} or {@code s}, for the table
 */
public record SuiteLayout(String suite, String file, String title, String caption, List<String> rowParams,
        String subject, String baseline, String baselineLabel, String floor, String floorLabel, String unit) {

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
                    "one read", "ms"),
            new SuiteLayout("SelectCallBenchmark", "select-call", "Selection: the public call",
                    "`OfflineQueries.select`, what `quarry select --repeats` times: B = 100 of N = 50 000, d = 128 "
                            + "embeddings from a 100-component Gaussian mixture, C = 10, 500 labeled. JMH single "
                            + "shot, 1 warm-up, mean of 3.",
                    List.of("strategy"), "select", null, null, null, null, "s"));
}
