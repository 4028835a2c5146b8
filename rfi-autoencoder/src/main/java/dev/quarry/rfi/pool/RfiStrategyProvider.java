package dev.quarry.rfi.pool;

import dev.quarry.engine.strategy.OptionSpec;
import dev.quarry.engine.strategy.StrategyFactory;
import dev.quarry.engine.strategy.StrategyProvider;

import java.nio.file.Path;
import java.util.List;

/** Registers the RF strategies with the engine's registry. */
public final class RfiStrategyProvider implements StrategyProvider {

    @Override
    public List<StrategyFactory> strategies() {
        return List.of(StrategyFactory.of(ReconErrorStrategy.NAME,
                "footprints the RFI autoencoder changes most (mean squared reconstruction error; --dataset rf-smap)",
                List.of(new OptionSpec("model", "runs/rfi/model", "the directory `quarry rfi train` saved the autoencoder"
                        + " in")),
                options -> new ReconErrorStrategy(Path.of(options.get("model").strip()))));
    }
}
