package dev.quarry.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A device as a user writes it: {@code auto} (GPU 0 when CUDA is usable, else the CPU), {@code cpu},
 * or {@code gpu:N} ({@code gpu} alone means {@code gpu:0}).
 *
 * <p>Parsing only checks the syntax; {@link #resolve(Engine)} checks that the device exists and
 * fails with the list of devices that do.
 *
 * @param kind what was asked for
 * @param gpuIndex the GPU ordinal for {@link Kind#GPU}, otherwise -1
 */
public record DeviceSpec(Kind kind, int gpuIndex) {

    /** The three ways to name a device. */
    public enum Kind {
        /** GPU 0 if CUDA is usable, else the CPU. */
        AUTO,
        /** The CPU. */
        CPU,
        /** A given CUDA GPU. */
        GPU
    }

    /** {@code auto}. */
    public static final DeviceSpec AUTO = new DeviceSpec(Kind.AUTO, -1);

    /** {@code cpu}. */
    public static final DeviceSpec CPU = new DeviceSpec(Kind.CPU, -1);

    /**
     * Validates the components.
     *
     * @param kind what was asked for
     * @param gpuIndex the GPU ordinal for {@link Kind#GPU}, otherwise -1
     */
    public DeviceSpec {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.GPU && gpuIndex < 0) {
            throw new IllegalArgumentException("GPU index " + gpuIndex + " must be >= 0.");
        }
        if (kind != Kind.GPU && gpuIndex != -1) {
            throw new IllegalArgumentException("Only a GPU device has an index, got " + kind + ":" + gpuIndex + ".");
        }
    }

    /**
     * Parses {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N} (case-insensitive).
     *
     * @param text the device as written by a user
     * @return the parsed spec
     * @throws IllegalArgumentException if the text is none of those forms
     */
    public static DeviceSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Device is empty; use auto, cpu or gpu:N.");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "auto":
                return AUTO;
            case "cpu":
                return CPU;
            case "gpu":
            case "cuda":
                return gpu(0);
            default:
                break;
        }
        int colon = t.indexOf(':');
        if (colon > 0) {
            String prefix = t.substring(0, colon);
            String index = t.substring(colon + 1);
            if ((prefix.equals("gpu") || prefix.equals("cuda")) && index.matches("\\d{1,4}")) {
                return gpu(Integer.parseInt(index));
            }
        }
        throw new IllegalArgumentException(
                "Unknown device '" + text + "'; use auto, cpu or gpu:N (for example gpu:0).");
    }

    /**
     * A given GPU.
     *
     * @param index the CUDA ordinal
     * @return the spec
     */
    public static DeviceSpec gpu(int index) {
        return new DeviceSpec(Kind.GPU, index);
    }

    /**
     * Turns the spec into a DJL device that exists on this machine.
     *
     * @param engine the started engine
     * @return the device
     * @throws IllegalArgumentException if a GPU is asked for that this engine cannot use
     */
    public Device resolve(Engine engine) {
        int gpus = engine.getGpuCount();
        switch (kind) {
            case CPU:
                return Device.cpu();
            case AUTO:
                return gpus > 0 ? Device.gpu(0) : Device.cpu();
            case GPU:
                if (gpuIndex < gpus) {
                    return Device.gpu(gpuIndex);
                }
                throw new IllegalArgumentException(missingGpuMessage(engine, gpus));
            default:
                throw new IllegalStateException("Unhandled device kind " + kind);
        }
    }

    private String missingGpuMessage(Engine engine, int usableGpus) {
        List<String> available = new ArrayList<>();
        available.add("cpu");
        for (int i = 0; i < usableGpus; i++) {
            available.add("gpu:" + i);
        }
        String why;
        if (usableGpus > 0) {
            why = "this machine has " + usableGpus + " usable GPU(s)";
        } else if (PyTorchNatives.isCudaBuild(engine)) {
            why = "libtorch is a CUDA build but no CUDA GPU is visible (check nvidia-smi and CUDA_VISIBLE_DEVICES)";
        } else {
            why = "the loaded libtorch is the CPU build (" + PyTorchNatives.flavor(engine)
                    + "); on a CUDA host build with `mvn -Pcuda` so DJL loads a CUDA libtorch";
        }
        return "Device " + this + " was requested but " + why + ". Available devices: " + available
                + ". Use the device auto or cpu.";
    }

    @Override
    public String toString() {
        return kind == Kind.GPU ? "gpu:" + gpuIndex : kind.name().toLowerCase(Locale.ROOT);
    }
}
