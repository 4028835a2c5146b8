package dev.quarry.engine.testing;

import ai.djl.Device;

import dev.quarry.engine.data.ExperimentData;
import dev.quarry.engine.loop.ActiveLearningLoop;
import dev.quarry.engine.loop.LoopBuilder;
import dev.quarry.engine.loop.RoundRecord;
import dev.quarry.engine.loop.SimulatedOracle;
import dev.quarry.engine.model.Learner;
import dev.quarry.engine.model.CnnClassifier;
import dev.quarry.engine.model.CnnOptions;
import dev.quarry.engine.model.InferenceOptions;
import dev.quarry.engine.model.TrainingOptions;
import dev.quarry.engine.strategy.QueryStrategy;

import java.util.List;
import java.util.stream.Collectors;

/** Small, fast loops on real data for tests of the engine and of strategies. */
public final class LoopFixtures {

    /** A small CNN: trains in well under a second on 100 items. */
    public static final CnnOptions TINY_CNN = new CnnOptions(8, 16, 32, 0.5f);

    private LoopFixtures() {}

    /**
     * A tiny classifier for the small subset.
     *
     * @param epochs epochs per round
     * @param warmStart whether to warm-start
     * @return the model
     */
    public static Learner tinyModel(int epochs, boolean warmStart) {
        return CnnClassifier.forPool(SubsetData.small().pool(), TINY_CNN, new TrainingOptions(epochs, 32, 1e-3f, warmStart),
                InferenceOptions.CPU_DEFAULTS, Device.cpu());
    }

    /**
     * A loop builder on the small subset: initial 40, budget 30, simulated oracle.
     *
     * @param strategy the strategy
     * @param model the model
     * @param rounds the number of query rounds
     * @return the builder, ready to build
     */
    public static LoopBuilder smallLoop(QueryStrategy strategy, Learner model, int rounds) {
        ExperimentData data = SubsetData.small();
        return ActiveLearningLoop.builder()
                .setItems(data.pool())
                .optTestSet(data.test().orElseThrow())
                .setLearner(model)
                .setStrategy(strategy)
                .setOracle(new SimulatedOracle(data.pool().labels()))
                .optInitialLabeled(40)
                .optBudgetPerRound(30)
                .optRounds(rounds)
                .optSeed(7);
    }

    /**
     * Rounds without their wall times, for comparing runs.
     *
     * @param rounds the rounds
     * @return one line per round: metrics and selected ids
     */
    public static List<String> withoutTimes(List<RoundRecord> rounds) {
        return rounds.stream()
                .map(r -> r.round() + " " + r.labeled() + " " + r.test() + " " + r.trainLoss() + " "
                        + java.util.Arrays.toString(r.selectedIds()) + " " + java.util.Arrays.toString(r.selectedScores()))
                .collect(Collectors.toList());
    }
}
