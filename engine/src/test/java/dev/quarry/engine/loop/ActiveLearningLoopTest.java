package dev.quarry.engine.loop;

import static dev.quarry.engine.testing.LoopFixtures.smallLoop;
import static dev.quarry.engine.testing.LoopFixtures.tinyModel;
import static dev.quarry.engine.testing.LoopFixtures.withoutTimes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.engine.labels.Vote;
import dev.quarry.engine.report.RunReport;
import dev.quarry.engine.strategy.Input;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Scorer;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.Strategies;
import dev.quarry.engine.strategy.TailorSelector;
import dev.quarry.engine.testing.SubsetData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActiveLearningLoopTest {

    @TempDir
    Path dir;

    private static RunResult run(LoopBuilder builder) throws IOException {
        try (ActiveLearningLoop loop = builder.build()) {
            return loop.run();
        }
    }

    /** Simulates a kill: the exception escapes the loop at a chosen point. */
    private static final class Kill extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void givenASmallRun_thenEveryRoundTrainsEvaluatesAndSelectsDistinctUnlabeledItems() throws IOException {
        Path runDir = dir.resolve("run");
        RunResult result = run(smallLoop(Strategies.get("random"), tinyModel(2, false), 3).optRunDirectory(runDir)
                .addListener(new RunReport(runDir, "random")));
        assertTrue(result.complete());
        List<RoundRecord> rounds = result.rounds();
        assertEquals(4, rounds.size());
        assertArrayEquals(new int[] {40, 70, 100, 130}, rounds.stream().mapToInt(RoundRecord::labeled).toArray());
        Set<Long> selected = new HashSet<>();
        for (RoundRecord r : rounds.subList(0, 3)) {
            assertEquals(30, r.selectedIds().length);
            Arrays.stream(r.selectedIds()).forEach(id -> assertTrue(selected.add(id), "selected twice: " + id));
            double accuracy = r.test().orElseThrow().accuracy();
            assertTrue(accuracy > 0.2 && accuracy <= 1, "accuracy " + accuracy);
        }
        assertEquals(0, rounds.get(3).selectedIds().length);
        assertEquals(RunResult.aubc(rounds), result.aubc());
        assertTrue(result.aubc().getAsDouble() > 0.2, result.aubc().toString());
        for (String f : List.of("checkpoint.json", RunReport.ROUNDS_CSV, RunReport.ROUNDS_JSONL, RunReport.LABELS_CSV,
                RunReport.SUMMARY_JSON, RunReport.CHART_PNG)) {
            assertTrue(Files.size(runDir.resolve(f)) > 0, f);
        }
        assertEquals(5, Files.readAllLines(runDir.resolve(RunReport.ROUNDS_CSV)).size());
        assertEquals(131, Files.readAllLines(runDir.resolve(RunReport.LABELS_CSV)).size());
        // Running a finished run again returns it without training.
        RunResult again = run(smallLoop(Strategies.get("random"), tinyModel(2, false), 3).optRunDirectory(runDir));
        assertEquals(withoutTimes(rounds), withoutTimes(again.rounds()));
    }

    @Test
    void givenTheSameSeed_whenRunTwiceWithoutCheckpoints_thenTheSameSelectionsAndMetrics() throws IOException {
        RunResult a = run(smallLoop(Strategies.get("random"), tinyModel(1, false), 2));
        RunResult b = run(smallLoop(Strategies.get("random"), tinyModel(1, false), 2));
        assertEquals(withoutTimes(a.rounds()), withoutTimes(b.rounds()));
        RunResult c = run(smallLoop(Strategies.get("random"), tinyModel(1, false), 2).optSeed(8));
        assertFalse(withoutTimes(a.rounds()).equals(withoutTimes(c.rounds())));
    }

    @Test
    void givenKillsAtEveryStage_whenResumed_thenTheRunEqualsAnUninterruptedOne() throws IOException {
        Path ref = dir.resolve("ref");
        RunResult reference = run(smallLoop(Strategies.get("random"), tinyModel(2, false), 3).optRunDirectory(ref)
                .addListener(new RunReport(ref, "random")));

        // Killed after round 2 selected, before its checkpoint: round 2 is redone.
        Path a = dir.resolve("a");
        RunListener killAfterSelection = new RunListener() {
            @Override
            public void onSelected(int round, Selection selection, double seconds) {
                if (round == 2) {
                    throw new Kill();
                }
            }
        };
        assertThrows(Kill.class, () -> run(smallLoop(Strategies.get("random"), tinyModel(2, false), 3).optRunDirectory(a)
                .addListener(killAfterSelection)));
        assertEquals(withoutTimes(reference.rounds()),
                withoutTimes(run(smallLoop(Strategies.get("random"), tinyModel(2, false), 3).optRunDirectory(a)).rounds()));

        // Killed inside the oracle, answering round 2's query: the pending query is answered on resume.
        Path b = dir.resolve("b");
        Oracle dying = new Oracle() {
            private int calls;
            private final SimulatedOracle truth = new SimulatedOracle(SubsetData.small().pool().labels());

            @Override
            public Answers answer(long[] ids, List<Vote> votes) {
                if (++calls == 3) {
                    throw new Kill();
                }
                return truth.answer(ids, votes);
            }
        };
        assertThrows(Kill.class, () -> run(smallLoop(Strategies.get("random"), tinyModel(2, false), 3).optRunDirectory(b)
                .setOracle(dying)));
        assertNotNull(new CheckpointStore(b).read().orElseThrow().pending(), "the unanswered query is checkpointed");
        assertEquals(withoutTimes(reference.rounds()), withoutTimes(run(smallLoop(Strategies.get("random"),
                tinyModel(2, false), 3).optRunDirectory(b).addListener(new RunReport(b, "random"))).rounds()));
        assertEquals(Files.readString(ref.resolve(RunReport.LABELS_CSV)),
                Files.readString(b.resolve(RunReport.LABELS_CSV)));
    }

    @Test
    void givenAWarmStartedRunKilledMidway_whenResumed_thenItContinuesFromTheCheckpointedWeights() throws IOException {
        RunResult reference = run(smallLoop(Strategies.get("random"), tinyModel(1, true), 3).optRunDirectory(dir.resolve("ref")));
        Path killed = dir.resolve("killed");
        RunListener killAtRound3 = new RunListener() {
            @Override
            public void onRoundStart(int round, int lastRound, int labeled) {
                if (round == 3) {
                    throw new Kill();
                }
            }
        };
        assertThrows(Kill.class, () -> run(smallLoop(Strategies.get("random"), tinyModel(1, true), 3).optRunDirectory(killed)
                .addListener(killAtRound3)));
        assertTrue(Files.isDirectory(killed.resolve(CheckpointStore.MODEL_DIRECTORY).resolve("round-2")));
        RunResult resumed = run(smallLoop(Strategies.get("random"), tinyModel(1, true), 3).optRunDirectory(killed));
        assertEquals(withoutTimes(reference.rounds()), withoutTimes(resumed.rounds()));
    }

    @Test
    void givenTailor_whenKilledAfterTwoRoundsAndResumed_thenItPicksWhatAnUninterruptedRunPicks() throws IOException {
        QueryStrategy tailor = QueryStrategy.of(TailorSelector.NAME, new TailorSelector(List.of(
                QueryStrategy.topK(Scorer.of("least-max", Input.probabilities(), p -> p.max(new int[] {1}).neg())),
                Strategies.get("random")), 1));
        RunResult reference = run(smallLoop(tailor, tinyModel(1, false), 3).optRunDirectory(dir.resolve("straight")));
        assertEquals(withoutTimes(reference.rounds()),
                withoutTimes(run(smallLoop(tailor, tinyModel(1, false), 3)).rounds()), "same seed, same picks");
        Path resumed = dir.resolve("resumed");
        run(smallLoop(tailor, tinyModel(1, false), 2).optRunDirectory(resumed));
        RunResult result = run(smallLoop(tailor, tinyModel(1, false), 3).optRunDirectory(resumed));
        assertEquals(withoutTimes(reference.rounds()), withoutTimes(result.rounds()));
        for (RoundRecord r : reference.rounds().subList(0, 3)) {
            assertEquals(r.selectedIds().length, r.selectedScores().length);
            for (float arm : r.selectedScores()) {
                assertTrue(arm == 0 || arm == 1, "each pick records its candidate: " + arm);
            }
        }
    }

    @Test
    void givenAFinishedRun_whenExtendedWithMoreRounds_thenItEqualsARunThatHadThemFromTheStart() throws IOException {
        RunResult longer = run(smallLoop(Strategies.get("random"), tinyModel(1, false), 3).optRunDirectory(dir.resolve("long")));
        Path extended = dir.resolve("ext");
        run(smallLoop(Strategies.get("random"), tinyModel(1, false), 2).optRunDirectory(extended));
        RunResult result = run(smallLoop(Strategies.get("random"), tinyModel(1, false), 3).optRunDirectory(extended));
        assertEquals(withoutTimes(longer.rounds()), withoutTimes(result.rounds()));
    }

    @Test
    void givenAHumanOracleWithoutAnswers_thenTheRunPausesAndResumesWithTheSameQuery() throws IOException {
        RunResult reference = run(smallLoop(Strategies.get("random"), tinyModel(1, false), 2).optRunDirectory(dir.resolve("ref")));
        Path paused = dir.resolve("paused");
        Oracle[] answerOnce = {null};
        answerOnce[0] = new Oracle() {
            private int calls;
            private final SimulatedOracle truth = new SimulatedOracle(SubsetData.small().pool().labels());

            @Override
            public Answers answer(long[] ids, List<Vote> votes) {
                if (++calls > 1) {
                    throw new LabelsPendingException("export written to labels-todo.csv");
                }
                return truth.answer(ids, votes);
            }
        };
        RunResult first = run(smallLoop(Strategies.get("random"), tinyModel(1, false), 2).optRunDirectory(paused)
                .setOracle(answerOnce[0]));
        assertFalse(first.complete());
        assertEquals(1, first.rounds().size());
        RunState state = new CheckpointStore(paused).read().orElseThrow();
        assertArrayEquals(first.rounds().get(0).selectedIds(), state.pending().ids());
        RunResult resumed = run(smallLoop(Strategies.get("random"), tinyModel(1, false), 2).optRunDirectory(paused));
        assertTrue(resumed.complete());
        assertNull(new CheckpointStore(paused).read().orElseThrow().pending());
        assertEquals(withoutTimes(reference.rounds()), withoutTimes(resumed.rounds()));
    }

    @Test
    void givenACheckpointFromAnotherConfiguration_whenResumed_thenRefusedWithBothConfigurations() throws IOException {
        Path runDir = dir.resolve("run");
        run(smallLoop(Strategies.get("random"), tinyModel(1, false), 1).optRunDirectory(runDir));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(smallLoop(Strategies.get("random"), tinyModel(1, false), 1).optRunDirectory(runDir).optBudgetPerRound(20)));
        assertTrue(e.getMessage().contains("was written by another configuration"), e.getMessage());
        assertTrue(e.getMessage().contains("budget per round: 20 here, 30 in the checkpoint"), e.getMessage());
    }

    @Test
    void givenImpossibleSizes_whenBuilt_thenTheMessageSaysWhatToLower() {
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> smallLoop(Strategies.get("random"), tinyModel(1, false), 30).build());
        assertEquals("The run needs 940 labels (initial 40 + 30 rounds × budget 30) but the pool has only 600 items; "
                + "lower the budget, the rounds or the initial size.", tooMany.getMessage());
        assertEquals("Budget per round 0 must be > 0.", assertThrows(IllegalArgumentException.class,
                () -> smallLoop(Strategies.get("random"), tinyModel(1, false), 1).optBudgetPerRound(0).build()).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> smallLoop(Strategies.get("random"), tinyModel(1, false), 1).optInitialLabeled(0).build());
        assertThrows(IllegalArgumentException.class,
                () -> smallLoop(Strategies.get("random"), tinyModel(1, false), -1).build());
    }
}
