package dev.quarry.cli;

import ai.djl.ndarray.NDManager;

import dev.quarry.engine.data.HostArray;
import dev.quarry.engine.data.NpyWriter;
import dev.quarry.engine.strategy.OfflineInputs;
import dev.quarry.engine.strategy.OfflineQueries;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Selection;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code quarry select}: a batch of rows of a probabilities file, written as {@code .npy} row indices. */
@Command(name = "select", mixinStandardHelpOptions = true,
        description = "Select a batch from .npy probabilities and/or embeddings (rows = items; --labeled rows excluded) and "
                + "write selected.npy (int64 row ids, pick order).")
final class SelectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InteropOptions io;

    @Mixin
    RuntimeOptionsMixin runtime;

    @Option(names = "--budget", required = true, paramLabel = "B", description = "How many rows to select.")
    int budget;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of stochastic strategies (default 0).")
    long seed;

    @Override
    public Integer call() throws Exception {
        QueryStrategy strategy = io.strategy();
        runtime.apply();
        PrintWriter stdout = spec.commandLine().getOut();
        try (NDManager manager = io.newManager()) {
            OfflineInputs inputs = io.loadAll(manager);
            Selection selection = OfflineQueries.select(strategy, inputs, budget, seed);
            NpyWriter.write(io.out, HostArray.ofLongs(selection.ids(), selection.size()));
            stdout.printf("Selected %d of %d rows (%d labeled) with %s into %s%n", selection.size(), inputs.rows(),
                    inputs.labeled().length, strategy, io.out);
            io.timeRepeats(stdout, () -> OfflineQueries.select(strategy, inputs, budget, seed));
        }
        return QuarryCommand.OK;
    }
}
