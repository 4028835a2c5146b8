package dev.quarry.engine.strategy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;

import dev.quarry.engine.data.ItemSource;
import dev.quarry.engine.model.ChunkConsumer;

/** Streams rows to a {@link ChunkConsumer} in chunks whose temporaries live in an {@link NDScope}. */
public final class Chunks {

    /**
     * Rows per chunk of items or of an existing array: large, because item scorers and encoders run a
     * model of their own that batches inside (a multiple of the RFI autoencoder's 1 024-footprint
     * batches, so its batches stay the same).
     */
    public static final int ROWS = RowReductions.DEFAULT_CHUNK_ROWS;

    private Chunks() {}

    /**
     * Streams items, as stored, chunk by chunk.
     *
     * @param items the dataset
     * @param ids the rows
     * @param manager where chunks are created
     * @param consumer receives {@code (n, ...)} float32 chunks
     */
    public static void items(ItemSource items, long[] ids, NDManager manager, ChunkConsumer consumer) {
        for (int from = 0; from < ids.length; from += ROWS) {
            int to = Math.min(ids.length, from + ROWS);
            try (NDScope scope = new NDScope()) {
                consumer.accept(from, to, items.batch(ids, from, to, manager));
            }
        }
    }

    /**
     * Streams the rows of an array that exists already, chunk by chunk.
     *
     * @param whole {@code (N, ...)}
     * @param consumer receives {@code (n, ...)} slices
     */
    public static void slices(NDArray whole, ChunkConsumer consumer) {
        int rows = Math.toIntExact(whole.getShape().get(0));
        for (int from = 0; from < rows; from += ROWS) {
            int to = Math.min(rows, from + ROWS);
            try (NDScope scope = new NDScope()) {
                consumer.accept(from, to, whole.get(new NDIndex(from + ":" + to)));
            }
        }
    }
}
