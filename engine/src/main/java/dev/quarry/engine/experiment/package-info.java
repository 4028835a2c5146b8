/**
 * A whole experiment from one configuration: the layer the CLI and config files use.
 *
 * <p>{@link dev.quarry.engine.experiment.ExperimentConfig} is everything a run needs (dataset,
 * strategy and options, sizes, seed, device, model); it reads from YAML or JSON with defaults for
 * what is left out and is written back, resolved, as {@code config.yaml} into the run directory so
 * that {@link dev.quarry.engine.experiment.Experiment#resume(java.nio.file.Path,
 * dev.quarry.engine.progress.ProgressReporter, dev.quarry.engine.loop.RunListener...)} can rebuild
 * the run from the directory alone. {@link dev.quarry.engine.experiment.Comparison} runs several
 * strategies × seeds on one dataset and writes one report.
 */
package dev.quarry.engine.experiment;
