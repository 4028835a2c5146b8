package dev.quarry.rfi.pool;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;

import dev.quarry.engine.strategy.ChunkMap;
import dev.quarry.engine.strategy.Input;
import dev.quarry.engine.strategy.Scorer;
import dev.quarry.rfi.ae.RfiAutoencoder;
import dev.quarry.rfi.sim.Radiometer;

import java.nio.file.Path;

/**
 * {@code recon-error}: scores each rf-smap footprint by the mean squared difference between it and
 * the mitigating autoencoder's output (K²): the footprints the autoencoder believes hold the most
 * RFI, a label-free signal that needs no classifier. It reads the items themselves; the autoencoder
 * {@code quarry rfi train} saved is loaded once per round and closed after it.
 */
public final class ReconErrorScorer implements Scorer {

    /** The registry name. */
    public static final String NAME = "recon-error";

    private final Path model;

    /**
     * The scorer.
     *
     * @param model the directory the autoencoder was saved in
     */
    public ReconErrorScorer(Path model) {
        this.model = model;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Input input() {
        return Input.items();
    }

    @Override
    public ChunkMap open(Device device) {
        return SavedAutoencoder.map(NAME, model, device, ReconErrorScorer::meanSquaredChange);
    }

    /** Each footprint's mean squared difference from the autoencoder's output, K². */
    private static NDArray meanSquaredChange(RfiAutoencoder autoencoder, NDArray items) {
        float[] cells = RfSmapDataset.kelvin(items);
        float[] output = autoencoder.mitigate(cells);
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
        return items.getManager().create(scores);
    }

    @Override
    public String toString() {
        return "mean squared reconstruction error of the autoencoder in " + model;
    }
}
