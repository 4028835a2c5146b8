/**
 * What a run leaves in its directory for people and scripts to read.
 *
 * <p>{@link dev.quarry.engine.report.RunReport} writes {@code rounds.csv}, {@code rounds.jsonl} (with
 * the selected ids), {@code labels.csv}, {@code summary.json} (with the AUBC) and {@code
 * learning-curve.png} after every round, so a killed run still has its report up to the last
 * round. {@link dev.quarry.engine.report.ComparisonReport} summarizes several strategies × seeds in
 * one table and one chart with a curve per strategy (mean ± standard deviation over seeds). Charts
 * are drawn with XChart; every file is replaced atomically.
 */
package dev.quarry.engine.report;
