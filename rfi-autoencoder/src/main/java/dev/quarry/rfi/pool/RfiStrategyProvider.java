package dev.quarry.rfi.pool;

import dev.quarry.engine.strategy.OptionSpec;
import dev.quarry.engine.strategy.Strategies;
import dev.quarry.engine.strategy.StrategyFactory;
import dev.quarry.engine.strategy.StrategyOptions;
import dev.quarry.engine.strategy.StrategyProvider;

import java.nio.file.Path;
import java.util.List;

/** Registers the RF strategies with the engine's registry. */
public final class RfiStrategyProvider implements StrategyProvider {

    private static final OptionSpec MODEL = new OptionSpec("model", "runs/rfi/model",
            "the directory `quarry rfi train` saved the autoencoder in");

    @Override
    public List<StrategyFactory> strategies() {
        return List.of(StrategyFactory.of(ReconErrorStrategy.NAME,
                "footprints the RFI autoencoder changes most (mean squared reconstruction error; --dataset rf-smap)",
                List.of(MODEL), options -> new ReconErrorStrategy(model(options))),
                StrategyFactory.of(AutoencoderEmbeddingStrategy.NAME,
                        "an embedding strategy on the RFI autoencoder's code instead of the classifier's (--dataset rf-smap)",
                        List.of(new OptionSpec("base", "kcenter", "the embedding-space strategy to run (default options)"),
                                MODEL),
                        options -> new AutoencoderEmbeddingStrategy(Strategies.get(options.get("base").strip()),
                                model(options))));
    }

    private static Path model(StrategyOptions options) {
        return Path.of(options.get(MODEL.name()).strip());
    }
}
