package dev.quarry.cli;

import dev.quarry.engine.experiment.Comparison;
import dev.quarry.engine.experiment.ExperimentConfig;
import dev.quarry.engine.progress.ConsoleProgressReporter;
import dev.quarry.engine.report.ComparisonReport;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code quarry compare}: several strategies × seeds, one report. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare strategies over seeds on one dataset; running it again resumes it.")
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ExperimentOptions experiment;

    @Mixin
    RuntimeOptionsMixin runtime;

    @Option(names = "--strategies", split = ",", required = true, paramLabel = "NAME[,NAME...]",
            description = "Strategies to compare.")
    List<String> strategies;

    @Option(names = "--seeds", split = ",", paramLabel = "S[,S...]", description = "Seeds (default 1,2).")
    List<Long> seeds = new ArrayList<>(List.of(1L, 2L));

    @Option(names = "--option", paramLabel = "STRATEGY.KEY=VALUE", description = "A strategy option; repeatable.")
    List<String> options = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default runs/compare).")
    Path out = Path.of("runs", "compare");

    @Override
    public Integer call() throws Exception {
        ExperimentConfig base = experiment.resolve(ExperimentConfig.DEFAULTS);
        return CompareCommand.compare(spec.commandLine().getOut(), base, strategies, seeds,
                KeyValues.parseQualified("--option", options), out, runtime);
    }

    static int compare(PrintWriter stdout, ExperimentConfig base, List<String> strategies, List<Long> seeds,
            Map<String, Map<String, String>> options, Path out, RuntimeOptionsMixin runtime) throws Exception {
        Map<String, Map<String, String>> byStrategy = new LinkedHashMap<>();
        for (String s : strategies) {
            byStrategy.put(s.trim(), options.getOrDefault(s.trim(), Map.of()));
        }
        for (String named : options.keySet()) {
            if (!byStrategy.containsKey(named)) {
                throw new IllegalArgumentException("--option names strategy '" + named + "', which is not in --strategies "
                        + byStrategy.keySet() + ".");
            }
        }
        runtime.apply();
        long start = System.nanoTime();
        ComparisonReport report = Comparison.run(base, byStrategy, seeds, out, ConsoleProgressReporter.stderr(),
                (strategy, seed, index, total) -> stdout.printf("== run %d/%d: %s, seed %d%n", index, total, strategy, seed),
                new RoundPrinter(stdout, "   "));
        stdout.printf("%nResults (%d seed(s), %.1f min):%n%n%s%n", seeds.size(), (System.nanoTime() - start) / 60e9,
                report.table());
        if (report.labelsSaved() != null) {
            stdout.printf("%s%n", report.labelsSaved().table());
        }
        stdout.println("Chart: " + report.chart() + (report.labelsSaved() == null ? ""
                : ", labels saved: " + out.resolve(ComparisonReport.LABELS_SAVED_PNG)));
        stdout.println("Tables: " + out.resolve(ComparisonReport.SUMMARY_CSV) + ", " + out.resolve(ComparisonReport.RUNS_CSV));
        stdout.flush();
        return QuarryCommand.OK;
    }
}
