/**
 * Benchmark reports as an artifact: {@link dev.quarry.bench.report.RunAndReport} runs chosen JMH
 * suites with JSON output and records the machine they ran on; {@link
 * dev.quarry.bench.report.RenderReport} turns the committed JSON into {@code docs/bench/report.md},
 * its charts, and the README's benchmark section. Each suite's layout (which method is the result,
 * which the baseline, which the floor) lives in {@link dev.quarry.bench.report.SuiteLayout}; {@link
 * dev.quarry.bench.report.NeighbourRun} times a short run quiet and beside CPU hogs for the report's
 * "Sharing the machine" table. The numbers come only from JSON, so a report cannot say what no run
 * measured.
 */
package dev.quarry.bench.report;
