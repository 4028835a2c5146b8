package dev.quarry.engine.loop;

import static dev.quarry.engine.testing.LoopFixtures.smallLoop;
import static dev.quarry.engine.testing.LoopFixtures.tinyModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.model.McScope;
import dev.quarry.engine.strategy.Input;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.RoundInputs;
import dev.quarry.engine.strategy.ScoreRanking;
import dev.quarry.engine.strategy.Scorer;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.Selector;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Native memory stays flat over rounds: every round's arrays are freed when the round ends. */
@Tag("slow")
class NativeMemoryTest {

    /** Reads every model output, so each inference path runs every round. */
    private static final class EveryOutput implements Selector {
        @Override
        public Set<Input> inputs() {
            return Set.of(Input.probabilities(), Input.mc(OptionalInt.empty(), McScope.FULL, false), Input.embeddings(),
                    Input.labeledEmbeddings());
        }

        @Override
        public boolean usesScores() {
            return true;
        }

        @Override
        public Selection select(RoundInputs round, int budget) {
            NDArray mc = round.mcProbabilities();
            round.probabilities();
            round.embeddings();
            round.labeledEmbeddings();
            // Highest variance across passes of the top class, plus the scorer's: enough to exercise the outputs.
            float[] scores = mc.max(new int[] {2}).sub(mc.max(new int[] {2}).mean(new int[] {1}, true)).abs()
                    .sum(new int[] {1}).add(round.manager().create(round.scores())).toFloatArray();
            return Selection.of(round.idsAt(ScoreRanking.topK(scores, budget)));
        }
    }

    private static final QueryStrategy EVERY_OUTPUT = QueryStrategy.of("every-output",
            Scorer.of("mc-max", Input.mc(OptionalInt.of(4), McScope.HEAD, false),
                    p -> p.max(new int[] {2}).max(new int[] {1})),
            new EveryOutput());

    /** Resident memory minus the JVM's committed heap and non-heap memory, after a GC: the native part. */
    private static long nativeMegabytes() throws IOException {
        System.gc();
        long rssKb = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElseThrow();
        var memory = ManagementFactory.getMemoryMXBean();
        long jvm = memory.getHeapMemoryUsage().getCommitted() + memory.getNonHeapMemoryUsage().getCommitted();
        return (rssKb * 1024 - jvm) >> 20;
    }

    /** Every native array alive in the process: DJL's system manager holds all managers, recursively. */
    private static int liveArrays() {
        try (NDManager probe = NDManager.newBaseManager()) {
            return probe.getParentManager().getManagedArrays().size();
        }
    }

    @Test
    void givenTwelveRoundsUsingEveryOutput_thenNativeMemoryDoesNotGrow() throws IOException {
        List<Long> perRound = new ArrayList<>();
        List<Integer> arrays = new ArrayList<>();
        RunListener meter = new RunListener() {
            @Override
            public void onEvaluated(RoundRecord record) {
                try {
                    perRound.add(nativeMegabytes());
                    arrays.add(liveArrays());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        try (ActiveLearningLoop loop = smallLoop(EVERY_OUTPUT, tinyModel(1, false), 12).optBudgetPerRound(20)
                .addListener(meter).build()) {
            loop.run();
        }
        assertEquals(13, perRound.size());
        // Exactly the same arrays live at the same point of every round: the model's weights and nothing else
        // (round 1 differs only if something is created once, lazily).
        assertEquals(1, arrays.subList(1, 13).stream().distinct().count(), "live native arrays per round: " + arrays);
        // Allocators keep some slack; leaking one round's inference temporaries (about 0.1 MB of activations per
        // image-pass here, 560 × 4 passes per round) would add hundreds of MB over 9 rounds.
        long growth = perRound.get(12) - perRound.get(3);
        assertTrue(growth < 48, "native memory grew by " + growth + " MB from round 4 to 13: " + perRound);
    }
}
