package dev.quarry.runtime;

import ai.djl.engine.Engine;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The few PyTorch-engine calls that DJL's api does not expose, reached by reflection so that Quarry
 * compiles against the api alone. Every method degrades to an empty answer (or a no-op) when the
 * engine is not PyTorch, and fails loudly when it is but lacks the method (another DJL release).
 */
public final class PyTorchNatives {

    private static final String JNI_UTILS = "ai.djl.pytorch.jni.JniUtils";
    private static final String LIB_UTILS = "ai.djl.pytorch.jni.LibUtils";

    private PyTorchNatives() {}

    /**
     * Turns off autograd recording on the calling thread.
     *
     * <p>Grad mode is thread-local in libtorch and the engine disables it only on the thread that
     * started it, so every other thread that runs inference must call this first, or each forward
     * records a graph and wastes memory.
     */
    public static void disableGradOnThisThread() {
        invokeStatic(JNI_UTILS, "setGradMode", new Class<?>[] {boolean.class}, false);
    }

    /**
     * Changes libtorch's intra-op thread count while it runs.
     *
     * @param threads the new count
     */
    public static void setIntraOpThreads(int threads) {
        invokeStatic(JNI_UTILS, "setNumThreads", new Class<?>[] {int.class}, threads);
    }

    /**
     * The intra-op thread count libtorch uses.
     *
     * @return the count, if the engine is PyTorch
     */
    public static Optional<Integer> intraOpThreads() {
        return invokeStatic(JNI_UTILS, "getNumThreads", new Class<?>[0]).map(Integer.class::cast);
    }

    /**
     * The inter-op thread count libtorch uses.
     *
     * @return the count, if the engine is PyTorch
     */
    public static Optional<Integer> interOpThreads() {
        return invokeStatic(JNI_UTILS, "getNumInteropThreads", new Class<?>[0]).map(Integer.class::cast);
    }

    /**
     * The directory the native libtorch was loaded from.
     *
     * @return the directory, if the engine is PyTorch and has loaded it
     */
    public static Optional<Path> libraryDirectory() {
        return invokeStatic(LIB_UTILS, "getLibtorchPath", new Class<?>[0])
                .map(Object::toString)
                .map(Path::of);
    }

    /**
     * The libtorch flavor, such as {@code cpu} or {@code cu128}, read from the library directory
     * name DJL uses ({@code <version>-<flavor>-<os>-<arch>}).
     *
     * @param engine the started engine
     * @return the flavor, or {@code cuda}/{@code cpu} from the engine's capabilities when the
     *     directory name does not tell
     */
    public static String flavor(Engine engine) {
        Optional<String> fromDir = libraryDirectory()
                .map(p -> p.getFileName().toString())
                .flatMap(PyTorchNatives::flavorFromDirectoryName);
        return fromDir.orElse(isCudaBuild(engine) ? "cuda" : "cpu");
    }

    /**
     * Whether the loaded engine was built with CUDA support.
     *
     * @param engine the started engine
     * @return true for a CUDA build
     */
    public static boolean isCudaBuild(Engine engine) {
        return engine.hasCapability("CUDA");
    }

    /**
     * Calls a TorchScript method that takes one boolean, such as {@code set_mc(True)}, on a block
     * loaded from a TorchScript file.
     *
     * @param block a {@code PtSymbolBlock}
     * @param method the exported method's name
     * @param value the argument
     * @throws IllegalArgumentException if the block is not TorchScript or lacks the method
     */
    public static void runBooleanMethod(ai.djl.nn.Block block, String method, boolean value) {
        try {
            Class<?> ivalue = Class.forName("ai.djl.pytorch.jni.IValue");
            Class<?> symbolBlock = Class.forName("ai.djl.pytorch.engine.PtSymbolBlock");
            if (!symbolBlock.isInstance(block)) {
                throw new IllegalArgumentException("Block " + block.getClass().getSimpleName() + " is not a TorchScript module.");
            }
            Object argument = ivalue.getMethod("from", boolean.class).invoke(null, value);
            Object arguments = java.lang.reflect.Array.newInstance(ivalue, 1);
            java.lang.reflect.Array.set(arguments, 0, argument);
            Method run = Class.forName("ai.djl.pytorch.jni.IValueUtils")
                    .getMethod("runMethod", symbolBlock, String.class, arguments.getClass());
            try (AutoCloseable result = (AutoCloseable) run.invoke(null, block, method, arguments);
                    AutoCloseable arg = (AutoCloseable) argument) {
                // Nothing to read: the method mutates the module.
            }
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new IllegalArgumentException("The TorchScript module cannot run " + method + "(" + value + "): "
                    + e.getCause().getMessage() + " (export it with @torch.jit.export; see the TorchScript contract).",
                    e.getCause());
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Calling TorchScript method " + method + " needs the PyTorch engine: " + e, e);
        }
    }

    /**
     * Whether an engine failure is the device running out of memory. libtorch's {@code
     * c10::OutOfMemoryError} reaches Java only as DJL's generic {@code EngineException}, whose message
     * is libtorch's ("CUDA out of memory. Tried to allocate ..."; on a CPU, "... out of memory ...");
     * this is the one place that reads it.
     *
     * @param failure what the engine threw
     * @return true when it was an out-of-memory error
     */
    public static boolean isOutOfMemory(Throwable failure) {
        String message = String.valueOf(failure.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return message.contains("out of memory");
    }

    static Optional<String> flavorFromDirectoryName(String name) {
        // e.g. 2.7.1-cpu-linux-x86_64 or 2.7.1-cu128-linux-x86_64
        String[] parts = name.split("-");
        for (String part : parts) {
            if (part.equals("cpu") || part.matches("cu\\d+")) {
                return Optional.of(part);
            }
        }
        return Optional.empty();
    }

    static Optional<Object> invokeStatic(String className, String method, Class<?>[] types, Object... args) {
        Class<?> type;
        try {
            type = Class.forName(className, false, PyTorchNatives.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return Optional.empty(); // not the PyTorch engine: nothing to do
        }
        Method m;
        try {
            m = type.getMethod(method, types);
        } catch (NoSuchMethodException e) {
            // The PyTorch engine is here but lacks a method Quarry relies on: going on silently would, for
            // setGradMode, leave autograd recording every inference forward.
            throw new IllegalStateException("The PyTorch engine's " + className + " has no " + method + " method "
                    + "(DJL " + djlVersion() + "); Quarry is built for DJL 0.36. Use the DJL version in Quarry's POM.", e);
        }
        try {
            return Optional.ofNullable(m.invoke(null, args));
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof LinkageError) {
                return Optional.empty(); // libtorch is not loaded in this process yet
            }
            throw new IllegalStateException("Calling " + className + "." + method + " failed: " + e.getCause(), e);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Calling " + className + "." + method + " is not allowed: " + e, e);
        }
    }

    private static String djlVersion() {
        String v = Engine.class.getPackage().getImplementationVersion();
        return v == null ? "unknown version" : v;
    }
}
