package dev.quarry.engine.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class VotesTest {

    @Test
    void givenVotes_whenResolved_thenGroundTruthThenMajorityThenMostRecentDecides() {
        List<Vote> votes = List.of(
                new Vote(1, 0, false, 100, "ann"), new Vote(1, 2, false, 200, "bob"), new Vote(1, 0, false, 50, "cy"),
                new Vote(2, 0, false, 100, "ann"), new Vote(2, 1, false, 300, "bob"),
                new Vote(3, 2, true, 10, "lead"), new Vote(3, 1, false, 20, "ann"), new Vote(3, 1, false, 30, "bob"),
                new Vote(4, 1, false, 100, null), new Vote(4, 2, false, 100, null),
                new Vote(5, 3, false, 7, null));
        Votes.Outcome outcome = Votes.resolve(votes);
        assertEquals(Map.of(1L, 0, 2L, 1, 3L, 2, 4L, 2, 5L, 3), outcome.labels(),
                "2-1 majority; a 1-1 tie to the later vote; ground truth over a 2-1 majority; equal times to the one "
                        + "recorded last; a single vote");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), List.copyOf(outcome.labels().keySet()), "first-vote order");
        assertEquals(Map.of(0, 2, 2, 1), outcome.disagreements().get(1L));
        assertEquals(List.of(1L, 2L, 3L, 4L), List.copyOf(outcome.disagreements().keySet()));
    }

    @Test
    void givenAnAnnotatorWhoAnswersAgain_thenOnlyTheirLatestAnswerCounts() {
        // ann edits her answer; a file imported twice names the same rows: neither outvotes bob.
        List<Vote> votes = List.of(new Vote(7, 1, false, 10, "ann"), new Vote(7, 2, false, 20, "bob"),
                new Vote(7, 2, false, 30, "ann"), new Vote(7, 1, false, 25, "ann"),
                new Vote(8, 0, false, 10, "file:a.csv#line 2"), new Vote(8, 0, false, 40, "file:a.csv#line 2"),
                new Vote(8, 1, false, 30, "cy"));
        Votes.Outcome outcome = Votes.resolve(votes);
        assertEquals(2, outcome.labels().get(7L), "ann's answer given last (at 30) agrees with bob's; her older one "
                + "recorded later does not replace it");
        assertFalse(outcome.disagreements().containsKey(7L), "ann and bob now agree");
        assertEquals(Map.of(0, 1, 1, 1), outcome.disagreements().get(8L), "the re-imported row counts once");
        assertEquals(0, outcome.labels().get(8L), "1-1, and the re-imported row is the latest");
    }

    @Test
    void givenTwoGroundTruthVotes_thenTheMoreRecentWins() {
        assertEquals(Map.of(9L, 1), Votes.resolve(List.of(new Vote(9, 0, true, 5, null), new Vote(9, 1, true, 6, null),
                new Vote(9, 0, false, 7, null))).labels());
    }
}
