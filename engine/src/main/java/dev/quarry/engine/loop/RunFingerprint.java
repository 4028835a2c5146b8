package dev.quarry.engine.loop;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.quarry.engine.labels.InitialSelection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Exactly what changes a run's results, recorded in its checkpoint: a resume with another
 * fingerprint is refused, naming what differs. Where and how inference runs (the device, the
 * inference batch size, the MC mode) is not in it: a run may resume on another device or with other
 * inference settings, and continues correctly (libtorch's kernels round differently, so scores may
 * differ in the last bits; an item's MC masks are its own in any chunk). The number of rounds is not
 * in it either: a finished run can be extended.
 *
 * @param pool the pool's name
 * @param poolSize its number of items
 * @param testSet the test set's name, or null without one
 * @param testSize its number of items, 0 without one
 * @param strategy the strategy's name
 * @param strategySettings its settings ({@link dev.quarry.engine.strategy.QueryStrategy#settings()})
 * @param learner the learner's settings ({@link dev.quarry.engine.model.Learner#settings()})
 * @param initialLabeled the initial set's size
 * @param initialSelection how it is drawn
 * @param budgetPerRound items selected per round
 * @param seed the run seed
 */
@JsonPropertyOrder({"pool", "poolSize", "testSet", "testSize", "strategy", "strategySettings", "learner",
    "initialLabeled", "initialSelection", "budgetPerRound", "seed"})
public record RunFingerprint(String pool, int poolSize, String testSet, int testSize, String strategy,
        Map<String, String> strategySettings, Map<String, String> learner, int initialLabeled,
        InitialSelection initialSelection, int budgetPerRound, long seed) {

    /**
     * Copies the maps.
     *
     * @param pool the pool
     * @param poolSize its size
     * @param testSet the test set or null
     * @param testSize its size
     * @param strategy the strategy
     * @param strategySettings its settings
     * @param learner the learner's settings
     * @param initialLabeled the initial size
     * @param initialSelection the initial draw
     * @param budgetPerRound the budget
     * @param seed the seed
     */
    public RunFingerprint {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(strategy, "strategy");
        strategySettings = Collections.unmodifiableSortedMap(new TreeMap<>(strategySettings));
        learner = Collections.unmodifiableSortedMap(new TreeMap<>(learner));
        Objects.requireNonNull(initialSelection, "initialSelection");
    }

    /**
     * What differs from another fingerprint, one line per field.
     *
     * @param other the other fingerprint
     * @return lines such as {@code seed: 1 here, 2 in the checkpoint}; empty when equal
     */
    public List<String> differences(RunFingerprint other) {
        List<String> out = new ArrayList<>();
        differ(out, "pool", List.of(pool, poolSize), List.of(other.pool, other.poolSize));
        differ(out, "test set", Arrays.asList(testSet, testSize), Arrays.asList(other.testSet, other.testSize));
        differ(out, "strategy", List.of(strategy, strategySettings), List.of(other.strategy, other.strategySettings));
        differ(out, "learner", learner, other.learner);
        differ(out, "initial set", List.of(initialLabeled, initialSelection), List.of(other.initialLabeled,
                other.initialSelection));
        differ(out, "budget per round", budgetPerRound, other.budgetPerRound);
        differ(out, "seed", seed, other.seed);
        return out;
    }

    private static void differ(List<String> out, String field, Object here, Object there) {
        if (!Objects.equals(here, there)) {
            out.add(field + ": " + here + " here, " + there + " in the checkpoint");
        }
    }
}
