package dev.quarry.runtime;

import ai.djl.Device;

/**
 * Whether Quarry's fused CPU kernels, written with the JDK's Vector API, can run. The API is an
 * incubator module on Java 17 to 25, present only when the JVM was started with {@code
 * --add-modules jdk.incubator.vector} (the {@code quarry} launcher, the tests and the benchmarks
 * pass it). Without it, that CPU work (uncertainty scores; ProbCover's graph, k-means and TypiClust's
 * typicality) runs as libtorch operations, with the same results up to float rounding.
 */
public final class VectorApi {

    /** The incubator module that holds the Vector API. */
    public static final String MODULE = "jdk.incubator.vector";

    /** Set to {@code false} to run that CPU work as libtorch operations even when the API is present. */
    public static final String PROPERTY = "quarry.cpu.vectorKernels";

    private static final boolean PRESENT = ModuleLayer.boot().findModule(MODULE).isPresent();

    private VectorApi() {}

    /**
     * Whether the fused kernels run: the module is present and not switched off.
     *
     * @return true when CPU scoring uses the fused kernels
     */
    public static boolean enabled() {
        return PRESENT && !"false".equalsIgnoreCase(System.getProperty(PROPERTY));
    }

    /**
     * Whether work on a device goes to the fused CPU kernels.
     *
     * @param device where the arrays are
     * @return true for the CPU when {@link #enabled()}
     */
    public static boolean runsOn(Device device) {
        return Device.Type.CPU.equals(device.getDeviceType()) && enabled();
    }

    /**
     * A line for {@code quarry doctor}.
     *
     * @return which CPU kernels run and, if not the fused ones, how to turn them on
     */
    public static String describe() {
        if (enabled()) {
            return "fused Java kernels (JDK Vector API): scores, ProbCover's graph, k-means";
        }
        return PRESENT ? "libtorch operations (" + PROPERTY + "=false)"
                : "libtorch operations; start Java with --add-modules " + MODULE + " for the fused kernels";
    }
}
