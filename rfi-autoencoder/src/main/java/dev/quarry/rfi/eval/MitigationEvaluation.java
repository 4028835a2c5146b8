package dev.quarry.rfi.eval;

import dev.quarry.rfi.detect.FlagAndDiscard;
import dev.quarry.rfi.detect.SmapDetectors;
import dev.quarry.rfi.sim.Footprint;
import dev.quarry.rfi.sim.Radiometer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs every method on test footprints and records the outcome per footprint: SMAP-like flags and
 * flag-and-discard, the oracle mask, the autoencoder's output, and the autoencoder's residual
 * ({@code measured − output}) as a detector at a threshold set on clean footprints.
 */
public final class MitigationEvaluation {

    private MitigationEvaluation() {}

    /**
     * The residual threshold that flags a given fraction of clean cells.
     *
     * @param clean clean footprints' measured cells, {@code n × 256}
     * @param mitigated the autoencoder's output for them
     * @param falseAlarmRate target fraction, in (0, 1)
     * @return the threshold, K
     */
    public static double residualThreshold(float[] clean, float[] mitigated, double falseAlarmRate) {
        if (clean.length == 0 || clean.length != mitigated.length) {
            throw new IllegalArgumentException("Residual threshold needs clean cells and their outputs of equal length;"
                    + " got " + clean.length + " and " + mitigated.length + ".");
        }
        if (!(falseAlarmRate > 0 && falseAlarmRate < 1)) {
            throw new IllegalArgumentException("False-alarm rate " + falseAlarmRate + " must be in (0, 1).");
        }
        double[] residual = new double[clean.length];
        for (int i = 0; i < residual.length; i++) {
            residual[i] = clean[i] - mitigated[i];
        }
        Arrays.sort(residual);
        int index = (int) Math.min(residual.length - 1, Math.ceil((1 - falseAlarmRate) * residual.length) - 1);
        return residual[Math.max(0, index)];
    }

    /**
     * Evaluates footprints.
     *
     * @param footprints the test footprints
     * @param detectors the tuned SMAP-like detectors
     * @param mitigated the autoencoder's output cells, aligned with {@code footprints}
     * @param residualThreshold the autoencoder detector's threshold, K
     * @return one outcome per footprint
     */
    public static List<FootprintOutcome> evaluate(List<Footprint> footprints, SmapDetectors detectors, float[] mitigated,
            double residualThreshold) {
        if (mitigated.length != footprints.size() * Radiometer.CELLS) {
            throw new IllegalArgumentException("Autoencoder output has " + mitigated.length + " cells for "
                    + footprints.size() + " footprints of " + Radiometer.CELLS + ".");
        }
        List<FootprintOutcome> out = new ArrayList<>(footprints.size());
        for (int f = 0; f < footprints.size(); f++) {
            Footprint footprint = footprints.get(f);
            boolean[] truth = footprint.contaminated();
            boolean[] smapFlags = detectors.flag(footprint).flagged();
            boolean[] aeFlags = new boolean[Radiometer.CELLS];
            int offset = f * Radiometer.CELLS;
            for (int i = 0; i < Radiometer.CELLS; i++) {
                aeFlags[i] = footprint.cells()[i] - mitigated[offset + i] > residualThreshold;
            }
            double[] estimates = new double[Method.values().length * 2];
            double[] discard = FlagAndDiscard.estimate(footprint, smapFlags);
            double[] oracle = FlagAndDiscard.estimate(footprint, truth);
            for (int p = 0; p < 2; p++) {
                double all = 0;
                double ae = 0;
                for (int i = p * Radiometer.CELLS_PER_POLARIZATION; i < (p + 1) * Radiometer.CELLS_PER_POLARIZATION; i++) {
                    all += footprint.cells()[i];
                    ae += mitigated[offset + i];
                }
                estimates[Method.NONE.ordinal() * 2 + p] = all / Radiometer.CELLS_PER_POLARIZATION;
                estimates[Method.FLAG_AND_DISCARD.ordinal() * 2 + p] = discard[p];
                estimates[Method.ORACLE_MASK.ordinal() * 2 + p] = oracle[p];
                estimates[Method.AUTOENCODER.ordinal() * 2 + p] = ae / Radiometer.CELLS_PER_POLARIZATION;
            }
            out.add(new FootprintOutcome(footprint.label(), InrBin.of(footprint.inrDb()), footprint.sceneKelvin(),
                    footprint.systemKelvin() / Math.sqrt(Radiometer.FOOTPRINT_BANDWIDTH_TIME), estimates, CellCounts.of(smapFlags, truth), CellCounts.of(aeFlags, truth)));
        }
        return out;
    }
}
