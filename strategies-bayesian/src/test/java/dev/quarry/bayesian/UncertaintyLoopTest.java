package dev.quarry.bayesian;

import static dev.quarry.engine.testing.LoopFixtures.smallLoop;
import static dev.quarry.engine.testing.LoopFixtures.tinyModel;
import static dev.quarry.engine.testing.LoopFixtures.withoutTimes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.engine.errors.ModelFailureException;
import dev.quarry.engine.loop.ActiveLearningLoop;
import dev.quarry.engine.loop.LoopBuilder;
import dev.quarry.engine.loop.RoundRecord;
import dev.quarry.engine.loop.RunResult;
import dev.quarry.engine.strategy.Strategies;
import dev.quarry.engine.testing.NonFiniteModel;
import dev.quarry.engine.testing.SubsetData;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UncertaintyLoopTest {

    private static RunResult run(LoopBuilder builder) throws IOException {
        try (ActiveLearningLoop loop = builder.build()) {
            return loop.run();
        }
    }

    @Test
    void givenMarginInTheLoop_thenEachRoundPicksTheSmallestMarginsAndTheSeedReproducesThem() throws IOException {
        RunResult a = run(smallLoop(Strategies.get("margin"), tinyModel(2, false), 2));
        RunResult b = run(smallLoop(Strategies.get("margin"), tinyModel(2, false), 2));
        assertEquals(withoutTimes(a.rounds()), withoutTimes(b.rounds()));
        for (RoundRecord r : a.rounds().subList(0, 2)) {
            float[] scores = r.selectedScores();
            assertEquals(30, scores.length);
            for (int i = 1; i < scores.length; i++) {
                assertTrue(scores[i - 1] >= scores[i], "scores come best first");
            }
            assertTrue(scores[0] <= 0 && scores[0] >= -1, "a margin score is in [-1, 0]");
        }
    }

    @Test
    void givenMcStrategiesOnTheRealModel_thenTheyRunEndToEndAndReproduceWithTheSeed() throws IOException {
        for (java.util.Map<String, String> options : List.of(java.util.Map.of("mcSamples", "6", "mcScope", "head"),
                java.util.Map.of("mcSamples", "4", "mcScope", "full"))) {
            RunResult a = run(smallLoop(Strategies.get("bald", options), tinyModel(1, false), 1));
            RunResult b = run(smallLoop(Strategies.get("bald", options), tinyModel(1, false), 1));
            assertEquals(withoutTimes(a.rounds()), withoutTimes(b.rounds()), options.toString());
            for (float s : a.rounds().get(0).selectedScores()) {
                assertTrue(s >= -1e-6f && s <= Math.log(10) + 1e-6, "BALD score " + s);
            }
        }
        RunResult batch = run(smallLoop(Strategies.get("batch-bald", java.util.Map.of("mcSamples", "8", "mcScope", "head",
                "maxPool", "120")), tinyModel(1, false), 1));
        assertEquals(30, java.util.Arrays.stream(batch.rounds().get(0).selectedIds()).distinct().count());
        RunResult power = run(smallLoop(Strategies.get("power-bald", java.util.Map.of("mcSamples", "5", "mcScope", "head")),
                tinyModel(1, false), 1));
        assertEquals(30, power.rounds().get(0).selectedIds().length);
    }

    @Test
    void givenATorchScriptModel_thenBaldRunsTheLoopThroughSetMc(@TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dev.quarry.engine.testing.TorchScriptFixture.mcCnn(dir);
        dev.quarry.engine.model.Learner model = dev.quarry.engine.model.TorchScriptClassifier.forPool(file,
                SubsetData.small().pool(), new dev.quarry.engine.model.TrainingOptions(1, 32, 1e-3f, false),
                dev.quarry.engine.model.InferenceOptions.CPU_DEFAULTS, ai.djl.Device.cpu());
        RunResult result = run(smallLoop(Strategies.get("bald", java.util.Map.of("mcSamples", "5")), model, 1));
        assertEquals(2, result.rounds().size());
        assertTrue(result.rounds().get(0).selectedScores()[0] > 0, "the top BALD score of a real model is positive");
    }

    @Test
    void givenAModelThatEmitsNaN_whenTheLoopQueries_thenTheRunStopsNamingTheStrategyAndRows() {
        NonFiniteModel broken = new NonFiniteModel(tinyModel(1, false), SubsetData.small().test().orElseThrow().size(), 3, 17);
        ModelFailureException e = assertThrows(ModelFailureException.class,
                () -> run(smallLoop(Strategies.get("margin"), broken, 1)));
        // Row 3 of the round's unlabeled items is reported by its item id, which is at least 3.
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^Strategy 'margin': 2 of 560 rows of probabilities "
                + "\\(N, C\\) contain NaN or infinite values \\(first: item (\\d+)\\); the model's outputs are invalid")
                .matcher(e.getMessage());
        assertTrue(m.find() && Long.parseLong(m.group(1)) >= 3, e.getMessage());
        List<String> names = Strategies.names();
        assertTrue(names.contains("margin"), names.toString());
    }
}
