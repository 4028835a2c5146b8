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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonReportTest {

    @TempDir
    Path dir;

    private static RunResult run(double... accuracies) {
        List<RoundRecord> rounds = new java.util.ArrayList<>();
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
}
