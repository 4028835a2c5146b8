package dev.quarry.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.quarry.runtime.DoctorReport;
import dev.quarry.runtime.OpenMpWaiting;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * The machine a suite ran on, recorded beside its JMH JSON: what a reader needs to judge a figure.
 *
 * @param cpu the CPU model
 * @param simd the widest vector instructions it has (the fused kernels' width follows them)
 * @param cores the cores the JVM sees
 * @param memoryGib physical memory
 * @param os the operating system
 * @param libtorch the engine and libtorch flavor
 * @param device where arrays live ({@code -Dquarry.device}, default auto, resolved)
 * @param openMpWaiting how libtorch's OpenMP threads waited ({@code OMP_WAIT_POLICY})
 * @param date the day of the run
 */
public record BenchEnvironment(String cpu, String simd, int cores, long memoryGib, String os, String libtorch, String device,
        String openMpWaiting, String date) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Describes this machine; starts the engine to learn its flavor.
     *
     * @return the environment
     */
    public static BenchEnvironment capture() {
        Map<String, String> doctor = DoctorReport.inspect().entries();
        long memory = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() >> 30 : -1;
        String device = System.getProperty("quarry.device", "auto");
        return new BenchEnvironment(cpuModel().orElse(System.getProperty("os.arch")), widestVectorInstructions(),
                Runtime.getRuntime().availableProcessors(), memory,
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                doctor.get("engine") + ", " + doctor.get("libtorch flavor"),
                device.equals("auto") ? "auto (" + doctor.get("device auto") + ")" : device,
                OpenMpWaiting.policy().orElse("unset"), LocalDate.now().toString());
    }

    private static String widestVectorInstructions() {
        try {
            String flags = " " + Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("flags"))
                    .findFirst().orElse("") + " ";
            return flags.contains(" avx512f ") ? "AVX-512" : flags.contains(" avx2 ") ? "AVX2"
                    : flags.contains(" sse4_2 ") ? "SSE4.2" : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Optional<String> cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The same machine with the waiting policy described otherwise (where a run varies it).
     *
     * @param policy what to record
     * @return the environment
     */
    public BenchEnvironment withOpenMpWaiting(String policy) {
        return new BenchEnvironment(cpu, simd, cores, memoryGib, os, libtorch, device, policy, date);
    }

    /**
     * Reads a recorded environment.
     *
     * @param json the file
     * @return the environment
     * @throws IOException if it cannot be read
     */
    public static BenchEnvironment read(Path json) throws IOException {
        return JSON.readValue(json.toFile(), BenchEnvironment.class);
    }

    /**
     * Records the environment.
     *
     * @param json the file
     * @throws IOException if it cannot be written
     */
    public void write(Path json) throws IOException {
        Files.writeString(json, JSON.writeValueAsString(this) + "\n");
    }

    /** @return one line for a report */
    public String describe() {
        return cpu + (simd == null ? "" : " (" + simd + ")") + ", " + cores + " cores, " + memoryGib + " GiB; " + os + "; " + libtorch + "; device " + device
                + (openMpWaiting == null ? "" : "; OMP_WAIT_POLICY " + openMpWaiting) + "; run on " + date;
    }

    /**
     * Records this machine's environment into a file, for JSON produced by running JMH directly.
     *
     * @param args the target file
     * @throws IOException if it cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("Usage: BenchEnvironment <file.environment.json>");
        }
        capture().write(Path.of(args[0]));
    }
}
