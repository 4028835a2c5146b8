package dev.quarry.engine.labels;

import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.errors.Setting;

import java.util.Objects;

/**
 * How many labels a run asks for and when: the one place these sizes are checked, for the loop and
 * for a configuration file alike.
 *
 * @param initialLabeled the initial labeled set's size, >= 1
 * @param initialSelection how it is drawn
 * @param budgetPerRound items selected per round, >= 1
 * @param rounds query rounds, >= 0 (the run evaluates one more time than this)
 */
public record LabelingPlan(int initialLabeled, InitialSelection initialSelection, int budgetPerRound, int rounds) {

    /**
     * Validates the sizes.
     *
     * @param initialLabeled the initial size
     * @param initialSelection the initial draw
     * @param budgetPerRound the budget
     * @param rounds the rounds
     * @throws InvalidInputException naming the first invalid value
     */
    public LabelingPlan {
        Objects.requireNonNull(initialSelection, "initialSelection");
        if (initialLabeled < 1) {
            throw new InvalidInputException("Initial labeled size " + initialLabeled + " must be >= 1.", Setting.INITIAL_LABELED);
        }
        if (budgetPerRound <= 0) {
            throw new InvalidInputException("Budget per round " + budgetPerRound + " must be > 0.", Setting.BUDGET_PER_ROUND);
        }
        if (rounds < 0) {
            throw new InvalidInputException("Rounds " + rounds + " must be >= 0.", Setting.ROUNDS);
        }
    }

    /** @return every label the run asks for: the initial set and every round's budget */
    public long labelsNeeded() {
        return initialLabeled + (long) rounds * budgetPerRound;
    }

    /**
     * Checks that a pool holds every label the plan asks for.
     *
     * @param poolSize the pool's size
     * @throws InvalidInputException saying what to lower
     */
    public void requireFits(int poolSize) {
        if (labelsNeeded() > poolSize) {
            throw new InvalidInputException("The run needs " + labelsNeeded() + " labels (initial " + initialLabeled
                    + " + " + rounds + " rounds × budget " + budgetPerRound + ") but the pool has only " + poolSize
                    + " items; lower the budget, the rounds or the initial size.", Setting.BUDGET_PER_ROUND);
        }
    }
}
