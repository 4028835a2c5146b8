package dev.quarry.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * One command for a benchmark report: runs the JMH suites of one layout with JSON output, records
 * the machine beside the JSON, and renders the report (and the README section):
 *
 * <pre>
 * java -cp jmh-benchmarks/target/benchmarks.jar dev.quarry.bench.report.RunAndReport score-call \
 *     [--dir docs/bench] [--readme README.md] [-- JMH options, e.g. -jvmArgsAppend "..."]
 * </pre>
 *
 * The layout's file name (see {@link SuiteLayout#ALL}) picks the suite.
 */
public final class RunAndReport {

    private RunAndReport() {}

    /**
     * Runs and renders.
     *
     * @param args the layout's file name, then options, then {@code --} and JMH's own options
     * @throws IOException if a file cannot be written
     * @throws RunnerException if JMH fails
     * @throws CommandLineOptionException if JMH's options are wrong
     */
    public static void main(String[] args) throws IOException, RunnerException, CommandLineOptionException {
        if (args.length == 0) {
            throw new IllegalArgumentException("Usage: RunAndReport <" + String.join("|",
                    SuiteLayout.ALL.stream().map(SuiteLayout::file).toList())
                    + "> [--dir DIR] [--readme README.md] [-- JMH options]");
        }
        SuiteLayout layout = SuiteLayout.ALL.stream().filter(l -> l.file().equals(args[0])).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No suite '" + args[0] + "'; known: "
                        + SuiteLayout.ALL.stream().map(SuiteLayout::file).toList()));
        Path dir = Path.of("docs/bench");
        Path readme = null;
        int i = 1;
        for (; i < args.length && !args[i].equals("--"); i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(RenderReport.value(args, ++i));
                case "--readme" -> readme = Path.of(RenderReport.value(args, ++i));
                default -> throw new IllegalArgumentException("Unknown argument '" + args[i] + "'.");
            }
        }
        String[] jmh = i < args.length ? Arrays.copyOfRange(args, i + 1, args.length) : new String[0];
        // The forks' device is the one the report names (the forks get it through -jvmArgsAppend).
        for (String arg : String.join(" ", jmh).replace("\"", "").replace("'", "").split("\\s+")) {
            if (arg.startsWith("-Dquarry.device=")) {
                System.setProperty("quarry.device", arg.substring("-Dquarry.device=".length()));
            }
        }
        Files.createDirectories(dir);
        Path json = dir.resolve(layout.file() + ".json");
        Options options = new OptionsBuilder().parent(new CommandLineOptions(jmh))
                .include("\\." + layout.suite() + "\\.").resultFormat(ResultFormatType.JSON).result(json.toString())
                .build();
        new Runner(options).run();
        BenchEnvironment.capture().write(dir.resolve(layout.file() + ".environment.json"));
        for (Path written : RenderReport.render(dir, readme)) {
            System.out.println("wrote " + written);
        }
    }
}
