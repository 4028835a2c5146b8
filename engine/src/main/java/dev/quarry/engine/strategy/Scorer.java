package dev.quarry.engine.strategy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One score per item, higher = query first: it declares its {@link Input} and reduces each chunk
 * of it, row by row, on the device. The loop owns the pass over the pool: it streams the input in
 * memory-bounded chunks and keeps only the N scores, so a scorer never sees the whole pool.
 *
 * <pre>{@code
 * Scorer confidence = Scorer.of("least-max", Input.probabilities(), p -> p.max(new int[] {1}).neg());
 * }</pre>
 */
public interface Scorer {

    /**
     * The score's name, for messages and reports.
     *
     * @return the name
     */
    String name();

    /**
     * What the scorer reduces.
     *
     * @return the input
     */
    Input input();

    /**
     * Prepares a round's reduction: loads what it needs on the device (most scorers need nothing).
     *
     * @param device where the chunks will be
     * @return the row-wise reduction {@code (n, ...) -> (n)}; closed after the last chunk
     */
    ChunkMap open(Device device);

    /**
     * A scorer from a row-wise reduction that needs nothing loaded.
     *
     * @param name the score's name
     * @param input what it reduces
     * @param reduction maps an {@code (n, ...)} chunk to {@code (n)} scores, row by row
     * @return the scorer
     */
    static Scorer of(String name, Input input, UnaryOperator<NDArray> reduction) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(reduction, "reduction");
        record Simple(String name, Input input, UnaryOperator<NDArray> reduction) implements Scorer {
            @Override
            public ChunkMap open(Device device) {
                return reduction::apply;
            }
        }
        return new Simple(name, input, reduction);
    }
}
