package dev.quarry.diversity;

import dev.quarry.engine.strategy.OptionSpec;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.ScoringStrategy;
import dev.quarry.engine.strategy.Strategies;
import dev.quarry.engine.strategy.StrategyFactory;
import dev.quarry.engine.strategy.StrategyOptions;
import dev.quarry.engine.strategy.StrategyProvider;

import java.util.List;
import java.util.Locale;

/** Registers this module's strategies with the engine's registry. */
public final class DiversityStrategyProvider implements StrategyProvider {

    private static final OptionSpec IMPLEMENTATION = new OptionSpec("implementation", "auto",
            "k-center kernel: device (NDArrays; the choice on a GPU), java (triangle-inequality pruning; the choice "
                    + "on a CPU), or auto");
    private static final OptionSpec BLOCK_MB = new OptionSpec("blockMb", "24",
            "working memory of one block of distances, in MiB (larger blocks page-fault on a CPU; try 256 on a GPU)");

    @Override
    public List<StrategyFactory> strategies() {
        return List.of(
                StrategyFactory.of(KCenterStrategy.NAME, "Core-Set greedy k-center on embeddings (Sener & Savarese 2018)",
                        List.of(IMPLEMENTATION, BLOCK_MB), DiversityStrategyProvider::kcenter),
                StrategyFactory.of(KMeansStrategy.NAME, "k-means (k = budget, k-means++ seeding); the member nearest each "
                        + "centroid", List.of(), o -> new KMeansStrategy()),
                StrategyFactory.of(BadgeStrategy.NAME, "k-means++ seeding on gradient embeddings (Ash et al. 2020)",
                        List.of(), o -> new BadgeStrategy()),
                StrategyFactory.of(ProbCoverStrategy.NAME, "greedy maximum coverage of delta-balls (Yehuda et al. 2022)",
                        List.of(new OptionSpec("delta", "auto", "ball radius on unit-length embeddings, in (0, 2]; auto "
                                        + "chooses it by cluster purity"),
                                new OptionSpec("purity", "0.95", "fraction of pure balls the automatic delta keeps"),
                                new OptionSpec("pseudoClasses", "10", "k-means clusters for purity; set to the number of "
                                        + "classes")),
                        o -> new ProbCoverStrategy(delta(o), o.getDouble("purity"), o.getInt("pseudoClasses"))),
                StrategyFactory.of(TypiClustStrategy.NAME, "most typical item of each uncovered cluster (Hacohen et al. "
                        + "2022)", List.of(), o -> new TypiClustStrategy()),
                StrategyFactory.of(ClusterMarginStrategy.NAME, "lowest-margin candidates, round-robin over their "
                        + "clusters (Citovsky et al. 2021)",
                        List.of(new OptionSpec("candidates", "10", "k_m = candidates × budget lowest-margin items"),
                                new OptionSpec("clusters", "0", "average-linkage clusters of the candidates; 0 = budget")),
                        o -> new ClusterMarginStrategy(o.getInt("candidates"), o.getInt("clusters"))),
                StrategyFactory.of(HybridStrategy.NAME, "top beta × budget by an uncertainty score, then k-center among them",
                        List.of(new OptionSpec("score", "margin", "a strategy with one score per item"),
                                new OptionSpec("beta", "10", "the pre-filter keeps beta × budget items"),
                                IMPLEMENTATION, BLOCK_MB),
                        o -> new HybridStrategy(scoring(o.get("score")), o.getInt("beta"), kcenter(o))));
    }

    private static KCenterStrategy kcenter(StrategyOptions options) {
        String value = options.get(IMPLEMENTATION.name()).trim().toUpperCase(Locale.ROOT);
        KCenterStrategy.Implementation implementation;
        try {
            implementation = KCenterStrategy.Implementation.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Option implementation must be auto, device or java, got '"
                    + options.get(IMPLEMENTATION.name()) + "'.", e);
        }
        return new KCenterStrategy(implementation, options.getInt(BLOCK_MB.name()));
    }

    private static double delta(StrategyOptions options) {
        return "auto".equalsIgnoreCase(options.get("delta").trim()) ? Double.NaN : options.getDouble("delta");
    }

    private static ScoringStrategy scoring(String name) {
        QueryStrategy strategy = Strategies.get(name);
        if (!(strategy instanceof ScoringStrategy scoring)) {
            throw new IllegalArgumentException("Option score of strategy 'hybrid' needs a strategy with one score per item "
                    + "(margin, entropy, bald, ...); '" + name + "' is not one.");
        }
        return scoring;
    }
}
