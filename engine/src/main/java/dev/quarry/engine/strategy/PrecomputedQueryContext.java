package dev.quarry.engine.strategy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.data.ImageDataset;
import dev.quarry.engine.model.McSpec;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * A context over model outputs computed elsewhere: by another framework and read from {@code .npy},
 * or by a test. Shapes are checked when it is built; asking for an output that was not given fails
 * with the name of what is missing.
 *
 * <pre>{@code
 * QueryContext ctx = PrecomputedQueryContext.builder()
 *         .setUnlabeledIds(ids).setManager(manager).setRandom(new SplittableRandom(7))
 *         .optProbabilities(manager.create(probs, new Shape(n, c)))
 *         .build();
 * Selection picks = Strategies.get("margin").select(ctx, 100);
 * }</pre>
 */
public final class PrecomputedQueryContext implements QueryContext {

    private final long[] unlabeled;
    private final long[] labeled;
    private final NDArray probabilities;
    private final NDArray mcProbabilities;
    private final NDArray embeddings;
    private final NDArray labeledEmbeddings;
    private final ImageDataset items;
    private final ImageDataset labeledItems;
    private final SplittableRandom random;
    private final NDManager manager;
    private final int chunkRows;

    private PrecomputedQueryContext(Builder b) {
        unlabeled = b.unlabeled.clone();
        labeled = b.labeled.clone();
        probabilities = b.probabilities;
        mcProbabilities = b.mcProbabilities;
        embeddings = b.embeddings;
        labeledEmbeddings = b.labeledEmbeddings;
        items = b.items;
        labeledItems = b.labeledItems;
        if (items != null && items.size() != unlabeled.length || labeledItems != null
                && labeledItems.size() != labeled.length) {
            throw new IllegalArgumentException("Items must have one row per id: " + size(items) + " unlabeled items for "
                    + unlabeled.length + " ids, " + size(labeledItems) + " labeled items for " + labeled.length + ".");
        }
        random = b.random;
        manager = b.manager;
        chunkRows = b.chunkRows;
    }

    /**
     * A builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public long[] unlabeledIds() {
        return unlabeled.clone();
    }

    @Override
    public long[] labeledIds() {
        return labeled.clone();
    }

    @Override
    public NDArray probabilities() {
        return require(probabilities, "probabilities (N, C)");
    }

    /**
     * The MC probabilities given at construction; T, scope and mask sharing are whatever produced
     * them, so {@code spec} is not consulted.
     */
    @Override
    public NDArray mcProbabilities(McSpec spec) {
        return require(mcProbabilities, "MC probabilities (N, T, C)");
    }

    @Override
    public float[] scores(UnaryOperator<NDArray> reduction) {
        return RowReductions.reduce(probabilities(), chunkRows, reduction);
    }

    @Override
    public float[] mcScores(McSpec spec, UnaryOperator<NDArray> reduction) {
        return RowReductions.reduce(mcProbabilities(spec), chunkRows, reduction);
    }

    @Override
    public QueryContext restrictTo(int[] positions, NDManager target) {
        long[] subset = new long[positions.length];
        for (int i = 0; i < positions.length; i++) {
            subset[i] = unlabeled[positions[i]];
        }
        NDArray index = target.create(Arrays.stream(positions).asLongStream().toArray());
        return builder().setUnlabeledIds(subset).optLabeledIds(labeled).setRandom(random).setManager(target)
                .optChunkRows(chunkRows)
                .optProbabilities(rows(probabilities, index, target))
                .optMcProbabilities(rows(mcProbabilities, index, target))
                .optEmbeddings(rows(embeddings, index, target))
                .optLabeledEmbeddings(labeledEmbeddings)
                .optItems(items == null ? null : items.subset(items.name(), positions), labeledItems)
                .build();
    }

    /**
     * The given rows of {@code array}, created in {@code target}: the array is temporarily attached
     * to {@code target} (so its own manager may be capped) and returns to its manager when
     * {@code target} closes.
     */
    private static NDArray rows(NDArray array, NDArray index, NDManager target) {
        if (array == null) {
            return null;
        }
        target.tempAttachAll(array);
        return array.get(index);
    }

    @Override
    public NDArray embeddings() {
        return require(embeddings, "embeddings (N, d)");
    }

    @Override
    public NDArray labeledEmbeddings() {
        return require(labeledEmbeddings, "labeled embeddings (L, d)");
    }

    @Override
    public ImageDataset unlabeledItems() {
        return requireItems(items, "unlabeled");
    }

    @Override
    public ImageDataset labeledItems() {
        return labeled.length == 0 && labeledItems == null ? null : requireItems(labeledItems, "labeled");
    }

