package dev.quarry.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.quarry.runtime.OpenMpWaiting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sharing the machine: times one short {@code quarry run} alone and beside CPU hogs ({@code yes},
 * one per core), with libtorch's OpenMP threads spinning ({@code OMP_WAIT_POLICY} unset) and
 * sleeping ({@code PASSIVE}), the four cases interleaved, and records the wall times in {@code
 * neighbour.json} for the report:
 *
 * <pre>
 * java -cp jmh-benchmarks/target/benchmarks.jar dev.quarry.bench.report.NeighbourRun \
 *     [--cli cli/target/quarry-cli.jar] [--repeats 2] [--dir docs/bench] [--readme README.md]
 * </pre>
 */
public final class NeighbourRun {

    /** The report folder's file of these timings. */
    public static final String FILE = "neighbour.json";

    /** The run timed: 2 000 pool items, 300 labels, 5 epochs, one round. */
    static final List<String> RUN = List.of("run", "--dataset", "fashion-mnist-subset", "--pool-size", "2000", "--initial",
            "300", "--epochs", "5", "--rounds", "1", "--strategy", "margin");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private NeighbourRun() {}

    /**
     * The recorded timings.
     *
     * @param command the CLI arguments of the run
     * @param cores the machine's cores
     * @param hogs the busy processes beside the run
     * @param timings wall seconds per waiting policy and load
     */
    public record Sharing(List<String> command, int cores, int hogs, List<Timing> timings) {

        /** Checks the record. */
        public Sharing {
            if (command == null || timings == null || timings.isEmpty()) {
                throw new IllegalArgumentException("A neighbour record needs its command and timings.");
            }
            if (cores < 1 || hogs < 1) {
                throw new IllegalArgumentException("A neighbour record needs cores and hogs >= 1; got " + cores + " and "
                        + hogs + ".");
            }
        }

        /**
         * Reads a record.
         *
         * @param json the file
         * @return the record
         * @throws IOException if it cannot be read
         */
        public static Sharing read(Path json) throws IOException {
            return JSON.readValue(json.toFile(), Sharing.class);
        }

        /** @return the run's fair share beside the hogs, as a multiple of its quiet time */
        double fairShare() {
            return (double) (cores + hogs) / cores;
        }
    }

    /**
     * The wall times of one case.
     *
     * @param policy {@code OMP_WAIT_POLICY}, or {@code unset}
     * @param load {@code quiet} or {@code busy}
     * @param seconds one wall time per repeat
     */
    public record Timing(String policy, String load, List<Double> seconds) {

        /** Checks the timing. */
        public Timing {
            if (policy == null || load == null || seconds == null || seconds.isEmpty() || seconds.stream().anyMatch(s -> !(s > 0))) {
                throw new IllegalArgumentException("Timing " + policy + "/" + load + " needs positive seconds: " + seconds);
            }
        }

        /** @return the median of the repeats */
        double median() {
            List<Double> sorted = seconds.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }
    }

