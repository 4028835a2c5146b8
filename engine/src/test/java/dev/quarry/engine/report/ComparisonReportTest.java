package dev.quarry.engine.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.engine.loop.RoundRecord;
import dev.quarry.engine.loop.RunResult;
import dev.quarry.engine.metrics.ClassificationMetrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonReportTest {

    @TempDir
    Path dir;

    private static RunResult run(double... accuracies) {
        List<RoundRecord> rounds = new ArrayList<>();
        for (int i = 0; i < accuracies.length; i++) {
            rounds.add(new RoundRecord(i + 1, 100 * (i + 1), Optional.of(new ClassificationMetrics(accuracies[i], 1, 0.1)), 0.5, 1,
                    1, new long[0], new float[0]));
        }
        return new RunResult(rounds, true);
    }

    @Test
    void givenTwoSeedsPerStrategy_thenMeansSampleDeviationsAndFilesAreRight() throws IOException {
        Map<String, Map<Long, RunResult>> runs = new LinkedHashMap<>();
        runs.put("random", new LinkedHashMap<>(Map.of(1L, run(0.5, 0.6), 2L, run(0.7, 0.8))));
        runs.put("margin", new LinkedHashMap<>(Map.of(1L, run(0.6, 0.9))));
        ComparisonReport report = ComparisonReport.write(dir, "test", runs);

        ComparisonReport.StrategySummary random = report.strategies().get(0);
        assertEquals(2, random.seeds());
        assertEquals((0.55 + 0.75) / 2, random.meanAubc(), 1e-12);
        assertEquals(Math.sqrt(2 * 0.1 * 0.1), random.stdAubc(), 1e-12, "sample sd of 0.55 and 0.75");
        assertArrayEquals(new double[] {100, 200}, random.labeled());
        assertArrayEquals(new double[] {0.6, 0.7}, random.meanAccuracy(), 1e-12);
        assertEquals(0, report.strategies().get(1).stdAubc(), "one seed: no spread");

        String table = Files.readString(dir.resolve(ComparisonReport.SUMMARY_MD));
        assertTrue(table.indexOf("| margin |") < table.indexOf("| random |"), "best AUBC first: " + table);
        assertEquals(4, Files.readAllLines(dir.resolve(ComparisonReport.RUNS_CSV)).size());
        assertTrue(Files.size(dir.resolve(ComparisonReport.CHART_PNG)) > 1000);
    }

    @Test
    void givenRandomAmongTheStrategies_thenLabelsToReachEachAccuracyAndTheSavingPairedBySeedAreReported()
            throws IOException {
        Map<String, Map<Long, RunResult>> runs = new LinkedHashMap<>();
        runs.put("random", new LinkedHashMap<>(Map.of(1L, run(0.50, 0.60, 0.70), 2L, run(0.50, 0.62, 0.74))));
        runs.put("margin", new LinkedHashMap<>(Map.of(1L, run(0.66, 0.75, 0.80), 2L, run(0.55, 0.70, 0.78))));
        LabelsSaved saved = ComparisonReport.write(dir, "test", runs).labelsSaved();

        // Random's mean final accuracy is 0.72; the two multiples of 0.05 below it are 0.70 and 0.65.
        assertEquals(List.of("random-final", "0.70", "0.65"), saved.targets().stream().map(LabelsSaved.Target::name)
                .toList());
        assertEquals(0.72, saved.targets().get(0).accuracy(), 1e-12);
        LabelsSaved.Cell randomFinal = saved.rows().get(0).cells().get(0);
        assertEquals(1, randomFinal.reached(), "seed 1 of random ends at 0.70 < 0.72");
        assertEquals(200 + 100 * 0.10 / 0.12, randomFinal.meanLabels(), 1e-9);
        // Margin to 0.70: seed 1 at 100 + 100 * 0.04 / 0.09, seed 2 exactly at its second round (200); random needed
        // 300 and 200 + 100 * 0.08 / 0.12: savings 51.9 % and 25 %.
        LabelsSaved.Cell margin70 = saved.rows().get(1).cells().get(1);
        double s1 = 100 * (1 - (100 + 100 * 0.04 / 0.09) / 300);
        double s2 = 100 * (1 - 200 / (200 + 100 * 0.08 / 0.12));
        assertEquals(2, margin70.paired());
        assertEquals((s1 + s2) / 2, margin70.meanSavingPercent(), 1e-9);
        assertEquals(Math.abs(s1 - s2) / Math.sqrt(2), margin70.stdSavingPercent(), 1e-9);
        // To 0.72 only seed 2 pairs: random's seed 1 never got there.
        LabelsSaved.Cell marginFinal = saved.rows().get(1).cells().get(0);
        assertEquals(1, marginFinal.paired());
        assertEquals(100 * (1 - 225 / (200 + 100 * 0.10 / 0.12)), marginFinal.meanSavingPercent(), 1e-9);
        // To 0.65 margin's seed 1 was there from its first round: an upper bound.
        assertTrue(saved.rows().get(1).cells().get(2).atMost());

        String md = Files.readString(dir.resolve(ComparisonReport.SUMMARY_MD));
        assertTrue(md.contains("| random | 283 (1/2 seeds) |"), md);
        assertTrue(md.contains(String.format(Locale.ROOT, "saves %.1f ± %.1f %%", (s1 + s2) / 2,
                Math.abs(s1 - s2) / Math.sqrt(2))), md);
        List<String> csv = Files.readAllLines(dir.resolve(ComparisonReport.SUMMARY_CSV));
        List<String> header = List.of(csv.get(0).split(","));
        List<String> marginRow = List.of(csv.get(2).split(",", -1));
        assertEquals(header.size(), marginRow.size());
        assertEquals("2", marginRow.get(header.indexOf("reached_0.70")));
        assertEquals(String.format(Locale.ROOT, "%.2f", (s1 + s2) / 2),
                marginRow.get(header.indexOf("saving_0.70_mean_percent")));
        assertEquals("0.00", List.of(csv.get(1).split(",", -1)).get(header.indexOf("saving_random-final_mean_percent")),
                "random saves nothing against itself");
        assertTrue(Files.size(dir.resolve(ComparisonReport.LABELS_SAVED_PNG)) > 1000);
    }

    @Test
    void givenNoRandom_thenThereIsNoLabelsSavedReport() throws IOException {
        Map<String, Map<Long, RunResult>> runs = new LinkedHashMap<>();
        runs.put("margin", new LinkedHashMap<>(Map.of(1L, run(0.6, 0.9))));
        assertEquals(null, ComparisonReport.write(dir, "test", runs).labelsSaved());
        assertTrue(Files.notExists(dir.resolve(ComparisonReport.LABELS_SAVED_PNG)));
    }
}
