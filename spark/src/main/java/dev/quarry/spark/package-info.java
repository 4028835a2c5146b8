/**
 * The pool spread over an Apache Spark cluster.
 *
 * <p>A pool is a Parquet table of (id, features, label) rows with a small metadata file ({@link
 * dev.quarry.spark.SparkPool}). Selection for top-k strategies ({@link dev.quarry.spark.SparkSelection})
 * ships the round's saved model to the executors once, scores each partition where it lives with the
 * engine's own scorer path ({@link dev.quarry.spark.PartitionScorer}), and merges each partition's k
 * best on the driver in Quarry's order ({@link dev.quarry.spark.ScoreOrder}), so the ids equal a single
 * process's. Spark is a provided dependency: a cluster brings its own, with Scala 2.13.
 */
package dev.quarry.spark;
