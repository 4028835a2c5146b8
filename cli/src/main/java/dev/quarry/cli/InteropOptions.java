package dev.quarry.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.data.NpyReader;
import dev.quarry.engine.strategy.ProbabilityInputs;
import dev.quarry.engine.strategy.ProbabilityLayout;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Strategies;
import dev.quarry.runtime.NativeRuntime;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import picocli.CommandLine.Option;

/** What {@code quarry score} and {@code quarry select} share: the strategy, the input file, timing. */
final class InteropOptions {

    @Option(names = "--strategy", required = true, paramLabel = "NAME", description = "The strategy; see `quarry strategies`.")
    String strategy;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "A strategy option; repeatable.")
    List<String> options = new ArrayList<>();

    @Option(names = "--probs", required = true, paramLabel = "FILE",
            description = "Probabilities as .npy: (N, C), or (N, T, C) MC-dropout passes (see --layout).")
    Path probabilities;

    @Option(names = "--layout", paramLabel = "NTC|NCT", description = "Axis order of 3-D --probs: NTC (default) or NCT (BaaL).")
    ProbabilityLayout layout = ProbabilityLayout.NTC;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the .npy result.")
    Path out;

    @Option(names = "--repeats", paramLabel = "R",
            description = "Run the computation R more times after loading and print median_seconds=<x>.")
    int repeats;

    @Option(names = "--device", paramLabel = "DEV", description = "auto (default), cpu or gpu:N.")
    String device = "auto";

    QueryStrategy strategy() {
        if (repeats < 0) {
            throw new IllegalArgumentException("--repeats " + repeats + " must be >= 0.");
        }
        return Strategies.get(strategy, KeyValues.parse("--option", options));
    }

    /**
     * Reads and checks the probabilities onto the device.
     *
     * @param manager where they live
     * @return {@code (N, C)} or {@code (N, T, C)} float32
     * @throws IOException if the file cannot be read
     */
    NDArray load(NDManager manager) throws IOException {
        NDArray raw = NpyReader.read(probabilities).toNDArray(manager);
        return ProbabilityInputs.toQuarryLayout(probabilities.toString(), raw, layout);
    }

    NDManager newManager() {
        return NDManager.newBaseManager(NativeRuntime.device(device));
    }

    /**
     * Times {@code repeats} more runs of a computation whose inputs are loaded, and prints the median.
     *
     * @param stdout where the line goes
     * @param computation the computation; its result is kept so it cannot be optimized away
     */
    <T> void timeRepeats(PrintWriter stdout, Supplier<T> computation) {
        if (repeats == 0) {
            return;
        }
        double[] seconds = new double[repeats];
        Object sink = null;
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            sink = computation.get();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        double median = repeats % 2 == 1 ? seconds[repeats / 2] : (seconds[repeats / 2 - 1] + seconds[repeats / 2]) / 2;
        stdout.printf(Locale.ROOT, "median_seconds=%.6f%n", median);
        stdout.flush();
        if (sink == null) {
            throw new IllegalStateException("The timed computation returned nothing.");
        }
    }
}
