package dev.quarry.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One benchmark result from JMH's JSON output.
 *
 * @param suite the benchmark class's simple name
 * @param method the benchmark method
 * @param params the {@code @Param} values
 * @param score the primary metric (time per operation)
 * @param error JMH's 99.9 % half-interval, NaN for a single measurement
 * @param unit JMH's unit, such as {@code ms/op}
 * @param jvmArgs the forked JVM's arguments
 * @param jdk the forked JVM's version and name
 */
public record JmhMeasurement(String suite, String method, Map<String, String> params, double score, double error,
        String unit, List<String> jvmArgs, String jdk) {

    /**
     * Reads a JMH JSON result file ({@code -rf json}).
     *
     * @param json the file
     * @return its measurements, in file order
     * @throws IOException if it cannot be read or is not JMH's format
     */
    public static List<JmhMeasurement> read(Path json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        if (root == null || !root.isArray()) {
            throw new IOException(json + " is not a JMH JSON result (expected an array of benchmarks).");
        }
        List<JmhMeasurement> out = new ArrayList<>();
        for (JsonNode b : root) {
            String benchmark = b.path("benchmark").asText();
            int dot = benchmark.lastIndexOf('.');
            String type = benchmark.substring(0, Math.max(0, dot));
            Map<String, String> params = new TreeMap<>();
            b.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            JsonNode metric = b.path("primaryMetric");
            if (dot < 0 || !metric.path("score").isNumber()) {
                throw new IOException(json + ": entry '" + benchmark + "' has no benchmark name or no primary score.");
            }
            List<String> args = new ArrayList<>();
            b.path("jvmArgs").forEach(a -> args.add(a.asText()));
            double error = metric.path("scoreError").asDouble(Double.NaN);
            out.add(new JmhMeasurement(type.substring(type.lastIndexOf('.') + 1), benchmark.substring(dot + 1), params,
                    metric.path("score").asDouble(), error, metric.path("scoreUnit").asText(), args,
                    b.path("jdkVersion").asText() + " (" + b.path("vmName").asText() + ")"));
        }
        return out;
    }

    /**
     * This measurement repeated: what k operations take.
     *
     * @param k the repeats
     * @return the score and error times k
     */
    public JmhMeasurement times(int k) {
        return new JmhMeasurement(suite, method, params, score * k, error * k, unit, jvmArgs, jdk);
    }

    /** @return the score in seconds per operation */
    public double seconds() {
        return score * secondsPer(unit);
    }

    /** @return the error in seconds per operation */
    public double errorSeconds() {
        return error * secondsPer(unit);
    }

    private static double secondsPer(String unit) {
        return switch (unit) {
            case "s/op" -> 1;
            case "ms/op" -> 1e-3;
            case "us/op" -> 1e-6;
            case "ns/op" -> 1e-9;
            default -> throw new IllegalArgumentException("Unit '" + unit + "' is not a time per operation; the report "
                    + "reads average or single-shot time (-bm avgt or ss).");
        };
    }
}
