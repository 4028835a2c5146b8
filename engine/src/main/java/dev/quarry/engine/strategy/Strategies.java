package dev.quarry.engine.strategy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The registry of strategies found through {@link StrategyProvider} services.
 *
 * <pre>{@code
 * QueryStrategy s = Strategies.get("margin");
 * QueryStrategy r = Strategies.get("random", Map.of());
 * }</pre>
 */
public final class Strategies {

    /** Options every strategy accepts, handled by the registry itself. */
    public static final List<OptionSpec> COMMON_OPTIONS = List.of(new OptionSpec(SubsampledStrategy.OPTION, "all",
            "score a seeded random subset of at most this many unlabeled items"));

    private static volatile Map<String, StrategyFactory> registry;

    private Strategies() {}

    /**
     * Builds a strategy with default options.
     *
     * @param name the registry name
     * @return the strategy
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static QueryStrategy get(String name) {
        return get(name, Map.of());
    }

    /**
     * Builds a strategy.
     *
     * @param name the registry name
     * @param options option name to value
     * @return the strategy
     * @throws IllegalArgumentException for an unknown name or option, or an invalid value
     */
    public static QueryStrategy get(String name, Map<String, String> options) {
        StrategyFactory factory = find(name).orElseThrow(() -> new IllegalArgumentException(
                "Unknown strategy '" + name + "'; known strategies: " + names() + "."));
        Map<String, String> own = new TreeMap<>(options);
        String maxPool = own.remove(SubsampledStrategy.OPTION);
        for (String key : own.keySet()) {
            if (factory.options().stream().noneMatch(o -> o.name().equals(key))) {
                List<String> known = new ArrayList<>();
                factory.options().forEach(o -> known.add(o.name()));
                COMMON_OPTIONS.forEach(o -> known.add(o.name()));
                throw new IllegalArgumentException("Unknown option '" + key + "' for strategy '" + factory.name()
                        + "'; its options are " + known + ".");
            }
        }
        QueryStrategy strategy = factory.create(StrategyOptions.of(factory.name(), factory.options(), own));
        if (maxPool == null) {
            return strategy;
        }
        int size = StrategyOptions.of(factory.name(), List.of(COMMON_OPTIONS.get(0)),
                Map.of(SubsampledStrategy.OPTION, maxPool)).getInt(SubsampledStrategy.OPTION);
        return new SubsampledStrategy(strategy, size);
    }

    /**
     * Finds a factory by name.
     *
     * @param name the registry name
     * @return the factory, if registered
     */
    public static Optional<StrategyFactory> find(String name) {
        return Optional.ofNullable(name == null ? null : registry().get(name));
    }

    /**
     * The registered names, sorted.
     *
     * @return the names
     */
    public static List<String> names() {
        return new ArrayList<>(registry().keySet());
    }

    /**
     * The registered factories, sorted by name.
     *
     * @return the factories
     */
    public static List<StrategyFactory> factories() {
        return new ArrayList<>(registry().values());
    }

    private static Map<String, StrategyFactory> registry() {
        Map<String, StrategyFactory> r = registry;
        if (r == null) {
            synchronized (Strategies.class) {
                r = registry;
                if (r == null) {
                    r = load();
                    registry = r;
                }
            }
        }
        return r;
    }

    private static Map<String, StrategyFactory> load() {
        Map<String, StrategyFactory> byName = new TreeMap<>();
        for (StrategyProvider provider : ServiceLoader.load(StrategyProvider.class, Strategies.class.getClassLoader())) {
            for (StrategyFactory factory : provider.strategies()) {
                StrategyFactory previous = byName.putIfAbsent(factory.name(), factory);
                if (previous != null) {
                    throw new IllegalStateException("Strategy name '" + factory.name() + "' is registered twice, by "
                            + previous.getClass().getName() + " and " + factory.getClass().getName() + ".");
                }
            }
        }
        return Collections.unmodifiableMap(byName);
    }
}
