package dev.quarry.engine.loop;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.data.ImageDataset;
import dev.quarry.engine.model.ClassifierModel;
import dev.quarry.engine.strategy.QueryContext;
import dev.quarry.engine.strategy.SelectionChecks;

import java.util.SplittableRandom;

/** A round's context: model outputs computed on first request, once, in the round's manager. */
final class ModelQueryContext implements QueryContext {

    private final ClassifierModel model;
    private final ImageDataset pool;
    private final long[] unlabeled;
    private final long[] labeled;
    private final int mcSamples;
    private final long mcSeed;
    private final SplittableRandom random;
    private final NDManager manager;

    private NDArray probabilities;
    private NDArray mcProbabilities;
    private NDArray embeddings;
    private NDArray labeledEmbeddings;

    ModelQueryContext(ClassifierModel model, ImageDataset pool, long[] unlabeled, long[] labeled, int mcSamples,
            long mcSeed, SplittableRandom random, NDManager manager) {
        this.model = model;
        this.pool = pool;
        this.unlabeled = unlabeled;
        this.labeled = labeled;
        this.mcSamples = mcSamples;
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
    public NDArray mcProbabilities() {
        if (mcProbabilities == null) {
            mcProbabilities = model.mcProbabilities(pool, unlabeled, mcSamples, mcSeed, manager);
            SelectionChecks.requireShape("mcProbabilities", mcProbabilities, 3, unlabeled.length, "(N, T, C)");
        }
        return mcProbabilities;
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
