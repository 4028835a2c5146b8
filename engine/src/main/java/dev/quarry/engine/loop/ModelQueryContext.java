package dev.quarry.engine.loop;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.data.ImageDataset;
import dev.quarry.engine.model.ChunkConsumer;
import dev.quarry.engine.model.ClassifierModel;
import dev.quarry.engine.model.McSpec;
import dev.quarry.engine.strategy.QueryContext;
import dev.quarry.engine.strategy.RowReductions;
import dev.quarry.engine.strategy.SelectionChecks;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * A round's context over the model. Whole outputs are computed on first request, once, in the
 * round's manager; score reductions stream from the model chunk by chunk unless the whole output
 * already exists.
 */
final class ModelQueryContext implements QueryContext {

    private final ClassifierModel model;
    private final ImageDataset pool;
    private final long[] unlabeled;
    private final long[] labeled;
    private final long mcSeed;
    private final SplittableRandom random;
    private final NDManager manager;

    private NDArray probabilities;
    private final Map<McSpec, NDArray> mcProbabilities = new HashMap<>();
    private NDArray embeddings;
    private NDArray labeledEmbeddings;

    ModelQueryContext(ClassifierModel model, ImageDataset pool, long[] unlabeled, long[] labeled, long mcSeed,
            SplittableRandom random, NDManager manager) {
        this.model = model;
        this.pool = pool;
        this.unlabeled = unlabeled;
        this.labeled = labeled;
        this.mcSeed = mcSeed;
        this.random = random;
        this.manager = manager;
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
        if (probabilities == null) {
            probabilities = model.probabilities(pool, unlabeled, manager);
            SelectionChecks.requireShape("probabilities", probabilities, 2, unlabeled.length, "(N, C)");
        }
        return probabilities;
    }

    @Override
    public NDArray mcProbabilities(McSpec spec) {
        return mcProbabilities.computeIfAbsent(spec, s -> {
            NDArray mc = model.mcProbabilities(pool, unlabeled, s, mcSeed, manager);
            SelectionChecks.requireShape("mcProbabilities", mc, 3, unlabeled.length, "(N, T, C)");
            return mc;
        });
    }

    @Override
    public float[] scores(UnaryOperator<NDArray> reduction) {
        if (probabilities != null) {
            return RowReductions.reduce(probabilities, RowReductions.DEFAULT_CHUNK_ROWS, reduction);
        }
        return streamed((scope, sink) -> model.forEachProbabilityChunk(pool, unlabeled, scope, sink), reduction);
    }

    @Override
    public float[] mcScores(McSpec spec, UnaryOperator<NDArray> reduction) {
        NDArray whole = mcProbabilities.get(spec);
        if (whole != null) {
            return RowReductions.reduce(whole, RowReductions.DEFAULT_CHUNK_ROWS, reduction);
        }
        return streamed((scope, sink) -> model.forEachMcChunk(pool, unlabeled, spec, mcSeed, scope, sink), reduction);
    }

    /** Reduces each chunk a model stream produces as it comes, keeping only the N scores. */
    private float[] streamed(BiConsumer<NDManager, ChunkConsumer> stream, UnaryOperator<NDArray> reduction) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray out = scope.zeros(new Shape(unlabeled.length), DataType.FLOAT32);
            stream.accept(scope, (from, to, chunk) ->
                    out.set(new NDIndex(from + ":" + to), RowReductions.checked(reduction.apply(chunk), to - from)));
            return out.toFloatArray();
        }
    }

    @Override
    public QueryContext restrictTo(int[] positions, NDManager target) {
        long[] subset = new long[positions.length];
        for (int i = 0; i < positions.length; i++) {
            subset[i] = unlabeled[positions[i]];
        }
        return new ModelQueryContext(model, pool, subset, labeled, mcSeed, random, target);
    }

    @Override
    public ImageDataset unlabeledItems() {
        return items("unlabeled", unlabeled);
    }

    @Override
    public ImageDataset labeledItems() {
        return labeled.length == 0 ? null : items("labeled", labeled);
    }

    private ImageDataset items(String which, long[] ids) {
        int[] rows = new int[ids.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Math.toIntExact(ids[i]);
        }
        return pool.subset(pool.name() + "-" + which, rows);
    }

    @Override
    public NDArray embeddings() {
        if (embeddings == null) {
            embeddings = model.embeddings(pool, unlabeled, manager);
            SelectionChecks.requireShape("embeddings", embeddings, 2, unlabeled.length, "(N, d)");
        }
        return embeddings;
    }

    @Override
    public NDArray labeledEmbeddings() {
        if (labeledEmbeddings == null) {
            labeledEmbeddings = model.embeddings(pool, labeled, manager);
            SelectionChecks.requireShape("labeledEmbeddings", labeledEmbeddings, 2, labeled.length, "(L, d)");
        }
        return labeledEmbeddings;
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
}
