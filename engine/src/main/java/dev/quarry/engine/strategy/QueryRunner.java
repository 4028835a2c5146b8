package dev.quarry.engine.strategy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.data.NonFinite;
import dev.quarry.engine.data.Rows;
import dev.quarry.engine.data.Shuffle;
import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.errors.Setting;
import dev.quarry.engine.errors.ModelFailureException;
import dev.quarry.engine.model.McScope;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Runs one query: the one path from a strategy's declarations to a checked {@link Selection}, used
 * by the loop and by the offline path alike.
 *
 * <ol>
 *   <li>Checks the budget against the unlabeled items.
 *   <li>With {@code maxPool}, keeps a seeded uniform subset of the rows (drawn first from the round's
 *       generator).
 *   <li>Streams the scorer's input chunk by chunk through its reduction, keeping only the N scores;
 *       rows whose input or score is NaN or infinite are rejected by cause (a model failure for a
 *       model's outputs, bad input for outputs given by the caller).
 *   <li>Keeps the selector's candidates (the top scores, in ascending id order).
 *   <li>Computes the whole inputs the selection declared, checks their shapes and values, and hands
 *       them to the selector in {@link RoundInputs}; every array lives in a child manager closed
 *       after the selection.
 *   <li>Checks that the selection has {@code budget} distinct ids of the rows.
 * </ol>
 */
public final class QueryRunner {

    /** Precomputed MC passes, as many as were given. */
    private static final Input PASSES_AS_GIVEN = Input.mc(OptionalInt.empty(), McScope.FULL, false);

    private QueryRunner() {}

    /**
     * Selects a batch.
     *
     * @param strategy the strategy
     * @param outputs where its inputs come from
     * @param unlabeled the unlabeled ids, ascending
     * @param labeled the labeled ids, ascending
     * @param budget how many to select
     * @param random the round's seeded generator
     * @param manager the parent of the round's arrays
     * @return {@code budget} distinct unlabeled ids, in pick order
     * @throws InvalidInputException for a budget outside {@code [1, unlabeled]} or inputs the outputs
     *     cannot provide
     * @throws ModelFailureException for NaN or infinite model outputs
     */
    public static Selection select(QueryStrategy strategy, ModelOutputs outputs, long[] unlabeled, long[] labeled,
            int budget, SplittableRandom random, NDManager manager) {
        String name = strategy.name();
        requireAscending("unlabeled", unlabeled);
        requireAscending("labeled", labeled);
        SelectionChecks.requireBudget(name, budget, unlabeled.length);
        requireProvided(strategy, strategy.inputs(), outputs);
        long[] ids = unlabeled;
        if (strategy.maxPool().isPresent()) {
            int maxPool = strategy.maxPool().getAsInt();
            if (budget > maxPool) {
                throw new InvalidInputException("Budget " + budget + " for strategy '" + name + "' is larger than its "
                        + "maxPool " + maxPool + " (the items it scores each round); raise maxPool or lower the budget.",
                        Setting.STRATEGY_OPTIONS);
            }
            if (maxPool < ids.length) {
                int[] subset = Shuffle.draw(ids.length, maxPool, random);
                Arrays.sort(subset); // ascending ids, so ties still break by the lower id
                ids = Rows.idsAt(ids, subset);
            }
        }
        float[] scores = strategy.scorer().isPresent() ? scores(strategy, outputs, ids, manager) : null;
        Selector selector = strategy.selector();
        int keep = selector.candidates(budget, ids.length);
        if (keep < budget || keep > ids.length) {
            throw new IllegalStateException("Strategy '" + name + "' keeps " + keep + " candidates of " + ids.length
                    + " for a budget of " + budget + "; it must keep between the two.");
        }
        if (keep < ids.length) {
            if (scores == null) {
                throw new IllegalStateException("Strategy '" + name + "' pre-filters by score but has no scorer.");
            }
            int[] top = ScoreRanking.topK(scores, keep);
            Arrays.sort(top);
            ids = Rows.idsAt(ids, top);
            scores = Rows.valuesAt(scores, top);
        }
        try (NDManager round = manager.newSubManager()) {
            RoundInputs inputs = roundInputs(strategy, outputs, ids, labeled, scores, random, round);
            return checked(name, selector.select(inputs, budget), ids, budget);
        }
    }

    /**
     * The score of every row, computed chunk by chunk.
     *
     * @param strategy a strategy with a scorer
     * @param outputs where the scorer's input comes from
     * @param ids the rows
     * @param manager the parent of the chunks' arrays
     * @return one finite score per row
     * @throws InvalidInputException if the strategy has no scorer
     * @throws ModelFailureException for NaN or infinite model outputs
     */
    public static float[] scores(QueryStrategy strategy, ModelOutputs outputs, long[] ids, NDManager manager) {
        Scorer scorer = strategy.scorer().orElseThrow(() -> new InvalidInputException("Strategy '" + strategy.name()
                + "' selects batches without one score per item; select with it instead."));
        Input input = scorer.input();
        requireProvided(strategy, Set.of(input), outputs);
        boolean probabilities = input instanceof Input.Probabilities || input instanceof Input.McProbabilities;
        try (NDManager scope = manager.newSubManager();
                ChunkMap reduction = scorer.open(outputs.device())) {
            Input streamed = passesInPlaceOfTheirMean(input, reduction, outputs) ? PASSES_AS_GIVEN : input;
            boolean mc = input instanceof Input.McProbabilities && outputs.computedByModel();
            boolean mark = probabilities && !reduction.marksNonFiniteRows();
            float[] scores = new float[ids.length];
            outputs.stream(streamed, ids, scope, (from, to, chunk) -> {
                if (mc && from == 0) {
                    requirePassesDiffer(strategy.name(), chunk);
                }
                NDArray score = RowReductions.checked(reduction.apply(chunk), to - from);
                // A NaN row becomes a NaN score, carried to the check below instead of hidden by the reduction.
                System.arraycopy((mark ? NonFinite.markRows(chunk, score) : score).toFloatArray(), 0, scores, from,
                        to - from);
            });
            requireFinite(strategy.name(), probabilities ? input.toString() : scorer.name() + " scores",
                    NonFinite.of(scores), ids, outputs);
            return scores;
        }
    }

    /**
     * Whether a map that averages MC passes itself is handed precomputed {@code (N, T, C)} passes
     * instead of their mean: one read of them, no mean computed and stored first.
     */
    private static boolean passesInPlaceOfTheirMean(Input input, ChunkMap reduction, ModelOutputs outputs) {
        return input instanceof Input.Probabilities && reduction.averagesPasses() && !outputs.computedByModel()
                && outputs.problem(PASSES_AS_GIVEN).isEmpty();
    }

    /** Fails with every input the outputs cannot provide, before anything is computed. */
    private static void requireProvided(QueryStrategy strategy, Set<Input> inputs, ModelOutputs outputs) {
        List<String> missing = inputs.stream().map(outputs::problem).flatMap(Optional::stream).distinct().sorted()
                .collect(Collectors.toList());
        if (!missing.isEmpty()) {
            throw new InvalidInputException("Strategy '" + strategy.name() + "' needs " + String.join("; and ", missing)
                    + ", which were not given.");
        }
    }

    private static RoundInputs roundInputs(QueryStrategy strategy, ModelOutputs outputs, long[] ids, long[] labeled,
            float[] scores, SplittableRandom random, NDManager round) {
        NDArray probabilities = null;
        NDArray mc = null;
        NDArray embeddings = null;
        NDArray labeledEmbeddings = null;
        for (Input input : strategy.selectionInputs()) {
            if (input instanceof Input.Probabilities) {
                probabilities = computed(strategy, outputs, input, ids, round, 2, "(N, C)");
            } else if (input instanceof Input.McProbabilities) {
                mc = computed(strategy, outputs, input, ids, round, 3, "(N, T, C)");
            } else if (input instanceof Input.Embeddings e && !e.labeled()) {
                embeddings = computed(strategy, outputs, input, ids, round, 2, "(N, d)");
            }
        }
        for (Input input : strategy.selectionInputs()) {
            if (input instanceof Input.Embeddings e && e.labeled()) {
                labeledEmbeddings = labeled.length == 0 && embeddings != null
                        ? round.zeros(new Shape(0, embeddings.getShape().get(1)), DataType.FLOAT32)
                        : computed(strategy, outputs, input, labeled, round, 2, "(L, d)");
                if (embeddings != null && labeledEmbeddings.getShape().get(1) != embeddings.getShape().get(1)) {
                    throw new InvalidInputException("Strategy '" + strategy.name() + "': labeled embeddings have width "
                            + labeledEmbeddings.getShape().get(1) + " but the pool's have " + embeddings.getShape().get(1)
                            + ".");
                }
            }
        }
        return new RoundInputs(ids, labeled, scores, probabilities, mc, embeddings, labeledEmbeddings, random, round);
    }

    /** One declared input over some rows, computed, shape-checked and checked for NaN and infinity. */
    private static NDArray computed(QueryStrategy strategy, ModelOutputs outputs, Input input, long[] ids, NDManager round,
            int rank, String layout) {
        NDArray array = input instanceof Input.Embeddings e && e.encoder() != null
                ? encoded(e.encoder(), outputs, ids, round)
                : outputs.whole(input, ids, round);
        SelectionChecks.requireShape(input.toString(), array, rank, ids.length, layout);
        requireFinite(strategy.name(), input.toString(), NonFinite.rowsOf(array), ids, outputs);
        if (input instanceof Input.McProbabilities && outputs.computedByModel()) {
            requirePassesDiffer(strategy.name(), array);
        }
        return array;
    }

    /**
     * Rejects a model's MC passes that are all the same: its dropout is not active at inference, and
     * every MC score would be that of one deterministic pass.
     */
    private static void requirePassesDiffer(String strategy, NDArray mc) {
        if (mc.getShape().get(0) == 0 || mc.getShape().get(1) < 2) {
            return;
        }
        try (NDManager scope = mc.getManager().newSubManager()) {
            scope.tempAttachAll(mc);
            if (mc.max(new int[] {1}).sub(mc.min(new int[] {1})).max().getFloat() == 0f) {
                throw new ModelFailureException("Strategy '" + strategy + "': the model's " + mc.getShape().get(1)
                        + " MC-dropout passes are identical for every item, so its dropout is not active at inference; "
                        + "put McDropout blocks (rate > 0) in the network, or give a TorchScript module a working set_mc.");
            }
        }
    }

    /** Embeddings an encoder computes from the items, chunk by chunk. */
    private static NDArray encoded(Encoder encoder, ModelOutputs outputs, long[] ids, NDManager round) {
        NDArray[] out = new NDArray[1];
        try (NDManager scope = round.newSubManager(); ChunkMap map = encoder.open(outputs.device())) {
            outputs.stream(Input.items(), ids, scope, (from, to, chunk) -> {
                NDArray code = map.apply(chunk);
                if (out[0] == null) {
                    // The width is known from the first chunk; the result must outlive that chunk's scope.
                    out[0] = round.zeros(new Shape(ids.length, code.getShape().get(1)), DataType.FLOAT32);
                    NDScope.unregister(out[0]);
                }
                out[0].set(new NDIndex(from + ":" + to), code);
            });
        }
        return out[0] != null ? out[0] : round.zeros(new Shape(0, 0), DataType.FLOAT32);
    }

    private static void requireFinite(String strategy, String what, NonFinite bad, long[] ids, ModelOutputs outputs) {
        if (bad.none()) {
            return;
        }
        String problem = "Strategy '" + strategy + "': " + bad.describe(what, ids);
        if (outputs.computedByModel()) {
            throw new ModelFailureException(problem + "; the model's outputs are invalid (did training diverge? try a "
                    + "lower learning rate).");
        }
        throw new InvalidInputException(problem + "; check the inputs.");
    }

    /** The runner's tie rule and its id lookups rely on ascending ids; a library caller may pass others. */
    private static void requireAscending(String which, long[] ids) {
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] <= ids[i - 1]) {
                throw new InvalidInputException("The " + which + " ids must be distinct and ascending; id " + ids[i]
                        + " follows " + ids[i - 1] + ".");
            }
        }
    }

    private static Selection checked(String strategy, Selection selection, long[] ids, int budget) {
        if (selection.size() != budget) {
            throw new IllegalStateException("Strategy '" + strategy + "' returned " + selection.size() + " items for a "
                    + "budget of " + budget + ".");
        }
        for (long id : selection.ids()) {
            if (Arrays.binarySearch(ids, id) < 0) {
                throw new IllegalStateException("Strategy '" + strategy + "' returned item " + id + ", which is not one of "
                        + "the unlabeled items it was given.");
            }
        }
        return selection;
    }
}
