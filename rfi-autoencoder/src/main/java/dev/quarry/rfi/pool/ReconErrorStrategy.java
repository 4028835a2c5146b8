package dev.quarry.rfi.pool;

import dev.quarry.engine.strategy.QueryContext;
import dev.quarry.engine.strategy.Requirement;
import dev.quarry.engine.strategy.ScoreRanking;
import dev.quarry.engine.strategy.ScoringStrategy;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.SelectionChecks;
import dev.quarry.rfi.ae.RfiAutoencoder;
import dev.quarry.rfi.sim.Radiometer;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code recon-error}: queries the rf-smap footprints the mitigating autoencoder changes most, scored
 * by the mean squared difference between each footprint and the autoencoder's output (K²): the
 * footprints it believes hold the most RFI, a label-free signal that needs no classifier. Loads the
 * autoencoder {@code quarry rfi train} saved (option {@code model}) for each selection and closes it
 * after.
 */
public final class ReconErrorStrategy implements ScoringStrategy {

    /** The registry name. */
    public static final String NAME = "recon-error";

    private final Path model;

    /**
     * The strategy.
     *
     * @param model the directory the autoencoder was saved in
     */
    public ReconErrorStrategy(Path model) {
        this.model = model;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Requirement> requirements() {
        return EnumSet.of(Requirement.ITEMS);
    }

    @Override
    public float[] scores(QueryContext context) {
        float[] cells = RfSmapDataset.kelvin(context.unlabeledItems());
        float[] output;
        try (RfiAutoencoder autoencoder = SavedAutoencoder.open(NAME, model, context.device())) {
            output = autoencoder.mitigate(cells);
        }
        int n = cells.length / Radiometer.CELLS;
        float[] scores = new float[n];
        for (int f = 0; f < n; f++) {
            double sum = 0;
            for (int i = f * Radiometer.CELLS; i < (f + 1) * Radiometer.CELLS; i++) {
                double r = cells[i] - output[i];
                sum += r * r;
            }
            scores[f] = (float) (sum / Radiometer.CELLS);
        }
        return scores;
    }

    @Override
    public Selection select(QueryContext context, int budget) {
        long[] ids = context.unlabeledIds();
        SelectionChecks.requireBudget(NAME, budget, ids.length);
        return ScoreRanking.selectTop(NAME, ids, scores(context), budget);
    }

    @Override
    public String toString() {
        return "ReconErrorStrategy{model=" + model + "}";
    }
}
