package dev.quarry.rfi.sim;

import dev.quarry.engine.progress.ProgressReporter;

import java.util.List;

/**
 * Many footprints as flat arrays, the form training and batched inference read: the measured cells,
 * the RFI ground truth per cell, and each footprint's scene temperature, label and combined INR.
 * Row {@code i} spans {@code [i · CELLS, (i + 1) · CELLS)}.
 *
 * @param cells measured cells, K
 * @param rfiCells RFI power per cell, K
 * @param sceneKelvin true brightness temperature per footprint
 * @param systemKelvin Tsys per footprint (scene + receiver)
 * @param labels class per footprint ({@code clean} or the dominant RFI type)
 * @param inrDb combined INR per footprint, negative infinity when clean
 */
public record FootprintSet(float[] cells, float[] rfiCells, double[] sceneKelvin, double[] systemKelvin, String[] labels,
        double[] inrDb) {

    /** Checks the sizes agree. */
    public FootprintSet {
        int n = sceneKelvin.length;
        if (cells.length != (long) n * Radiometer.CELLS || rfiCells.length != cells.length || labels.length != n
                || inrDb.length != n || systemKelvin.length != n) {
            throw new IllegalArgumentException("Footprint set arrays disagree: " + n + " footprints but "
                    + cells.length + " cells, " + rfiCells.length + " truth cells, " + labels.length + " labels.");
        }
    }

    /** @return the number of footprints */
    public int size() {
        return sceneKelvin.length;
    }

    /**
     * Collects footprints.
     *
     * @param footprints the footprints
     * @return their arrays
     */
    public static FootprintSet of(List<Footprint> footprints) {
        int n = footprints.size();
        float[] cells = new float[n * Radiometer.CELLS];
        float[] rfi = new float[cells.length];
        double[] scene = new double[n];
        double[] system = new double[n];
        String[] labels = new String[n];
        double[] inr = new double[n];
        for (int i = 0; i < n; i++) {
            Footprint f = footprints.get(i);
            System.arraycopy(f.cells(), 0, cells, i * Radiometer.CELLS, Radiometer.CELLS);
            System.arraycopy(f.rfiCells(), 0, rfi, i * Radiometer.CELLS, Radiometer.CELLS);
            scene[i] = f.sceneKelvin();
            system[i] = f.systemKelvin();
            labels[i] = f.label();
            inr[i] = f.inrDb();
        }
        return new FootprintSet(cells, rfi, scene, system, labels, inr);
    }

    /**
     * Simulates footprints {@code from … from + count − 1} on all cores; the result does not depend on
     * the number of threads.
     *
     * @param simulator the simulator
     * @param from first index
     * @param count how many
     * @param progress where progress goes
     * @return the set
     */
    public static FootprintSet simulate(RadiometerSimulator simulator, int from, int count, ProgressReporter progress) {
        return of(simulator.footprints(from, count, progress));
    }

    /**
     * The training target: each footprint as measured without its RFI, same noise
     * ({@link Footprint#cleanCells()}).
     *
     * @return per cell, K
     */
    public float[] cleanCells() {
        float[] out = new float[cells.length];
        for (int i = 0; i < out.length; i++) {
            int f = i / Radiometer.CELLS;
            double receiver = systemKelvin[f] - sceneKelvin[f];
            out[i] = (float) Footprint.clean(cells[i], rfiCells[i], systemKelvin[f], receiver);
        }
        return out;
    }
}
