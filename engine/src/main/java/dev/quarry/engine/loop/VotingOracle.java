package dev.quarry.engine.loop;

import dev.quarry.engine.labels.Vote;
import dev.quarry.engine.labels.Votes;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * People as the oracle: each queried item's label is resolved from the votes recorded for it
 * ({@link Votes}'s rule), and items nobody has answered yet stay pending.
 */
public final class VotingOracle implements Oracle {

    private final String whereToAnswer;

    /**
     * Creates the oracle.
     *
     * @param whereToAnswer how people give their answers, for the message shown while labels are
     *     pending (such as the query file and the import command)
     */
    public VotingOracle(String whereToAnswer) {
        this.whereToAnswer = whereToAnswer;
    }

    @Override
    public Answers answer(long[] ids, List<Vote> votes) {
        Map<Long, Integer> resolved = Votes.resolve(votes).labels();
        long[] answered = Arrays.stream(ids).filter(resolved::containsKey).toArray();
        if (answered.length == 0) {
            throw new LabelsPendingException("Waiting for " + ids.length + " labels; " + whereToAnswer);
        }
        int[] labels = Arrays.stream(answered).mapToInt(resolved::get).toArray();
        return new Answers(answered, labels);
    }

    @Override
    public String toString() {
        return "VotingOracle";
    }
}
