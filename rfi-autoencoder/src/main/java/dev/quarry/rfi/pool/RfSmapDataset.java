package dev.quarry.rfi.pool;

import ai.djl.ndarray.NDArray;

import dev.quarry.engine.data.DatasetProvider;
import dev.quarry.engine.data.DatasetSpec;
import dev.quarry.engine.data.ExperimentData;
import dev.quarry.engine.data.HostArray;
import dev.quarry.engine.data.ArrayDataset;
import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.loop.Seeds;
import dev.quarry.engine.progress.ProgressReporter;
import dev.quarry.rfi.sim.Footprint;
import dev.quarry.rfi.sim.Radiometer;
import dev.quarry.rfi.sim.RadiometerSimulator;
import dev.quarry.rfi.sim.RfiType;
import dev.quarry.rfi.sim.SimulatorConfig;

import java.util.List;

/**
 * {@code --dataset rf-smap}: simulated SMAP-like footprints as an image-like pool for the active
 * learning loop. Each item is one fast-mode footprint, {@code 2 × 16 × 8}, labeled by the simulated
 * oracle with its class: {@code clean} or the type of its single interferer ({@code 5g}, {@code pulsed},
 * {@code cw}, {@code chirp}); 20 % are clean and the INR is uniform over −20…+10 dB (below that an
 * interferer is hidden in the noise and its label would be a coin flip). The classifier sees
 * {@code asinh((T − 200 K) / 100 K)} per cell: linear around the scene, logarithmic for strong RFI.
 * Pool and test footprints come from disjoint index ranges of one seeded simulator; the default sizes
 * are 10 000 and 2 000 ({@code --pool-size}, {@code --test-size}).
 */
public final class RfSmapDataset implements DatasetProvider {

    /** The dataset name. */
    public static final String NAME = "rf-smap";
    /** The classes, in label order. */
    public static final List<String> CLASSES = List.of("clean", RfiType.FIVE_G.id(), RfiType.PULSED.id(),
            RfiType.CW.id(), RfiType.CHIRP.id());

    static final int DEFAULT_POOL = 10_000;
    static final int DEFAULT_TEST = 2_000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ExperimentData load(DatasetSpec spec) {
        int pool = spec.poolSize() > 0 ? spec.poolSize() : DEFAULT_POOL;
        int test = spec.testSize() > 0 ? spec.testSize() : DEFAULT_TEST;
        RadiometerSimulator simulator = new RadiometerSimulator(SimulatorConfig.defaults(
                Seeds.derive(spec.splitSeed(), 0, NAME)).withInr(-20, 10).withSources(List.of(RfiType.values()), 1, 0.2));
        return new ExperimentData(dataset(NAME + "-pool", simulator.footprints(0, pool, ProgressReporter.SILENT)),
                dataset(NAME + "-test", simulator.footprints(pool, test, ProgressReporter.SILENT)));
    }

    /**
     * Footprints as a labeled dataset of {@code (2, 16, 8)} float features.
     *
     * @param name the dataset's name
     * @param footprints the footprints
     * @return the dataset
     */
    public static ArrayDataset dataset(String name, List<Footprint> footprints) {
        float[] features = new float[footprints.size() * Radiometer.CELLS];
        int[] labels = new int[footprints.size()];
        for (int f = 0; f < footprints.size(); f++) {
            Footprint footprint = footprints.get(f);
            float[] cells = footprint.cells();
            for (int i = 0; i < Radiometer.CELLS; i++) {
                features[f * Radiometer.CELLS + i] = (float) asinh((cells[i] - 200.0) / 100.0);
            }
            labels[f] = CLASSES.indexOf(footprint.label());
        }
        HostArray images = HostArray.ofFloats(features, footprints.size(), Radiometer.POLARIZATIONS, Radiometer.CHANNELS,
                Radiometer.PACKETS);
        return ArrayDataset.of(name, images, labels, CLASSES);
    }

    /**
     * The temperatures behind rf-smap features: {@code T = 200 K + 100 K · sinh(x)}, the exact inverse
     * of the compression.
     *
     * @param items a chunk of footprints as {@link #dataset} made them, {@code (n, 2, 16, 8)}
     * @return cells in kelvin, {@code n × 256}
     * @throws InvalidInputException when the items are not {@code (n, 2, 16, 8)} footprints
     */
    public static float[] kelvin(NDArray items) {
        long[] shape = items.getShape().getShape();
        if (shape.length != 4 || shape[1] != Radiometer.POLARIZATIONS || shape[2] != Radiometer.CHANNELS
                || shape[3] != Radiometer.PACKETS) {
            throw new InvalidInputException("Items of shape " + items.getShape() + " are not the (2, 16, 8) float "
                    + "footprints of the " + NAME + " dataset.");
        }
        float[] out = items.toFloatArray();
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (200.0 + 100.0 * Math.sinh(out[i]));
        }
        return out;
    }

    private static double asinh(double x) {
        return Math.signum(x) * Math.log(Math.abs(x) + Math.sqrt(x * x + 1));
    }
}
