package dev.quarry.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders {@code docs/bench/report.md}, its charts and, with {@code --readme}, the README's benchmark
 * section from the committed JSON:
 *
 * <pre>
 * java -cp jmh-benchmarks/target/benchmarks.jar dev.quarry.bench.report.RenderReport \
 *     [--dir docs/bench] [--readme README.md]
 * </pre>
 */
public final class RenderReport {

    /** The README section's path to the report folder, from the repository root. */
    public static final String README_IMAGE_PREFIX = "docs/bench/";

    private RenderReport() {}

    /**
     * Renders.
     *
     * @param args {@code [--dir DIR] [--readme README]}
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of("docs/bench");
        Path readme = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(value(args, ++i));
                case "--readme" -> readme = Path.of(value(args, ++i));
                default -> throw new IllegalArgumentException("Unknown argument '" + args[i]
                        + "'; usage: RenderReport [--dir DIR] [--readme README.md]");
            }
        }
        for (Path written : render(dir, readme)) {
            System.out.println("wrote " + written);
        }
    }

    /**
     * Writes the report, its charts and the README section.
     *
     * @param dir the folder with the JSON
     * @param readme the README to update, or null
     * @return the files written
     * @throws IOException if a file cannot be read or written
     */
    public static List<Path> render(Path dir, Path readme) throws IOException {
        List<Path> written = new ArrayList<>();
        for (SuiteLayout layout : SuiteLayout.ALL) {
            Path json = dir.resolve(layout.file() + ".json");
            if (Files.exists(json)) {
                List<JmhMeasurement> results = JmhMeasurement.read(json);
                if (ScalingChart.applies(layout, results)) {
                    Path png = dir.resolve(ScalingChart.fileName(layout));
                    ScalingChart.write(png, layout, results);
                    written.add(png);
                }
            }
        }
        Path report = dir.resolve("report.md");
        Files.writeString(report, "# Quarry benchmarks\n\n" + MarkdownReport.render(dir, ""));
        written.add(report);
        if (readme != null) {
            String block = MarkdownReport.render(dir, README_IMAGE_PREFIX);
            Files.writeString(readme, ReadmeBlock.replace(Files.readString(readme), block));
            written.add(readme);
        }
        return written;
    }

    /** The value after a flag, or an error naming the flag. */
    static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("'" + args[i - 1] + "' needs a value.");
        }
        return args[i];
    }
}
