/**
 * Which native engine and device Quarry runs on.
 *
 * <p>This package owns the process-wide native settings: the libtorch flavor chosen at build time
 * (the CPU jar from Maven Central by default, a CUDA libtorch with the {@code cuda} Maven profile),
 * offline native loading, intra-op and inter-op thread counts (read once, when the engine starts),
 * device parsing ({@code auto}, {@code cpu}, {@code gpu:N}), whether the JDK's Vector API is there
 * for the fused CPU kernels ({@link dev.quarry.runtime.VectorApi}), how libtorch's OpenMP threads
 * wait ({@link dev.quarry.runtime.OpenMpWaiting}) and the diagnostic report behind
 * {@code quarry doctor}.
 *
 * <p>Rules: no other module reads or writes DJL's native system properties; a {@link
 * ai.djl.Device} is always resolved here from a {@link dev.quarry.runtime.DeviceSpec} and then
 * passed along as a parameter, never hard-coded. Engine-specific calls (PyTorch's thread-local
 * grad mode, thread counts, the library path) go through {@link dev.quarry.runtime.PyTorchNatives}
 * so that the rest of Quarry compiles against DJL's api alone.
 */
package dev.quarry.runtime;
