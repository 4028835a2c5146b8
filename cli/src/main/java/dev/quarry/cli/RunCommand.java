package dev.quarry.cli;

import dev.quarry.engine.experiment.ExperimentConfig;
import dev.quarry.engine.loop.RunResult;
import dev.quarry.engine.progress.ConsoleProgressReporter;
import dev.quarry.labeling.LabelingRuns;
import dev.quarry.spark.SparkBackend;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code quarry run}: one strategy, one seed. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run one active learning experiment (one strategy, one seed).")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ExperimentOptions experiment;

    @Mixin
    RuntimeOptionsMixin runtime;

    @Option(names = "--strategy", paramLabel = "NAME", description = "Query strategy (default margin); see `quarry strategies`.")
    String strategy;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "A strategy option; repeatable.")
    List<String> options = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default runs/<strategy>-seed<seed>).")
    Path out;

    @Option(names = "--spark", paramLabel = "MASTER", arity = "0..1", fallbackValue = "",
            description = "Score and select on Spark (local[N], spark://host:port, ...; without MASTER, the cluster "
                    + "spark-submit started this on): training stays here, the pool is written to RUN_DIR/spark (on a "
                    + "cluster, storage every node mounts) and scored where it lives. Top-k and stochastic strategies "
                    + "pick what one process picks; kcenter runs as a two-round coreset. Needs a build with -Pspark, "
                    + "or the spark-app jar under spark-submit.")
    String spark;

    @Option(names = "--coreset-factor", paramLabel = "M", defaultValue = "2",
            description = "With --spark, kcenter keeps M x budget local centers per partition (default "
                    + "${DEFAULT-VALUE}; 2 to 4 keeps the radius close to one machine's).")
    int coresetFactor;

    @Override
    public Integer call() throws Exception {
        ExperimentConfig config = experiment.resolve(ExperimentConfig.DEFAULTS);
        if (strategy != null || !options.isEmpty()) {
            config = config.withStrategy(strategy != null ? strategy : config.strategy(),
                    options.isEmpty() ? config.strategyOptions() : KeyValues.parse("--option", options));
        }
        Path dir = out != null ? out : Path.of("runs", config.strategy() + "-seed" + config.seed());
        runtime.apply();
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("Running %s (seed %d) on %s into %s%n", config.strategy(), config.seed(), config.dataset().name(), dir);
        if (spark == null) {
            RunResult result = LabelingRuns.run(config, config.dataset().load(), dir, ConsoleProgressReporter.stderr(),
                    new RoundPrinter(stdout, ""));
            return RoundPrinter.finish(stdout, dir, result);
        }
        try (SparkBackend cluster = SparkRuns.start(spark, dir.resolve("spark").toAbsolutePath(), coresetFactor)) {
            stdout.printf("Selecting on %s%n", cluster);
            RunResult result = LabelingRuns.run(config, config.dataset().load(), dir, ConsoleProgressReporter.stderr(),
                    cluster, new RoundPrinter(stdout, ""));
            return RoundPrinter.finish(stdout, dir, result);
        }
    }
}
