package dev.quarry.engine.loop;

import dev.quarry.engine.labels.Vote;

import java.util.List;

/** Answers from ground truth, as in every simulated active learning benchmark. */
public final class SimulatedOracle implements Oracle {

    private final int[] truth;

    /**
     * Creates the oracle.
     *
     * @param truth the true label of every pool item, indexed by global id
     */
    public SimulatedOracle(int[] truth) {
        this.truth = truth.clone();
    }

    @Override
    public Answers answer(long[] ids, List<Vote> votes) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= truth.length) {
                throw new IllegalArgumentException("Item id " + ids[i] + " is outside the pool [0, " + truth.length + ").");
            }
            out[i] = truth[(int) ids[i]];
        }
        return new Answers(ids.clone(), out);
    }

    @Override
    public String toString() {
        return "SimulatedOracle{" + truth.length + " items}";
    }
}
