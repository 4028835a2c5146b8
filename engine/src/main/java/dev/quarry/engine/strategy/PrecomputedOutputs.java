package dev.quarry.engine.strategy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;

import dev.quarry.engine.data.ItemSource;
import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.errors.Setting;
import dev.quarry.engine.model.ChunkConsumer;

import java.util.Optional;

/**
 * Model outputs computed elsewhere (by another framework and read from {@code .npy}, or by a test),
 * one row per item id: the {@link ModelOutputs} of the offline path. Probabilities given as {@code
 * (N, T, C)} also serve as deterministic probabilities (their mean over the passes); a strategy
 * that asks for a number of passes other than the T given is refused, never silently served.
 */
final class PrecomputedOutputs implements ModelOutputs {

    /**
     * Probability bytes per streamed chunk. Scorers of probabilities reduce each row to a number and
     * bound their own working memory, and a chunk of contiguous ids is a view, so large chunks cost
     * no memory and save per-chunk work (BALD at 50 000 × 20 × 10 took 28 ms in chunks of 4 096 rows
     * and 9–18 ms in 32 MiB views in this machine's runs). Embeddings and items keep {@link Chunks#ROWS}: their maps may hold a
     * chunk-sized block of distances.
     */
    static final long PROBABILITY_CHUNK_BYTES = 32L << 20;

    private final NDArray probabilities;
    private final NDArray embeddings;
    private final ItemSource items;
    private final long probabilityChunkBytes;

    PrecomputedOutputs(NDArray probabilities, NDArray embeddings, ItemSource items) {
        this(probabilities, embeddings, items, PROBABILITY_CHUNK_BYTES);
    }

    /** Outputs streamed with other probability chunks (tests use small ones, to cross chunk boundaries). */
    PrecomputedOutputs(NDArray probabilities, NDArray embeddings, ItemSource items, long probabilityChunkBytes) {
        this.probabilities = probabilities;
        this.embeddings = embeddings;
        this.items = items;
        this.probabilityChunkBytes = probabilityChunkBytes;
    }

    @Override
    public Device device() {
        NDArray any = probabilities != null ? probabilities : embeddings;
        return any != null ? any.getDevice() : Device.cpu();
    }

    @Override
    public boolean computedByModel() {
        return false;
    }

    @Override
    public void stream(Input input, long[] ids, NDManager manager, ChunkConsumer consumer) {
        if (input instanceof Input.Items) {
            Chunks.items(requireItems(), ids, manager, consumer);
            return;
        }
        NDArray source = source(input);
        boolean mean = averaged(input, source);
        int chunk = source == probabilities ? chunkRows(source) : Chunks.ROWS;
        for (int from = 0; from < ids.length; from += chunk) {
            int to = Math.min(ids.length, from + chunk);
            try (NDScope scope = new NDScope()) {
                consumer.accept(from, to, rows(source, ids, from, to, mean, manager));
            }
        }
    }

    @Override
    public NDArray whole(Input input, long[] ids, NDManager manager) {
        NDArray source = source(input);
        return rows(source, ids, 0, ids.length, averaged(input, source), manager);
    }

    /** Rows per probability chunk: as many as fill {@link #probabilityChunkBytes}, at least {@link Chunks#ROWS}. */
    private int chunkRows(NDArray source) {
        long rowBytes = Math.max(1, source.getShape().size() / Math.max(1, source.getShape().get(0)))
                * source.getDataType().getNumOfBytes();
        return (int) Math.max(Chunks.ROWS, Math.min(Integer.MAX_VALUE, probabilityChunkBytes / rowBytes));
    }

    /** Deterministic probabilities asked of {@code (N, T, C)} input are the mean over the passes. */
    private static boolean averaged(Input input, NDArray source) {
        return input instanceof Input.Probabilities && source.getShape().dimension() == 3;
    }

    /**
     * The rows {@code ids[from..to)} of the caller's array (a view when they are contiguous), created
     * in {@code manager}. The array is borrowed only for the call, so its own manager may be capped.
     */
    private static NDArray rows(NDArray source, long[] ids, int from, int to, boolean mean, NDManager manager) {
        try (NDManager borrow = manager.newSubManager()) {
            borrow.tempAttachAll(source);
            NDArray rows;
            if (to == from || ids[to - 1] - ids[from] == to - from - 1) {
                long first = to == from ? 0 : ids[from];
                rows = source.get(new NDIndex(first + ":" + (first + to - from)));
            } else {
                long[] index = new long[to - from];
                System.arraycopy(ids, from, index, 0, index.length);
                rows = source.get(borrow.create(index));
            }
            NDArray out = mean ? rows.mean(new int[] {1}) : rows;
            out.attach(manager);
            return out;
        }
    }

    @Override
    public Optional<String> problem(Input input) {
        if (input instanceof Input.Items || input instanceof Input.Embeddings e && e.encoder() != null) {
            return items == null ? Optional.of("the items themselves") : Optional.empty();
        }
        if (input instanceof Input.Probabilities) {
            return probabilities == null ? Optional.of("probabilities (N, C) or (N, T, C)") : Optional.empty();
        }
        if (input instanceof Input.McProbabilities mc) {
            if (probabilities == null || probabilities.getShape().dimension() != 3) {
                return Optional.of("MC-dropout probabilities (N, T, C)" + (probabilities == null ? ""
                        : " (the probabilities given have shape " + probabilities.getShape() + ")"));
            }
            long given = probabilities.getShape().get(1);
            if (mc.passes().isPresent() && mc.passes().getAsInt() != given) {
                return Optional.of(mc.passes().getAsInt() + " MC passes (option mcSamples), but the probabilities hold T = "
                        + given + "; leave mcSamples unset to use the passes given, or set it to " + given);
            }
            // With shared masks (BatchBALD) the caller's T passes are taken to be T fixed models.
            return Optional.empty();
        }
        return embeddings == null ? Optional.of("embeddings (N, d)") : Optional.empty();
    }

    private NDArray source(Input input) {
        problem(input).ifPresent(p -> {
            throw new InvalidInputException("The strategy needs " + p + ", but none were given.");
        });
        return input instanceof Input.Embeddings ? embeddings : probabilities;
    }

    private ItemSource requireItems() {
        if (items == null) {
            throw new InvalidInputException("The strategy needs the items themselves, but none were given.", Setting.ITEMS);
        }
        return items;
    }
}
