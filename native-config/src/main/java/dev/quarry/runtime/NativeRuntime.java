package dev.quarry.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;

/**
 * Starts the DJL engine once per process with Quarry's native settings and resolves devices.
 *
 * <p>libtorch reads its thread counts when the engine starts, so {@link #start(RuntimeOptions)}
 * must run before anything else touches DJL; later calls return the running engine and only
 * adjust the intra-op thread count, the one setting libtorch can change while running.
 */
public final class NativeRuntime {

    static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";
    static final String INTEROP_THREADS_PROPERTY = "ai.djl.pytorch.num_interop_threads";
    static final String OFFLINE_PROPERTY = "ai.djl.offline";

    private static Engine engine;

    private NativeRuntime() {}

    /**
     * Starts the engine with the given settings, or returns the one already running.
     *
     * @param options the settings
     * @return the engine
     * @throws IllegalStateException if the native library cannot be loaded, with what to do
     */
    public static synchronized Engine start(RuntimeOptions options) {
        if (engine != null) {
            if (options.intraOpThreads() > 0
                    && PyTorchNatives.intraOpThreads().orElse(options.intraOpThreads()) != options.intraOpThreads()) {
                PyTorchNatives.setIntraOpThreads(options.intraOpThreads());
            }
            return engine;
        }
        if (options.intraOpThreads() > 0) {
            System.setProperty(THREADS_PROPERTY, Integer.toString(options.intraOpThreads()));
        }
        if (options.interOpThreads() > 0) {
            System.setProperty(INTEROP_THREADS_PROPERTY, Integer.toString(options.interOpThreads()));
        }
        // An explicit DJL_OFFLINE or -Dai.djl.offline wins, so `DJL_OFFLINE=false` allows the one-time CUDA download.
        if (options.offline() && System.getProperty(OFFLINE_PROPERTY) == null && System.getenv("DJL_OFFLINE") == null) {
            System.setProperty(OFFLINE_PROPERTY, "true");
        }
        try {
            engine = Engine.getInstance();
        } catch (EngineException e) {
            throw new IllegalStateException(
                    "Could not start the PyTorch engine: " + e.getMessage()
                            + ". In offline mode the natives must be on the classpath (the default build"
                            + " ships pytorch-native-cpu) or PYTORCH_LIBRARY_PATH must point to a libtorch "
                            + "directory; run `quarry doctor` for details.",
                    e);
        }
        return engine;
    }

    /**
     * The running engine, started with {@link RuntimeOptions#DEFAULTS} unless already started.
     *
     * @return the engine
     */
    public static synchronized Engine engine() {
        return engine != null ? engine : start(RuntimeOptions.DEFAULTS);
    }

    /**
     * Resolves a device spec against the running engine.
     *
     * @param spec the spec
     * @return a device that exists here
     * @throws IllegalArgumentException if the device does not exist, listing those that do
     */
    public static Device device(DeviceSpec spec) {
        return spec.resolve(engine());
    }

    /**
     * Parses and resolves a device as a user writes it.
     *
     * @param text {@code auto}, {@code cpu} or {@code gpu:N}
     * @return a device that exists here
     */
    public static Device device(String text) {
        return device(DeviceSpec.parse(text));
    }
}