    /**
     * Runs the cases, writes the record and the machine, and renders the report.
     *
     * @param args {@code [--cli JAR] [--repeats N] [--dir DIR] [--readme README]}
     * @throws IOException if a process or a file fails
     * @throws InterruptedException if interrupted while waiting for a run
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        Path cli = Path.of("cli/target/quarry-cli.jar");
        int repeats = 2;
        Path dir = Path.of("docs/bench");
        Path readme = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cli" -> cli = Path.of(RenderReport.value(args, ++i));
                case "--repeats" -> repeats = Integer.parseInt(RenderReport.value(args, ++i));
                case "--dir" -> dir = Path.of(RenderReport.value(args, ++i));
                case "--readme" -> readme = Path.of(RenderReport.value(args, ++i));
                default -> throw new IllegalArgumentException("Unknown argument '" + args[i] + "'; usage: NeighbourRun "
                        + "[--cli JAR] [--repeats N] [--dir DIR] [--readme README.md]");
            }
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats " + repeats + " must be at least 1.");
        }
        if (!Files.isRegularFile(cli)) {
            throw new IllegalArgumentException("No CLI jar at " + cli + "; build it with `mvn -pl cli -am package`.");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (int r = 0; r < repeats; r++) {
            for (String load : List.of("quiet", "busy")) {
                List<Process> hogs = new ArrayList<>();
                try {
                    for (int h = 0; load.equals("busy") && h < cores; h++) {
                        hogs.add(new ProcessBuilder("yes").redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
                    }
                    for (String policy : List.of("unset", "PASSIVE")) {
                        double seconds = timeRun(cli, policy);
                        System.out.printf(Locale.ROOT, "%s, OMP_WAIT_POLICY %s: %.2f s%n", load, policy, seconds);
                        times.computeIfAbsent(policy + "/" + load, key -> new ArrayList<>()).add(seconds);
                    }
                } finally {
                    for (Process hog : hogs) {
                        hog.destroy();
                        hog.waitFor();
                    }
                }
            }
        }
        List<Timing> timings = times.entrySet().stream().map(e -> new Timing(e.getKey().split("/")[0],
                e.getKey().split("/")[1], e.getValue())).toList();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(FILE), JSON.writeValueAsString(new Sharing(RUN, cores, cores, timings)) + "\n");
        BenchEnvironment.capture().withOpenMpWaiting("per row").write(dir.resolve("neighbour.environment.json"));
        for (Path written : RenderReport.render(dir, readme)) {
            System.out.println("wrote " + written);
        }
    }

    /** Wall seconds of one run with the given waiting policy; its output is kept only to explain a failure. */
    private static double timeRun(Path cli, String policy) throws IOException, InterruptedException {
        Path out = Files.createTempDirectory("quarry-neighbour");
        Path log = out.resolve("output.txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx4g"));
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            command.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        command.addAll(List.of("-jar", cli.toString()));
        command.addAll(RUN);
        command.addAll(List.of("--out", out.resolve("run").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("DJL_OFFLINE", "true");
        env.put("MALLOC_MMAP_THRESHOLD_", "1073741824");
        env.put("MALLOC_TRIM_THRESHOLD_", "1073741824");
        if (policy.equals("unset")) {
            env.remove(OpenMpWaiting.VARIABLE);
        } else {
            env.put(OpenMpWaiting.VARIABLE, policy);
        }
        long start = System.nanoTime();
        int code = builder.start().waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        String output = Files.readString(log);
        try (var files = Files.walk(out)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        if (code != 0) {
            throw new IllegalStateException("The timed run exited with " + code + ": " + String.join(" ", command)
                    + "\n" + output.substring(Math.max(0, output.length() - 2000)));
        }
        return seconds;
    }

    /**
     * The report's section: each policy's median quiet and busy times, the busy run against its fair
     * share, and the target (at most 1.2 times the fair share).
     *
     * @param record the timings
     * @param environment the machine line
     * @return Markdown
     */
    static String section(Sharing record, String environment) {
        double fair = record.fairShare();
        StringBuilder md = new StringBuilder("**Sharing the machine**. One short `quarry ")
                .append(String.join(" ", record.command())).append("`, alone and beside ").append(record.hogs())
                .append(" CPU hogs (`yes`) on ").append(record.cores()).append(" cores, with libtorch's OpenMP threads "
                        + "spinning while idle (`OMP_WAIT_POLICY` unset, libgomp's default) and sleeping (`PASSIVE`, "
                        + "what the `quarry` launcher and the tests set). Its fair share beside the hogs is ")
                .append(MarkdownReport.number(fair)).append("× its quiet time; the target is at most 1.2 times that. "
                        + "Wall seconds, median of ").append(record.timings().get(0).seconds().size())
                .append(" interleaved runs.\n\nRun: ").append(environment).append(".\n\n");
        md.append("| OMP_WAIT_POLICY | quiet (s) | beside the hogs (s) | busy ÷ quiet | busy ÷ fair share | target |\n")
                .append("|---|---:|---:|---:|---:|---|\n");
        for (String policy : record.timings().stream().map(Timing::policy).distinct().toList()) {
            double quiet = median(record, policy, "quiet");
            double busy = median(record, policy, "busy");
            double share = busy / (fair * quiet);
            md.append("| ").append(policy).append(" | ").append(MarkdownReport.number(quiet)).append(" | ")
                    .append(MarkdownReport.number(busy)).append(" | ").append(MarkdownReport.ratio(busy / quiet))
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", share)).append(" | ")
                    .append(share <= 1.2 ? "met" : "not met").append(" |\n");
        }
        return md.toString();
    }

    private static double median(Sharing record, String policy, String load) {
        return record.timings().stream().filter(t -> t.policy().equals(policy) && t.load().equals(load)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No " + load + " timing for policy " + policy + "."))
                .median();
    }
}
