package dev.quarry.engine.loop;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.data.ItemSource;
import dev.quarry.engine.model.ChunkConsumer;
import dev.quarry.engine.model.Learner;
import dev.quarry.engine.strategy.Chunks;
import dev.quarry.engine.strategy.Input;
import dev.quarry.engine.strategy.ModelOutputs;

import java.util.Optional;

/**
 * A round's outputs from the trained model over the pool: probabilities and MC passes stream chunk
 * by chunk from the model (MC masks drawn from the round's seed), embeddings are computed whole,
 * and items come straight from the pool.
 */
public final class LearnerOutputs implements ModelOutputs {

    private final Learner model;
    private final ItemSource pool;
    private final long mcSeed;

    /**
     * A learner's outputs over items.
     *
     * @param model a trained learner
     * @param pool the items
     * @param mcSeed the seed of the MC-dropout masks
     */
    public LearnerOutputs(Learner model, ItemSource pool, long mcSeed) {
        this.model = model;
        this.pool = pool;
        this.mcSeed = mcSeed;
    }

    @Override
    public Device device() {
        return model.device();
    }

    @Override
    public boolean computedByModel() {
        return true;
    }

    @Override
    public Optional<String> problem(Input input) {
        return Optional.empty();
    }

    @Override
    public void stream(Input input, long[] ids, NDManager manager, ChunkConsumer consumer) {
        if (input instanceof Input.Probabilities) {
            model.forEachProbabilityChunk(pool, ids, manager, consumer);
        } else if (input instanceof Input.McProbabilities mc) {
            model.forEachMcChunk(pool, ids, mc.spec(), mcSeed, manager, consumer);
        } else if (input instanceof Input.Items) {
            Chunks.items(pool, ids, manager, consumer);
        } else {
            Chunks.slices(whole(input, ids, manager), consumer);
        }
    }

    @Override
    public NDArray whole(Input input, long[] ids, NDManager manager) {
        if (input instanceof Input.Probabilities) {
            return model.probabilities(pool, ids, manager);
        }
        if (input instanceof Input.McProbabilities mc) {
            return model.mcProbabilities(pool, ids, mc.spec(), mcSeed, manager);
        }
        if (input instanceof Input.Embeddings e && e.encoder() == null) {
            return model.embeddings(pool, ids, manager);
        }
        throw new IllegalArgumentException("A model's outputs cannot provide " + input + " whole.");
    }
}
