package dev.quarry.rfi.pool;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.data.ImageDataset;
import dev.quarry.engine.model.McSpec;
import dev.quarry.engine.strategy.QueryContext;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Requirement;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.rfi.ae.RfiAutoencoder;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * {@code ae-embeddings}: runs an embedding-space strategy ({@code kcenter}, {@code typiclust},
 * {@code probcover}, {@code kmeans}, …) on the mitigating autoencoder's code of each rf-smap footprint
 * instead of the classifier's penultimate layer: the code describes the footprint's RFI and scene, and
 * does not change from round to round as the classifier learns. Everything else the base strategy asks
 * for comes from the round as usual.
 */
public final class AutoencoderEmbeddingStrategy implements QueryStrategy {

    /** The registry name. */
    public static final String NAME = "ae-embeddings";

    private final QueryStrategy base;
    private final Path model;

    /**
     * The strategy.
     *
     * @param base an embedding-space strategy
     * @param model the directory the autoencoder was saved in
     */
    public AutoencoderEmbeddingStrategy(QueryStrategy base, Path model) {
        if (!base.requirements().contains(Requirement.EMBEDDINGS)) {
            throw new IllegalArgumentException("Strategy '" + NAME + "' needs an embedding-space base strategy (kcenter,"
                    + " kmeans, typiclust, probcover, ...); '" + base.name() + "' does not use embeddings.");
        }
        this.base = base;
        this.model = model;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Requirement> requirements() {
        Set<Requirement> needs = EnumSet.copyOf(base.requirements());
        needs.remove(Requirement.EMBEDDINGS);
        needs.remove(Requirement.LABELED_EMBEDDINGS);
        needs.add(Requirement.ITEMS);
        return needs;
    }

    @Override
    public Selection select(QueryContext context, int budget) {
        try (RfiAutoencoder autoencoder = SavedAutoencoder.open(NAME, model, context.device())) {
            return base.select(new EncodedContext(context, autoencoder), budget);
        }
    }

    @Override
    public String toString() {
        return "AutoencoderEmbeddingStrategy{base=" + base + ", model=" + model + "}";
    }

    /** A round's context whose embeddings are the autoencoder's codes; the rest is the round's. */
    private static final class EncodedContext implements QueryContext {

        private final QueryContext round;
        private final RfiAutoencoder autoencoder;
        private NDArray embeddings;
        private NDArray labeledEmbeddings;

        EncodedContext(QueryContext round, RfiAutoencoder autoencoder) {
            this.round = round;
            this.autoencoder = autoencoder;
        }

        @Override
        public NDArray embeddings() {
            if (embeddings == null) {
                embeddings = encode(round.unlabeledItems());
            }
            return embeddings;
        }

        @Override
        public NDArray labeledEmbeddings() {
            if (labeledEmbeddings == null) {
                labeledEmbeddings = encode(round.labeledItems());
            }
            return labeledEmbeddings;
        }

        private NDArray encode(ImageDataset items) {
            int width = autoencoder.options().bottleneck();
            if (items == null || items.size() == 0) {
                return round.manager().create(new float[0], new Shape(0, width));
            }
            float[] code = autoencoder.encode(RfSmapDataset.kelvin(items));
            return round.manager().create(code, new Shape(items.size(), width));
        }

        @Override
        public QueryContext restrictTo(int[] positions, NDManager manager) {
            return new EncodedContext(round.restrictTo(positions, manager), autoencoder);
        }

        @Override
        public long[] unlabeledIds() {
            return round.unlabeledIds();
        }

        @Override
        public long[] labeledIds() {
            return round.labeledIds();
        }

        @Override
        public NDArray probabilities() {
            return round.probabilities();
        }

        @Override
        public NDArray mcProbabilities(McSpec spec) {
            return round.mcProbabilities(spec);
        }

        @Override
        public float[] scores(UnaryOperator<NDArray> reduction) {
            return round.scores(reduction);
        }

        @Override
        public float[] mcScores(McSpec spec, UnaryOperator<NDArray> reduction) {
            return round.mcScores(spec, reduction);
        }

        @Override
        public ImageDataset unlabeledItems() {
            return round.unlabeledItems();
        }

        @Override
        public ImageDataset labeledItems() {
            return round.labeledItems();
        }

        @Override
        public SplittableRandom random() {
            return round.random();
        }

        @Override
        public NDManager manager() {
            return round.manager();
        }

        @Override
        public Device device() {
            return round.device();
        }
    }
}
