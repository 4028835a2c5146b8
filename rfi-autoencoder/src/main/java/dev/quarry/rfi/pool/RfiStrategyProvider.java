package dev.quarry.rfi.pool;

import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Strategies;
import dev.quarry.engine.strategy.StrategyProvider;
import dev.quarry.engine.strategy.StrategySpec;

import java.util.List;

/** Registers the RF strategies with the engine's registry. */
public final class RfiStrategyProvider implements StrategyProvider {

    @Override
    public List<StrategySpec<?>> strategies() {
        return List.of(new StrategySpec<>(ReconErrorScorer.NAME, "footprints the RFI autoencoder changes most (mean "
                        + "squared reconstruction error; rf-smap pools)", ReconErrorOptions.class,
                        o -> QueryStrategy.topK(new ReconErrorScorer(o.model()))),
                new StrategySpec<>(AutoencoderEncoder.NAME, "an embedding strategy on the RFI autoencoder's code instead "
                        + "of the classifier's (rf-smap pools)", AeEmbeddingsOptions.class,
                        o -> Strategies.get(o.base(), o.baseOptions()).withEmbeddingsFrom(new AutoencoderEncoder(o.model()))));
    }
}
