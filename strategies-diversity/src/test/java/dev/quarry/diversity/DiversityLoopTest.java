package dev.quarry.diversity;

import static dev.quarry.engine.testing.LoopFixtures.smallLoop;
import static dev.quarry.engine.testing.LoopFixtures.tinyModel;
import static dev.quarry.engine.testing.LoopFixtures.withoutTimes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.engine.loop.ActiveLearningLoop;
import dev.quarry.engine.loop.RunResult;
import dev.quarry.engine.strategy.Strategies;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Every diversity strategy through the real loop: the model's embeddings, labeled embeddings and probabilities. */
class DiversityLoopTest {

    private static RunResult run(String name, Map<String, String> options) throws IOException {
        try (ActiveLearningLoop loop = smallLoop(Strategies.get(name, options), tinyModel(1, false), 1).build()) {
            return loop.run();
        }
    }

    @Test
    void givenEachDiversityStrategy_thenARoundSelectsDistinctUnlabeledItemsReproducibly() throws IOException {
        String[][] cases = {{"kcenter"}, {"kmeans"}, {"badge"}, {"typiclust"}, {"probcover"}, {"cluster-margin"},
            {"hybrid", "test-margin"}};
        for (String[] c : cases) {
            Map<String, String> options = c.length > 1 ? Map.of("score", c[1]) : Map.of();
            RunResult a = run(c[0], options);
            long[] picks = a.rounds().get(0).selectedIds();
            assertEquals(30, Arrays.stream(picks).distinct().count(), c[0]);
            assertEquals(withoutTimes(a.rounds()), withoutTimes(run(c[0], options).rounds()), c[0] + " is seeded");
        }
    }
}
