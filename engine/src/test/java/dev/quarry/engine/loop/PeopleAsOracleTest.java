package dev.quarry.engine.loop;

import static dev.quarry.engine.testing.LoopFixtures.smallLoop;
import static dev.quarry.engine.testing.LoopFixtures.tinyModel;
import static dev.quarry.engine.testing.LoopFixtures.withoutTimes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.engine.labels.Vote;
import dev.quarry.engine.strategy.Strategies;
import dev.quarry.engine.testing.SubsetData;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeopleAsOracleTest {

    @TempDir
    Path dir;

    private final int[] truth = SubsetData.small().pool().labels();

    private RunResult run(Path runDir, int rounds, long[] givenIds, int[] givenLabels) throws IOException {
        try (ActiveLearningLoop loop = smallLoop(Strategies.get("random"), tinyModel(1, false), rounds)
                .setOracle(new VotingOracle("see the query files")).optGivenLabels(givenIds, givenLabels)
                .optRunDirectory(runDir).build()) {
            return loop.run();
        }
    }

    private void vote(Path runDir, long[] ids, int[] labels, String annotator) throws IOException {
        CheckpointStore store = new CheckpointStore(runDir);
        List<Vote> votes = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            votes.add(new Vote(ids[i], labels[i], false, 1_000 + i, annotator));
        }
        store.write(store.read().orElseThrow().withVotes(votes));
    }

    private int[] truthOf(long[] ids) {
        return Arrays.stream(ids).mapToInt(id -> truth[(int) id]).toArray();
    }

    @Test
    void givenPeopleAnsweringInParts_thenTheRunPausesKeepsEachPartAndSelectsWhatTheSimulatedRunSelects()
            throws IOException {
        RunResult simulated;
        try (ActiveLearningLoop loop = smallLoop(Strategies.get("random"), tinyModel(1, false), 1)
                .optRunDirectory(dir.resolve("simulated")).build()) {
            simulated = loop.run();
        }
        Path people = dir.resolve("people");
        assertFalse(run(people, 1, new long[0], new int[0]).complete(), "nobody has answered: the run pauses");
        RunState waiting = new CheckpointStore(people).read().orElseThrow();
        long[] initial = waiting.pending().ids();
        assertEquals(40, initial.length);
        assertEquals(0, waiting.labeled().ids().length);
        assertTrue(waiting.rounds().isEmpty());

        long[] firstHalf = Arrays.copyOf(initial, 25);
        vote(people, firstHalf, new int[25], "wrong-first"); // a wrong answer, then two right ones: the majority wins
        vote(people, firstHalf, truthOf(firstHalf), "ann");
        vote(people, firstHalf, truthOf(firstHalf), "bob");
        assertFalse(run(people, 1, new long[0], new int[0]).complete());
        RunState partly = new CheckpointStore(people).read().orElseThrow();
        assertArrayEquals(firstHalf, partly.labeled().ids(), "the answered part is labeled");
        assertArrayEquals(truthOf(firstHalf), partly.labeled().labels());
        assertArrayEquals(Arrays.copyOfRange(initial, 25, 40), partly.pending().ids(), "the rest is asked again");
        assertEquals(75, partly.votes().size(), "every vote stays on record");

        vote(people, partly.pending().ids(), truthOf(partly.pending().ids()), "ann");
        RunResult done = run(people, 1, new long[0], new int[0]);
        assertFalse(done.complete(), "round 1 selected a batch that waits for people");
        assertEquals(withoutTimes(simulated.rounds().subList(0, 1)), withoutTimes(done.rounds()),
                "the same labels give the same model, metrics and selection as the simulated oracle's");
        assertArrayEquals(simulated.rounds().get(0).selectedIds(),
                new CheckpointStore(people).read().orElseThrow().pending().ids());
    }

    @Test
    void givenLabelsThatCameWithThePool_thenTheyStartTheInitialSetAndOnlyTheRestIsAsked() throws IOException {
        long[] given = {3, 8, 21, 34, 55};
        Path some = dir.resolve("some");
        run(some, 1, given, truthOf(given));
        RunState state = new CheckpointStore(some).read().orElseThrow();
        assertArrayEquals(given, state.labeled().ids());
        assertEquals(35, state.pending().ids().length, "initial 40 = 5 given + 35 drawn");
        assertTrue(Arrays.stream(state.pending().ids()).noneMatch(id -> Arrays.stream(given).anyMatch(g -> g == id)));

        long[] many = LongStream.range(100, 150).toArray();
        Path enough = dir.resolve("enough");
        RunResult result = run(enough, 1, many, truthOf(many));
        assertEquals(1, result.rounds().size(), "50 given labels >= the initial 40: round 1 runs without asking");
        assertEquals(50, result.rounds().get(0).labeled());
        RunState.PendingQuery next = new CheckpointStore(enough).read().orElseThrow().pending();
        assertEquals(2, next.labelRound(), "the first query people see is round 1's selection");
        assertEquals(30, next.ids().length);
    }
}