    private static ImageDataset requireItems(ImageDataset dataset, String which) {
        if (dataset == null) {
            throw new IllegalArgumentException("The strategy needs the " + which + " items themselves, but none were"
                    + " provided; pass them with optItems, or run the strategy in `quarry run` or `quarry compare`.");
        }
        return dataset;
    }

    private static String size(ImageDataset dataset) {
        return dataset == null ? "no" : String.valueOf(dataset.size());
    }

    private static NDArray require(NDArray array, String what) {
        if (array == null) {
            throw new IllegalArgumentException("The strategy needs " + what + ", but none were provided.");
        }
        return array;
    }

    @Override
    public SplittableRandom random() {
        return random;
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    @Override
    public Device device() {
        return manager.getDevice();
    }

    /** Builds the context; ids, manager and generator are required, outputs optional. */
    public static final class Builder {
        private long[] unlabeled;
        private long[] labeled = new long[0];
        private NDArray probabilities;
        private NDArray mcProbabilities;
        private NDArray embeddings;
        private NDArray labeledEmbeddings;
        private ImageDataset items;
        private ImageDataset labeledItems;
        private SplittableRandom random;
        private NDManager manager;
        private int chunkRows = RowReductions.DEFAULT_CHUNK_ROWS;

        private Builder() {}

        /**
         * Rows per chunk when reducing the given arrays to scores (default 4096); results do not
         * depend on it.
         *
         * @param rows rows per chunk
         * @return this builder
         */
        public Builder optChunkRows(int rows) {
            this.chunkRows = rows;
            return this;
        }

        /**
         * The unlabeled ids; row i of every output belongs to {@code ids[i]}.
         *
         * @param ids distinct ids
         * @return this builder
         */
        public Builder setUnlabeledIds(long[] ids) {
            this.unlabeled = ids;
            return this;
        }

        /**
         * The labeled ids (default none).
         *
         * @param ids distinct ids
         * @return this builder
         */
        public Builder optLabeledIds(long[] ids) {
            this.labeled = ids;
            return this;
        }

        /**
         * Class probabilities.
         *
         * @param array {@code (N, C)} float32
         * @return this builder
         */
        public Builder optProbabilities(NDArray array) {
            this.probabilities = array;
            return this;
        }

        /**
         * MC-dropout probabilities.
         *
         * @param array {@code (N, T, C)} float32
         * @return this builder
         */
        public Builder optMcProbabilities(NDArray array) {
            this.mcProbabilities = array;
            return this;
        }

        /**
         * Embeddings of the unlabeled items.
         *
         * @param array {@code (N, d)} float32
         * @return this builder
         */
        public Builder optEmbeddings(NDArray array) {
            this.embeddings = array;
            return this;
        }

        /**
         * Embeddings of the labeled items.
         *
         * @param array {@code (L, d)} float32
         * @return this builder
         */
        public Builder optLabeledEmbeddings(NDArray array) {
            this.labeledEmbeddings = array;
            return this;
        }

        /**
         * The items themselves, rows following the unlabeled and the labeled ids.
         *
         * @param unlabeledItems the unlabeled items, or null
         * @param labeledItems the labeled items, or null (none needed without labeled ids)
         * @return this builder
         */
        public Builder optItems(ImageDataset unlabeledItems, ImageDataset labeledItems) {
            this.items = unlabeledItems;
            this.labeledItems = labeledItems;
            return this;
        }

        /**
         * The seeded generator strategies draw from.
         *
         * @param generator the generator
         * @return this builder
         */
        public Builder setRandom(SplittableRandom generator) {
            this.random = generator;
            return this;
        }

        /**
         * The manager strategies create their arrays in.
         *
         * @param ndManager the manager
         * @return this builder
         */
        public Builder setManager(NDManager ndManager) {
            this.manager = ndManager;
            return this;
        }

        /**
         * Checks shapes and builds the context.
         *
         * @return the context
         * @throws IllegalArgumentException naming the array whose shape does not fit
         */
        public PrecomputedQueryContext build() {
            Objects.requireNonNull(unlabeled, "setUnlabeledIds is required");
            Objects.requireNonNull(random, "setRandom is required");
            Objects.requireNonNull(manager, "setManager is required");
            int n = unlabeled.length;
            if (probabilities != null) {
                SelectionChecks.requireShape("probabilities", probabilities, 2, n, "(N, C)");
            }
            if (mcProbabilities != null) {
                SelectionChecks.requireShape("mcProbabilities", mcProbabilities, 3, n, "(N, T, C)");
            }
            if (embeddings != null) {
                SelectionChecks.requireShape("embeddings", embeddings, 2, n, "(N, d)");
            }
            if (labeledEmbeddings != null) {
                SelectionChecks.requireShape("labeledEmbeddings", labeledEmbeddings, 2, labeled.length, "(L, d)");
            }
            return new PrecomputedQueryContext(this);
        }
    }
}
