package dev.quarry.engine.strategy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.errors.Setting;

/** The checks of a query's arguments, made once by {@link QueryRunner}, with messages that say what to do. */
public final class SelectionChecks {

    private SelectionChecks() {}

    /**
     * Rejects a budget outside {@code [1, available]}.
     *
     * @param strategy the strategy's name
     * @param budget the requested budget
     * @param available the number of unlabeled items it may pick from
     * @throws InvalidInputException naming the budget and what is available
     */
    public static void requireBudget(String strategy, int budget, int available) {
        if (budget <= 0) {
            throw new InvalidInputException("Budget " + budget + " for strategy '" + strategy + "' must be > 0.", Setting.BUDGET_PER_ROUND);
        }
        if (budget > available) {
            throw new InvalidInputException("Budget " + budget + " for strategy '" + strategy + "' is larger than the "
                    + available + " unlabeled items left in the pool; lower the budget or the number of rounds.", Setting.BUDGET_PER_ROUND);
        }
    }

    /**
     * Checks an array's rank, leading dimension and type.
     *
     * @param argument the argument's name, for the message
     * @param array the array
     * @param rank the expected rank
     * @param rows the expected first dimension
     * @param layout the expected layout, for the message, such as {@code (N, C)}
     * @throws InvalidInputException naming the argument, its shape and the expectation
     */
    public static void requireShape(String argument, NDArray array, int rank, long rows, String layout) {
        Shape s = array.getShape();
        if (s.dimension() != rank || s.get(0) != rows) {
            throw new InvalidInputException(argument + " has shape " + s + " but " + layout + " with N = " + rows
                    + " was expected.");
        }
        if (array.getDataType() != DataType.FLOAT32) {
            throw new InvalidInputException(argument + " is " + array.getDataType() + " but float32 was expected.");
        }
    }
}
