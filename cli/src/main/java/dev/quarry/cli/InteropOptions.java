package dev.quarry.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.data.HostArray;
import dev.quarry.engine.data.NonFinite;
import dev.quarry.engine.data.NpyReader;
import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.strategy.OfflineInputs;
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

    @Option(names = "--probs", paramLabel = "FILE",
            description = "Probabilities as .npy: (N, C), or (N, T, C) MC-dropout passes (see --layout).")
    Path probabilities;

    @Option(names = "--embeddings", paramLabel = "FILE", description = "Embeddings as .npy (N, d), for diversity strategies.")
    Path embeddings;

    @Option(names = "--labeled", paramLabel = "FILE",
            description = "Row ids (int .npy, 1-D) of the items already labeled; the other rows form the pool.")
    Path labeled;

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
        if (probabilities == null) {
            throw new IllegalArgumentException("--probs is required here.");
        }
        NDArray raw = NpyReader.read(probabilities).toNDArray(manager);
        return ProbabilityInputs.toQuarryLayout(probabilities.toString(), raw, layout);
    }

    /**
     * Reads whatever inputs were given: probabilities, embeddings, labeled rows.
     *
     * @param manager where the arrays live
     * @return the inputs
     * @throws IOException if a file cannot be read
     */
    OfflineInputs loadAll(NDManager manager) throws IOException {
        if (probabilities == null && embeddings == null) {
            throw new IllegalArgumentException("Give --probs, --embeddings or both.");
        }
        NDArray p = probabilities == null ? null : load(manager);
        NDArray e = null;
        if (embeddings != null) {
            HostArray raw = NpyReader.read(embeddings);
            if (raw.rank() != 2 || !raw.type().isFloatingPoint()) {
                throw new IllegalArgumentException(embeddings + ": embeddings are " + raw + "; expected float (N, d).");
            }
            e = manager.create(raw.toFloatArray(), new Shape(raw.shape()));
            NonFinite bad = NonFinite.rowsOf(e);
            if (!bad.none()) {
                throw new InvalidInputException(embeddings + ": " + bad.describe("embeddings") + ".");
            }
        }
        long[] ids = new long[0];
        if (labeled != null) {
            HostArray raw = NpyReader.read(labeled);
            if (raw.rank() != 1 || raw.type().isFloatingPoint()) {
                throw new IllegalArgumentException(labeled + ": labeled ids are " + raw + "; expected a 1-D integer array.");
            }
            ids = raw.toLongArray();
        }
        return new OfflineInputs(p, e, ids);
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
