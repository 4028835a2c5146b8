package dev.quarry.engine.loop;

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
    public int[] label(long[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= truth.length) {
                throw new IllegalArgumentException("Item id " + ids[i] + " is outside the pool [0, " + truth.length + ").");
            }
            out[i] = truth[(int) ids[i]];
        }
        return out;
    }

    @Override
    public String toString() {
        return "SimulatedOracle{" + truth.length + " items}";
    }
}
