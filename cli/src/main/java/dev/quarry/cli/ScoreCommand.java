package dev.quarry.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.data.HostArray;
import dev.quarry.engine.data.NpyWriter;
import dev.quarry.engine.strategy.OfflineQueries;
import dev.quarry.engine.strategy.QueryStrategy;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code quarry score}: one score per row of a probabilities file, written as {@code .npy}. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score every row of a .npy probabilities file (from any framework) and write scores.npy (float32, N).")
final class ScoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InteropOptions io;

    @Mixin
    RuntimeOptionsMixin runtime;

    @Override
    public Integer call() throws Exception {
        QueryStrategy strategy = io.strategy();
        runtime.apply();
        PrintWriter stdout = spec.commandLine().getOut();
        try (NDManager manager = io.newManager()) {
            NDArray probabilities = io.load(manager);
            float[] scores = OfflineQueries.score(strategy, probabilities);
            NpyWriter.write(io.out, HostArray.ofFloats(scores, scores.length));
            stdout.printf("Scored %d rows of %s with %s into %s%n", scores.length, io.probabilities, strategy, io.out);
            io.timeRepeats(stdout, () -> OfflineQueries.score(strategy, probabilities));
        }
        return QuarryCommand.OK;
    }
}
