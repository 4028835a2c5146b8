/**
 * The pool spread over an Apache Spark cluster.
 *
 * <p>A pool is a Parquet table with a small metadata file ({@link dev.quarry.spark.SparkPool}): rows
 * of (id, features, label), written from a dataset or from {@code .npy} shards read by executors, or
 * rows of (id, path, label) for image files that executors decode. The round's saved model is
 * shipped to the executors once and each partition is scored where it lives with the engine's own
 * scorer path ({@link dev.quarry.spark.PartitionScorer}). Ranked strategies, MC-dropout ones among
 * them, merge each partition's k best on the driver in Quarry's order ({@link
 * dev.quarry.spark.SparkSelection}), so the ids equal a single process's; k-center runs as a
 * composable coreset with a certified radius ({@link dev.quarry.spark.SparkKCenter}), k-means and
 * TypiClust on MLlib's k-means‖ ({@link dev.quarry.spark.SparkClusters}), BADGE as k-means‖ in
 * gradient space ({@link dev.quarry.spark.SparkBadge}); {@link dev.quarry.spark.SparkBackend} runs a
 * loop's selections there. Spark is a provided dependency: a cluster brings its own, with Scala 2.13.
 */
package dev.quarry.spark;
