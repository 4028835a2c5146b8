package dev.quarry.engine.strategy;

import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.errors.Setting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * TAILOR: Thompson sampling over candidate strategies with a reward for class-diverse labels.
 * Each candidate (arm) {@code i} has, per class {@code k}, a Beta posterior over the chance that an
 * item it picks has class {@code k}: {@code Beta(prior + n_ik, prior + n_i - n_ik)}, where {@code
 * n_i} counts the labeled items the arm picked in earlier rounds and {@code n_ik} those of class
 * {@code k}. A round weighs the classes by the class-diversity reward {@code v_k = 1 / max(1,
 * COUNT(k))}, {@code COUNT(k)} the labeled items of class {@code k} so far, so rare classes are
 * worth most. Each of the B slots of the batch draws {@code θ_ik ~ Beta} for every arm and goes to
 * the arm with the largest {@code Σ_k v_k θ_ik} (ties: the earlier candidate); the arm fills it with
 * the next item of its own batch that no slot took yet.
 *
 * <p>Each pick's score is the index of the candidate that chose it; the next rounds read the
 * posterior back from those scores and the labels ({@link SelectionHistory}), so the selector keeps
 * no state and a resumed run makes the same draws.
 *
 * <h2>References</h2>
 * Zhang, Shao, Verma, Nowak, "Algorithm Selection for Deep Active Learning with Imbalanced
 * Datasets", NeurIPS 2023.
 */
public final class TailorSelector implements Selector, MetaSelector {

    /** The registry name. */
    public static final String NAME = "tailor";

    private final List<QueryStrategy> candidates;
    private final double prior;

    /**
     * A TAILOR selector.
     *
     * @param candidates the strategies it chooses among (at least 2, distinct names)
     * @param prior the Beta prior's pseudo-counts, > 0
     */
    public TailorSelector(List<QueryStrategy> candidates, double prior) {
        this.candidates = List.copyOf(candidates);
        if (this.candidates.size() < 2 || this.candidates.stream().map(QueryStrategy::name).distinct().count()
                != this.candidates.size()) {
            throw new IllegalArgumentException("TAILOR chooses among at least 2 strategies with distinct names; got "
                    + this.candidates + ".");
        }
        if (!(prior > 0) || !Double.isFinite(prior)) {
            throw new IllegalArgumentException("The prior " + prior + " must be a finite number > 0.");
        }
        this.prior = prior;
    }

    /**
     * Builds {@code tailor} from its options, resolving the candidates in the registry.
     *
     * @param options the options
     * @return the strategy
     */
    static QueryStrategy create(TailorOptions options) {
        List<QueryStrategy> arms = new ArrayList<>();
        for (String name : options.names()) {
            String prefix = name + ".";
            Map<String, String> own = new TreeMap<>();
            options.candidateOptions().forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    own.put(k.substring(prefix.length()), v);
                }
            });
            arms.add(Strategies.get(name, own));
        }
        for (String key : options.candidateOptions().keySet()) {
            if (options.names().stream().noneMatch(n -> key.startsWith(n + "."))) {
                throw new InvalidInputException("Option candidates." + key + " of strategy 'tailor' names no candidate; "
                        + "write candidates.<candidate>.<option> for one of " + options.names() + ".",
                        Setting.STRATEGY_OPTIONS);
            }
        }
        return QueryStrategy.of(NAME, new TailorSelector(arms, options.prior()));
    }

    @Override
    public List<QueryStrategy> candidates() {
        return candidates;
    }

    @Override
    public Set<Input> inputs() {
        return Set.of();
    }

    @Override
    public Optional<MetaSelector> meta() {
        return Optional.of(this);
    }

    /** Refuses: without the run's labels there is nothing to learn the choice from. */
    @Override
    public Selection select(RoundInputs round, int budget) {
        throw new InvalidInputException("Strategy 'tailor' chooses among its candidates from the labels earlier rounds "
                + "got back, so it runs inside a run (quarry run or compare), not on given model outputs; select with "
                + "one of its candidates here.", Setting.STRATEGY);
    }

    @Override
    public Selection combine(List<Selection> batches, SelectionHistory history, int budget, SplittableRandom random) {
        int arms = candidates.size();
        if (batches.size() != arms) {
            throw new IllegalArgumentException(arms + " candidates but " + batches.size() + " batches.");
        }
        int classes = history.numClasses();
        double[][] alpha = new double[arms][classes];
        double[][] beta = new double[arms][classes];
        for (double[] row : alpha) {
            Arrays.fill(row, prior);
        }
        for (double[] row : beta) {
            Arrays.fill(row, prior);
        }
        LongFunction<OptionalInt> labelOf = history.labelOf();
        for (Selection earlier : history.selections()) {
            float[] chosenBy = earlier.scores();
            for (int j = 0; j < earlier.size() && chosenBy.length > 0; j++) {
                int arm = (int) chosenBy[j];
                OptionalInt label = labelOf.apply(earlier.ids()[j]);
                if (arm < 0 || arm >= arms || arm != chosenBy[j] || label.isEmpty()) {
                    continue; // not labeled yet (people still answering), or not one of this run's picks
                }
                for (int k = 0; k < classes; k++) {
                    if (k == label.getAsInt()) {
                        alpha[arm][k]++;
                    } else {
                        beta[arm][k]++;
                    }
                }
            }
        }
        double[] weights = diversityWeights(history.classCounts());
        long[] picked = new long[budget];
        float[] chosenBy = new float[budget];
        int[] next = new int[arms];
        Set<Long> taken = new HashSet<>();
        for (int slot = 0; slot < budget; slot++) {
            int arm = draw(alpha, beta, weights, random);
            long[] own = batches.get(arm).ids();
            while (next[arm] < own.length && taken.contains(own[next[arm]])) {
                next[arm]++;
            }
            if (next[arm] == own.length) {
                throw new IllegalStateException("Candidate '" + candidates.get(arm).name() + "' returned "
                        + own.length + " items for a budget of " + budget + ".");
            }
            picked[slot] = own[next[arm]];
            taken.add(own[next[arm]]);
            chosenBy[slot] = arm;
        }
        return new Selection(picked, chosenBy);
    }

    /** The class-diversity reward's class weights, {@code 1 / max(1, COUNT(k))}. */
    static double[] diversityWeights(int[] counts) {
        double[] v = new double[counts.length];
        for (int k = 0; k < counts.length; k++) {
            v[k] = 1.0 / Math.max(1, counts[k]);
        }
        return v;
    }

    private static int draw(double[][] alpha, double[][] beta, double[] weights, SplittableRandom random) {
        int best = 0;
        double bestReward = Double.NEGATIVE_INFINITY;
        for (int arm = 0; arm < alpha.length; arm++) {
            double reward = 0;
            for (int k = 0; k < weights.length; k++) {
                reward += weights[k] * BetaSampling.draw(alpha[arm][k], beta[arm][k], random);
            }
            if (reward > bestReward) {
                bestReward = reward;
                best = arm;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return NAME + candidates.stream().map(QueryStrategy::toString).toList();
    }
}
