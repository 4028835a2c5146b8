package dev.quarry.diversity;

import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.errors.Setting;
import dev.quarry.engine.strategy.NoOptions;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Scorer;
import dev.quarry.engine.strategy.Strategies;
import dev.quarry.engine.strategy.StrategyProvider;
import dev.quarry.engine.strategy.StrategySpec;

import java.util.List;

/** Registers this module's strategies with the engine's registry. */
public final class DiversityStrategyProvider implements StrategyProvider {

    /** The registry names. */
    static final String KCENTER = "kcenter";
    static final String KMEANS = "kmeans";
    static final String BADGE = "badge";
    static final String PROBCOVER = "probcover";
    static final String TYPICLUST = "typiclust";
    static final String CLUSTER_MARGIN = "cluster-margin";
    static final String HYBRID = "hybrid";

    @Override
    public List<StrategySpec<?>> strategies() {
        return List.of(
                new StrategySpec<>(KCENTER, "Core-Set greedy k-center on embeddings (Sener & Savarese 2018)",
                        KCenterOptions.class, o -> QueryStrategy.of(KCENTER, new KCenterSelector(o))),
                new StrategySpec<>(KMEANS, "k-means (k = budget, k-means++ seeding); the member nearest each centroid",
                        NoOptions.class, o -> QueryStrategy.of(KMEANS, new KMeansSelector())),
                new StrategySpec<>(BADGE, "k-means++ seeding on gradient embeddings (Ash et al. 2020)", NoOptions.class,
                        o -> QueryStrategy.of(BADGE, new BadgeSelector())),
                new StrategySpec<>(PROBCOVER, "greedy maximum coverage of delta-balls (Yehuda et al. 2022)",
                        ProbCoverOptions.class, o -> QueryStrategy.of(PROBCOVER, new ProbCoverSelector(o))),
                new StrategySpec<>(TYPICLUST, "most typical item of each uncovered cluster (Hacohen et al. 2022)",
                        NoOptions.class, o -> QueryStrategy.of(TYPICLUST, new TypiClustSelector())),
                new StrategySpec<>(CLUSTER_MARGIN, "lowest-margin candidates, round-robin over their clusters (Citovsky "
                        + "et al. 2021)", ClusterMarginOptions.class,
                        o -> QueryStrategy.of(CLUSTER_MARGIN, ClusterMarginSelector.MARGIN, new ClusterMarginSelector(o))),
                new StrategySpec<>(HYBRID, "top beta × budget by an uncertainty score, then k-center among them",
                        HybridOptions.class, DiversityStrategyProvider::hybrid));
    }

    private static QueryStrategy hybrid(HybridOptions options) {
        QueryStrategy inner = Strategies.get(options.score(), options.scoreOptions());
        Scorer score = inner.scorer().orElseThrow(() -> new InvalidInputException("Option score of strategy 'hybrid' needs "
                + "a strategy with one score per item (margin, entropy, bald, ...); '" + options.score() + "' is not one.",
                Setting.STRATEGY_OPTIONS));
        if (inner.maxPool().isPresent()) {
            throw new InvalidInputException("Strategy 'hybrid' subsamples the pool itself; give maxPool to hybrid, not to "
                    + "its score.", Setting.STRATEGY_OPTIONS);
        }
        return QueryStrategy.of(HYBRID, score, new HybridSelector(options.beta(), new KCenterSelector(options.kcenter())));
    }
}
