package dev.quarry.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;

import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code quarry doctor} prints: the engine, the libtorch flavor and where it was loaded from,
 * CUDA and the GPUs, thread counts, offline mode and the device {@code auto} resolves to.
 *
 * @param entries the report lines, in print order (label to value)
 */
public record DoctorReport(Map<String, String> entries) {

    /**
     * Starts the engine if needed and inspects it.
     *
     * @return the report
     */
    public static DoctorReport inspect() {
        Map<String, String> e = new LinkedHashMap<>();
        Engine engine = NativeRuntime.engine();
        e.put("engine", engine.getEngineName() + " " + engine.getVersion() + " (DJL " + Engine.getDjlVersion() + ")");
        e.put("libtorch flavor", PyTorchNatives.flavor(engine));
        e.put("natives loaded from", PyTorchNatives.libraryDirectory().map(Object::toString).orElse("unknown"));
        boolean cudaBuild = PyTorchNatives.isCudaBuild(engine);
        int visible = CudaUtils.hasCuda() ? CudaUtils.getGpuCount() : 0;
        int usable = engine.getGpuCount();
        e.put("CUDA", cudaBuild ? "built with CUDA" : "not in this libtorch (CPU build)");
        e.put("CUDA driver", CudaUtils.hasCuda() ? "CUDA " + CudaUtils.getCudaVersionString() : "no CUDA runtime found");
        e.put("GPUs", usable + " usable, " + visible + " visible to the driver");
        for (String gpu : gpuLines(usable)) {
            e.put("  " + gpu.substring(0, gpu.indexOf(' ')), gpu.substring(gpu.indexOf(' ') + 1));
        }
        if (visible > 0 && !cudaBuild) {
            e.put("hint", "GPUs are present but libtorch is the CPU build: rebuild with `mvn -Pcuda`.");
        }
        e.put("threads", "intra-op " + PyTorchNatives.intraOpThreads().map(String::valueOf).orElse("?")
                + ", inter-op " + PyTorchNatives.interOpThreads().map(String::valueOf).orElse("?")
                + " (cores: " + Runtime.getRuntime().availableProcessors() + ")");
        e.put("CPU scoring", VectorApi.describe());
        e.put("OpenMP waiting", OpenMpWaiting.describe());
        e.put("offline", String.valueOf(ai.djl.util.Utils.isOfflineMode()));
        e.put("device auto", DeviceSpec.AUTO.resolve(engine).toString());
        e.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
                + "), max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
        return new DoctorReport(e);
    }

    private static List<String> gpuLines(int usable) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < usable; i++) {
            Device gpu = Device.gpu(i);
            String memory;
            try {
                MemoryUsage m = CudaUtils.getGpuMemory(gpu);
                memory = (m.getMax() >> 20) + " MiB total, " + (m.getCommitted() >> 20) + " MiB in use";
            } catch (RuntimeException ex) {
                memory = "memory unknown (" + ex.getMessage() + ")";
            }
            lines.add("gpu:" + i + " compute " + CudaUtils.getComputeCapability(i) + ", " + memory);
        }
        return lines;
    }

    /**
     * The report as aligned text.
     *
     * @return one line per entry
     */
    public String render() {
        int width = entries.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder sb = new StringBuilder("Quarry doctor\n");
        entries.forEach((k, v) -> sb.append("  ").append(k).append(" ".repeat(width - k.length() + 2)).append(v).append('\n'));
        return sb.toString();
    }
}
