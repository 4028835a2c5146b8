package dev.quarry.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;

import dev.quarry.engine.data.Shuffle;
import dev.quarry.engine.errors.ModelFailureException;
import dev.quarry.engine.progress.ProgressTask;

import java.util.SplittableRandom;

/**
 * The one seeded training loop of Quarry's models (the classifiers and the RFI autoencoder): each
 * epoch visits the training rows in an order drawn from a seeded generator, every step's
 * temporaries live in an {@link NDScope}, and a non-finite epoch loss stops training with what to
 * try. The same trainer state, seed and thread count give the same weights.
 */
public final class SeededTraining {

    /**
     * One mini-batch.
     *
     * @param inputs the network's input
     * @param targets what the loss compares the output with
     */
    public record Batch(NDArray inputs, NDArray targets) {}

    /** Makes a mini-batch from positions into the training rows. */
    @FunctionalInterface
    public interface Batches {
        /**
         * Makes the batch of {@code order[from..to)}.
         *
         * @param order the epoch's order of row positions
         * @param from first position in {@code order}
         * @param to one past the last
         * @param manager where the batch's arrays live
         * @return the batch
         */
        Batch make(int[] order, int from, int to, NDManager manager);
    }

    /** Told the end of each epoch; decides whether training goes on. */
    @FunctionalInterface
    public interface EpochEnd {
        /**
         * An epoch ended.
         *
         * @param epoch the epoch, from 1
         * @param meanLoss its mean training loss, finite
         * @return true to train another epoch (if the plan allows one)
         */
        boolean proceed(int epoch, double meanLoss);
    }

    /**
     * What to train.
     *
     * @param what what is being trained, for messages (such as {@code Training})
     * @param rows how many training rows
     * @param batchSize rows per step
     * @param maxEpochs the most epochs
     * @param learningRate the learning rate, for the divergence message
     */
    public record Plan(String what, int rows, int batchSize, int maxEpochs, double learningRate) {

        /**
         * Validates the plan.
         *
         * @param what what is trained
         * @param rows the training rows, >= 1
         * @param batchSize rows per step, >= 1
         * @param maxEpochs the most epochs, >= 1
         * @param learningRate the learning rate
         */
        public Plan {
            if (rows < 1 || batchSize < 1 || maxEpochs < 1) {
                throw new IllegalArgumentException(what + " needs at least one row, batch size and epoch; got " + rows
                        + " rows, batch size " + batchSize + ", " + maxEpochs + " epochs.");
            }
        }
    }

    private SeededTraining() {}

    /**
     * Trains.
     *
     * @param trainer an initialized trainer
     * @param plan rows, batch size, epochs
     * @param shuffle the seeded generator of the epoch orders
     * @param batches makes each step's batch
     * @param onEpoch told after each epoch; may stop training early
     * @param task advanced by one per step
     * @return the epochs and steps run and the last epoch's mean loss
     * @throws ModelFailureException if an epoch's loss is not finite
     */
    public static FitReport run(Trainer trainer, Plan plan, SplittableRandom shuffle, Batches batches, EpochEnd onEpoch,
            ProgressTask task) {
        NDManager manager = trainer.getManager();
        double meanLoss = Double.NaN;
        long steps = 0;
        int epoch = 0;
        boolean proceed = true;
        while (proceed && epoch < plan.maxEpochs()) {
            epoch++;
            int[] order = Shuffle.permutation(plan.rows(), shuffle);
            double lossSum = 0;
            for (int from = 0; from < order.length; from += plan.batchSize()) {
                int to = Math.min(order.length, from + plan.batchSize());
                lossSum += step(trainer, batches, order, from, to, manager) * (to - from);
                steps++;
                task.step(1);
            }
            meanLoss = lossSum / order.length;
            if (!Double.isFinite(meanLoss)) {
                throw new ModelFailureException(plan.what() + " diverged: the loss is " + meanLoss + " in epoch " + epoch
                        + " on " + plan.rows() + " items; lower the learning rate (now " + plan.learningRate() + ").");
            }
            proceed = onEpoch.proceed(epoch, meanLoss);
        }
        return new FitReport(epoch, steps, meanLoss);
    }

    private static float step(Trainer trainer, Batches batches, int[] order, int from, int to, NDManager manager) {
        float loss;
        try (NDScope scope = new NDScope()) {
            Batch batch = batches.make(order, from, to, manager);
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(new NDList(batch.inputs()));
                NDArray value = trainer.getLoss().evaluate(new NDList(batch.targets()), predictions);
                collector.backward(value);
                loss = value.getFloat();
            }
        }
        // Outside the scope: the optimizer's state arrays are created on the first step and must survive it.
        trainer.step();
        return loss;
    }
}
