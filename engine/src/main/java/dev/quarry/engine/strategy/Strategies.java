package dev.quarry.engine.strategy;

import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.errors.Setting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The registry of strategies: those found through {@link StrategyProvider} services, and those a
 * program registers itself ({@link #register}).
 *
 * <pre>{@code
 * QueryStrategy s = Strategies.get("margin");
 * QueryStrategy b = Strategies.get("bald", Map.of("mcSamples", "20", "mcScope", "head"));
 * Strategies.register(new StrategySpec<>("least-max", "my score", NoOptions.class,
 *         o -> QueryStrategy.topK(Scorer.of("least-max", Input.probabilities(), p -> p.max(new int[] {1}).neg()))));
 * }</pre>
 */
public final class Strategies {

    /** Options every strategy accepts, handled by the registry itself ({@link CommonOptions}). */
    public static final List<StrategyOptions.Described> COMMON_OPTIONS = StrategyOptions.describe(CommonOptions.class);

    private static Map<String, StrategySpec<?>> registry;

    private Strategies() {}

    /**
     * Builds a strategy with default options.
     *
     * @param name the registry name
     * @return the strategy
     * @throws InvalidInputException for an unknown name, listing the known ones
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
     * @throws InvalidInputException for an unknown name or option, or an invalid value
     */
    public static QueryStrategy get(String name, Map<String, String> options) {
        StrategySpec<?> spec = find(name).orElseThrow(() -> new InvalidInputException("Unknown strategy '" + name
                + "'; known strategies: " + names() + ".", Setting.STRATEGY));
        List<String> commonNames = COMMON_OPTIONS.stream().map(StrategyOptions.Described::name).toList();
        Map<String, String> own = new TreeMap<>(options);
        Map<String, String> common = new TreeMap<>();
        commonNames.forEach(k -> Optional.ofNullable(own.remove(k)).ifPresent(v -> common.put(k, v)));
        QueryStrategy strategy = spec.create(own, commonNames);
        CommonOptions shared = StrategyOptions.parse(spec.name(), CommonOptions.class, common);
        return shared.maxPool().isPresent() ? strategy.withMaxPool(shared.maxPool().getAsInt()) : strategy;
    }

    /**
     * Registers a strategy in code, beside those found by {@link java.util.ServiceLoader}.
     *
     * @param spec the strategy
     * @throws IllegalArgumentException if its name is taken
     */
    public static synchronized void register(StrategySpec<?> spec) {
        Map<String, StrategySpec<?>> next = new TreeMap<>(registry());
        StrategySpec<?> previous = next.putIfAbsent(spec.name(), spec);
        if (previous != null) {
            throw new IllegalArgumentException("Strategy name '" + spec.name() + "' is registered already ("
                    + previous.summary() + ").");
        }
        registry = next;
    }

    /**
     * Finds a spec by name.
     *
     * @param name the registry name
     * @return the spec, if registered
     */
    public static Optional<StrategySpec<?>> find(String name) {
        return Optional.ofNullable(name == null ? null : registry().get(name));
    }

    /** @return the registered names, sorted */
    public static List<String> names() {
        return new ArrayList<>(registry().keySet());
    }

    /** @return the registered specs, sorted by name */
    public static List<StrategySpec<?>> specs() {
        return new ArrayList<>(registry().values());
    }

    private static synchronized Map<String, StrategySpec<?>> registry() {
        if (registry == null) {
            registry = load();
        }
        return registry;
    }

    private static Map<String, StrategySpec<?>> load() {
        Map<String, StrategySpec<?>> byName = new TreeMap<>();
        for (StrategyProvider provider : ServiceLoader.load(StrategyProvider.class, Strategies.class.getClassLoader())) {
            for (StrategySpec<?> spec : provider.strategies()) {
                StrategySpec<?> previous = byName.putIfAbsent(spec.name(), spec);
                if (previous != null) {
                    throw new IllegalStateException("Strategy name '" + spec.name() + "' is registered twice, by "
                            + provider.getClass().getName() + " and another provider.");
                }
            }
        }
        return byName;
    }
}
