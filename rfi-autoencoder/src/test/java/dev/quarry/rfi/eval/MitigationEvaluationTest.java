package dev.quarry.rfi.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.rfi.detect.SmapDetectors;
import dev.quarry.rfi.sim.Footprint;
import dev.quarry.rfi.sim.FootprintSet;
import dev.quarry.rfi.sim.Radiometer;
import dev.quarry.rfi.sim.RadiometerSimulator;
import dev.quarry.rfi.sim.SimulationMode;
import dev.quarry.rfi.sim.SimulatorConfig;

import java.util.List;

import org.junit.jupiter.api.Test;

class MitigationEvaluationTest {

    private static final List<Footprint> FOOTPRINTS = new RadiometerSimulator(SimulatorConfig.defaults(4)
            .withInr(-30, 10).withSources(SimulatorConfig.defaults(4).types(), 1, 0.1)).footprints(0, 400,
                    dev.quarry.engine.progress.ProgressReporter.SILENT);

    @Test
    void cellCountsGiveTheTextbookRatios() {
        CellCounts c = CellCounts.of(new boolean[] {true, true, true, false, false, false, false, false},
                new boolean[] {true, true, false, true, false, false, false, false});
        assertEquals(new CellCounts(2, 1, 1, 4), c);
        assertEquals(2.0 / 3, c.precision(), 1e-12);
        assertEquals(2.0 / 3, c.recall(), 1e-12);
        assertEquals(2.0 / 3, c.f1(), 1e-12);
        assertEquals(1.0 / 5, c.falseAlarmRate(), 1e-12);
        assertEquals(5.0 / 8, c.retained(), 1e-12);
        assertTrue(Double.isNaN(CellCounts.NONE.precision()));
    }

    @Test
    void inrBinsAreFiveDecibelsWideWithCleanApart() {
        assertEquals("clean", InrBin.of(Double.NEGATIVE_INFINITY).toString());
        assertEquals("[-30,-25)", InrBin.of(-30).toString());
        assertEquals("[-15,-10)", InrBin.of(-10.0001).toString());
        assertEquals("[-10,-5)", InrBin.of(-10).toString());
        assertEquals("[5,10)", InrBin.of(13).toString());
        assertEquals(9, InrBin.all().size());
    }

    @Test
    void errorStatsSkipLostEstimates() {
        ErrorStats e = ErrorStats.of(new double[] {1, -1, 3, Double.NaN});
        assertEquals(3, e.count());
        assertEquals(1, e.bias(), 1e-12);
        assertEquals(Math.sqrt(11.0 / 3), e.rmse(), 1e-12);
        assertEquals(1.0 / 3, e.residualOver2K(), 1e-12);
    }

    @Test
    void aPerfectMitigatorMatchesTheTruthAndNeverFlagsWhileNoMitigationCarriesTheRfi() {
        float[] cells = FootprintSet.of(FOOTPRINTS).cells();
        float[] perfect = FootprintSet.of(FOOTPRINTS).cleanCells();
        List<FootprintOutcome> outcomes = MitigationEvaluation.evaluate(FOOTPRINTS,
                SmapDetectors.forMode(SimulationMode.FAST, 3), perfect, 0.5);
        for (int f = 0; f < FOOTPRINTS.size(); f++) {
            Footprint footprint = FOOTPRINTS.get(f);
            FootprintOutcome o = outcomes.get(f);
            for (int p = 0; p < 2; p++) {
                double clean = 0;
                double rfi = 0;
                for (int i = 0; i < Radiometer.CELLS_PER_POLARIZATION; i++) {
                    int cell = p * Radiometer.CELLS_PER_POLARIZATION + i;
                    clean += perfect[f * Radiometer.CELLS + cell];
                    rfi += footprint.rfiCells()[cell];
                }
                assertEquals(clean / Radiometer.CELLS_PER_POLARIZATION, o.estimate(Method.AUTOENCODER, p), 1e-3);
                double meanRfi = rfi / Radiometer.CELLS_PER_POLARIZATION;
                assertEquals(o.estimate(Method.AUTOENCODER, p) + meanRfi, o.estimate(Method.NONE, p),
                        0.05 * meanRfi + 0.01);
            }
            // the perfect residual is the RFI times the cell's gain noise (1 ± 2.4 %): flagged above 0.5 K,
            // so the only disagreements with the 1 K truth are cells holding 0.5–1 K
            assertEquals(countSmallRfi(footprint), o.autoencoder().falseNegatives() + o.autoencoder().falsePositives(),
                    countNear(footprint));
        }
        MitigationSummary summary = MitigationSummary.of(outcomes);
        SummaryRow loud = summary.row(MitigationSummary.ALL, InrBin.of(7));
        assertTrue(loud.errors().get(Method.NONE).rmse() > 100, "strong RFI biases the unmitigated mean");
        assertTrue(loud.errors().get(Method.AUTOENCODER).rmse() < 2, "the truth without RFI is within the noise");
        assertTrue(summary.markdown().contains("| [5,10) |"));
        assertTrue(summary.goals().contains("[-30,-25) dB: autoencoder RMSE"));
        assertEquals(cells.length, perfect.length);
    }

    @Test
    void theResidualThresholdFlagsTheRequestedShareOfCleanCells() {
        float[] clean = new float[1000];
        float[] output = new float[1000];
        for (int i = 0; i < clean.length; i++) {
            clean[i] = i;
        }
        assertEquals(949, MitigationEvaluation.residualThreshold(clean, output, 0.05), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> MitigationEvaluation.residualThreshold(clean, output, 0));
        assertThrows(IllegalArgumentException.class,
                () -> MitigationEvaluation.residualThreshold(clean, new float[3], 0.05));
        assertThrows(IllegalArgumentException.class, () -> MitigationEvaluation.evaluate(FOOTPRINTS,
                SmapDetectors.forMode(SimulationMode.FAST, 3), new float[5], 1));
    }

    /** Cells whose RFI lies between the 0.5 K residual threshold and the 1 K contamination line. */
    private static long countSmallRfi(Footprint footprint) {
        long n = 0;
        for (float r : footprint.rfiCells()) {
            n += r > 0.5 && r <= 1 ? 1 : 0;
        }
        return n;
    }

    /** Cells so close to either line that the gain noise may put them on the other side. */
    private static long countNear(Footprint footprint) {
        long n = 0;
        for (float r : footprint.rfiCells()) {
            n += Math.abs(r - 0.5) < 0.1 || Math.abs(r - 1) < 0.15 ? 1 : 0;
        }
        return n;
    }
}
