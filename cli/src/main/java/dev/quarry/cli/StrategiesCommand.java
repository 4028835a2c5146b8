package dev.quarry.cli;

import dev.quarry.engine.strategy.Input;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Strategies;
import dev.quarry.engine.strategy.StrategyOptions;
import dev.quarry.engine.strategy.StrategySpec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code quarry strategies}: what can be selected by name. */
@Command(name = "strategies", mixinStandardHelpOptions = true, description = "List the registered strategies and their options.")
final class StrategiesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (StrategySpec<?> f : Strategies.specs()) {
            out.printf("%-26s %s%n", f.name(), f.summary());
            out.printf("%-26s   reads: %s%n", "", reads(f));
            for (StrategyOptions.Described o : f.optionList()) {
                // An inner strategy's options (name "prefix.*") have no default of their own.
                String option = o.name().endsWith("*") ? o.name().replace("*", "KEY=VALUE")
                        : o.name() + "=<" + o.defaultValue() + ">";
                out.printf("%-26s   --option %s  %s%n", "", option, o.description());
            }
        }
        out.println();
        out.println("Every strategy also takes:");
        for (StrategyOptions.Described o : Strategies.COMMON_OPTIONS) {
            out.printf("  --option %s=<%s>  %s%n", o.name(), o.defaultValue(), o.description());
        }
        out.flush();
        return QuarryCommand.OK;
    }

    /** What the strategy reads with its default options, from its declared inputs. */
    private static String reads(StrategySpec<?> spec) {
        try {
            QueryStrategy strategy = spec.create(Map.of());
            if (strategy.selector().meta().isPresent()) {
                return "what its candidates read (" + strategy.selector().meta().get().candidates().stream()
                        .map(QueryStrategy::name).collect(Collectors.joining(", ")) + " by default)";
            }
            Set<Input> inputs = strategy.inputs();
            return inputs.isEmpty() ? "nothing" : inputs.stream().map(Object::toString).collect(Collectors.joining(", "));
        } catch (IllegalArgumentException e) {
            return "(depends on its options: " + e.getMessage() + ")";
        }
    }
}
