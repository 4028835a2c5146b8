package dev.quarry.cli;

import dev.quarry.runtime.NativeRuntime;
import dev.quarry.runtime.RuntimeOptions;

import picocli.CommandLine.Option;

/** Native settings shared by every command that computes; applied before the engine starts. */
final class RuntimeOptionsMixin {

    @Option(names = "--threads", paramLabel = "N",
            description = "libtorch intra-op threads (default: one per core).")
    int threads;

    @Option(names = "--interop-threads", paramLabel = "N",
            description = "libtorch inter-op threads (default: libtorch's).")
    int interopThreads;

    /** Starts the engine with these settings. */
    void apply() {
        NativeRuntime.start(new RuntimeOptions(threads, interopThreads, true));
    }
}
