package dev.quarry.engine.strategy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A query strategy: an optional {@link Scorer} (one score per item, computed by the loop chunk by
 * chunk) and a {@link Selector} (picks the batch from the scores and the whole inputs it declares),
 * as BaaL divides a heuristic into score and selection. Immutable; {@link #toString()} prints the
 * name and every setting that changes results, and {@link #settings()} is what a run's fingerprint
 * records.
 *
 * <pre>{@code
 * QueryStrategy leastMax = QueryStrategy.topK(
 *         Scorer.of("least-max", Input.probabilities(), p -> p.max(new int[] {1}).neg()));
 * QueryStrategy registered = Strategies.get("bald", Map.of("mcSamples", "20"));
 * }</pre>
 */
public final class QueryStrategy {

    private final String name;
    private final Scorer scorer;
    private final Selector selector;
    private final Set<Input> inputs;
    private final int maxPool;
    private final Map<String, String> settings;

    private QueryStrategy(String name, Scorer scorer, Selector selector, Set<Input> inputs, int maxPool,
            Map<String, String> settings) {
        this.name = Objects.requireNonNull(name, "name");
        this.scorer = scorer;
        this.selector = Objects.requireNonNull(selector, "selector");
        this.inputs = Collections.unmodifiableSet(new LinkedHashSet<>(inputs));
        this.maxPool = maxPool;
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        if (selector.usesScores() && scorer == null) {
            throw new IllegalArgumentException("Strategy '" + name + "': its selector reads scores, so it needs a scorer.");
        }
        if (inputs.contains(Input.items())) {
            throw new IllegalArgumentException("Strategy '" + name + "': a selector cannot read the items whole; read them "
                    + "chunk by chunk in a scorer or an encoder.");
        }
        if (maxPool < 1) {
            throw new IllegalArgumentException("Option maxPool " + maxPool + " must be >= 1.");
        }
    }

    /**
     * The top {@code budget} items by a score (ties: the lower id), named after the score.
     *
     * @param scorer the score
     * @return the strategy
     */
    public static QueryStrategy topK(Scorer scorer) {
        return of(scorer.name(), scorer, new TopKSelector());
    }

    /**
     * A strategy from a scorer and a selector that reads its scores.
     *
     * @param name the strategy's name
     * @param scorer the score
     * @param selector the selection
     * @return the strategy
     */
    public static QueryStrategy of(String name, Scorer scorer, Selector selector) {
        return new QueryStrategy(name, Objects.requireNonNull(scorer, "scorer"), selector, selector.inputs(),
                Integer.MAX_VALUE, Map.of());
    }

    /**
     * A strategy that selects without per-item scores.
     *
     * @param name the strategy's name
     * @param selector the selection
     * @return the strategy
     */
    public static QueryStrategy of(String name, Selector selector) {
        return new QueryStrategy(name, null, selector, selector.inputs(), Integer.MAX_VALUE, Map.of());
    }

    /**
     * The same strategy under another name (a name also seeds its generator in a run).
     *
     * @param newName the name
     * @return the strategy
     */
    public QueryStrategy named(String newName) {
        return new QueryStrategy(newName, scorer, selector, inputs, maxPool, settings);
    }

    /**
     * The same strategy recording its settings, as the registry resolved them.
     *
     * @param resolved every option, by name, as text
     * @return the strategy
     */
    public QueryStrategy withSettings(Map<String, String> resolved) {
        return new QueryStrategy(name, scorer, selector, inputs, maxPool, resolved);
    }

    /**
     * The same strategy on a seeded random subset of at most {@code size} unlabeled items per round,
     * which bounds the cost of expensive strategies on large pools.
     *
     * @param size the subset size, >= 1
     * @return the strategy
     */
    public QueryStrategy withMaxPool(int size) {
        return new QueryStrategy(name, scorer, selector, inputs, size, settings);
    }

    /**
     * The same strategy with its selector's embeddings computed by another encoder.
     *
     * @param encoder computes embeddings from the items
     * @return the strategy
     * @throws IllegalArgumentException if the selector reads no embeddings
     */
    public QueryStrategy withEmbeddingsFrom(Encoder encoder) {
        if (inputs.stream().noneMatch(i -> i instanceof Input.Embeddings)) {
            throw new IllegalArgumentException("Strategy '" + name + "' reads no embeddings, so an encoder has nothing to "
                    + "replace; use an embedding-space strategy (kcenter, kmeans, typiclust, probcover, ...).");
        }
        Set<Input> encoded = inputs.stream()
                .map(i -> i instanceof Input.Embeddings e ? e.encodedBy(encoder) : i)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return new QueryStrategy(name, scorer, selector, encoded, maxPool, settings);
    }

    /** @return the name, such as {@code margin} */
    public String name() {
        return name;
    }

    /** @return the scorer, if the strategy scores items */
    public Optional<Scorer> scorer() {
        return Optional.ofNullable(scorer);
    }

    /** @return the selector */
    public Selector selector() {
        return selector;
    }

    /** @return the whole inputs the selection reads (the scorer's input is streamed apart) */
    public Set<Input> selectionInputs() {
        return inputs;
    }

    /** @return everything the strategy reads: the scorer's input, then the selection's */
    public Set<Input> inputs() {
        Set<Input> all = new LinkedHashSet<>();
        if (scorer != null) {
            all.add(scorer.input());
        }
        all.addAll(inputs);
        return Collections.unmodifiableSet(all);
    }

    /** @return the subset size per round, if the strategy subsamples the pool */
    public OptionalInt maxPool() {
        return maxPool == Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of(maxPool);
    }

    /** @return every setting that changes results, by name (empty for a strategy built in code) */
    public Map<String, String> settings() {
        Map<String, String> all = new LinkedHashMap<>(settings);
        maxPool().ifPresent(m -> all.put("maxPool", Integer.toString(m)));
        return Collections.unmodifiableMap(all);
    }

    @Override
    public String toString() {
        return name + settings().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
