package dev.quarry.diversity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;

import dev.quarry.engine.strategy.Input;
import dev.quarry.engine.strategy.RoundInputs;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.Selector;

import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * BADGE: k-means++ seeding in the space of gradient embeddings {@code g = (p - onehot(argmax p)) ⊗
 * h}, which are large for uncertain items and point in different directions for different
 * regions. The first pick is {@code argmax ||g||} (ties: the lower id); each next one is drawn with
 * probability proportional to its squared distance to the nearest pick (uniformly over the rest if
 * every distance is 0).
 *
 * <p>The {@code C·d}-wide gradient embeddings are never built: with {@code a = p - onehot}, {@code
 * <g_i, g_j> = <a_i, a_j> <h_i, h_j>} and {@code ||g_i||^2 = ||a_i||^2 ||h_i||^2}, so each pick costs
 * two matrix-vector products over the pool.
 *
 * <h2>References</h2>
 * Ash, Zhang, Krishnamurthy, Langford and Agarwal, "Deep Batch Active Learning by Diverse, Uncertain
 * Gradient Lower Bounds", ICLR 2020.
 */
public final class BadgeSelector implements Selector {

    @Override
    public Set<Input> inputs() {
        return Set.of(Input.probabilities(), Input.embeddings());
    }

    @Override
    public Selection select(RoundInputs round, int budget) {
        NDArray p = round.probabilities();
        NDArray h = round.embeddings();
        try (NDManager scope = p.getManager().newSubManager()) {
            scope.tempAttachAll(p, h);
            NDArray a = gradientFactor(p);
            NDArray squaredNorms = a.square().sum(new int[] {1}).mul(h.square().sum(new int[] {1}));
            int n = round.size();
            int[] picks = new int[budget];
            float[] scores = new float[budget];
            boolean[] eligible = new boolean[n];
            Arrays.fill(eligible, true);
            float[] norms = squaredNorms.toFloatArray();
            picks[0] = (int) squaredNorms.argMax().getLong();
            scores[0] = (float) Math.sqrt(norms[picks[0]]);
            eligible[picks[0]] = false;
            NDArray nearest = distancesTo(a, h, squaredNorms, picks[0]);
            SplittableRandom random = round.random();
            for (int b = 1; b < budget; b++) {
                float[] weights = nearest.toFloatArray();
                for (int i = 0; i < n; i++) {
                    if (!eligible[i]) {
                        weights[i] = 0;
                    }
                }
                int pick = WeightedDraw.draw(weights, eligible, random);
                picks[b] = pick;
                scores[b] = (float) Math.sqrt(Math.max(0, weights[pick]));
                eligible[pick] = false;
                try (NDScope step = new NDScope()) {
                    NDArray updated = nearest.minimum(distancesTo(a, h, squaredNorms, pick));
                    NDScope.unregister(updated);
                    nearest.close();
                    nearest = updated;
                }
            }
            return new Selection(round.idsAt(picks), scores);
        }
    }

    /**
     * {@code a = p - onehot(argmax p)}: the factor the gradient embedding shares with every
     * embedding dimension.
     *
     * @param p {@code (N, C)} probabilities
     * @return {@code (N, C)}
     */
    static NDArray gradientFactor(NDArray p) {
        int classes = (int) p.getShape().get(1);
        return p.sub(p.argMax(1).oneHot(classes, DataType.FLOAT32));
    }

    /** {@code ||g_i - g_j||^2 = ||g_i||^2 + ||g_j||^2 - 2 <a_i, a_j> <h_i, h_j>} for every i. */
    static NDArray distancesTo(NDArray a, NDArray h, NDArray squaredNorms, int j) {
        NDArray dot = a.matMul(a.get(j)).mul(h.matMul(h.get(j)));
        return squaredNorms.add(squaredNorms.get(j)).sub(dot.mul(2f)).clip(0f, Float.MAX_VALUE);
    }

    @Override
    public String toString() {
        return "k-means++ seeding on factorized gradient embeddings";
    }
}
