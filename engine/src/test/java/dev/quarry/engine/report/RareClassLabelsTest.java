package dev.quarry.engine.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.engine.loop.RoundRecord;
import dev.quarry.engine.loop.RunResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Rare-class picks: counted from the selections, per strategy and seed, only for an imbalanced pool. */
class RareClassLabelsTest {

    private static RunResult picks(long... ids) {
        return new RunResult(List.of(new RoundRecord(1, 2, Optional.empty(), 0.5, 1, 1, ids, new float[0]),
                new RoundRecord(2, 2 + ids.length, Optional.empty(), 0.4, 1, 0, new long[0], new float[0])), true);
    }

    @Test
    void givenAnImbalancedPool_thenEachStrategysPicksOfTheRarerHalfAreCountedBySeed() {
        // Classes 0..3 with 8, 4, 2 and 1 items: classes 3 and 2 are the rare half, 3 the rarest.
        int[] labels = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3};
        Map<String, Map<Long, RunResult>> runs = new LinkedHashMap<>();
        runs.put("random", new LinkedHashMap<>(Map.of(1L, picks(0, 1, 8), 2L, picks(2, 12, 9))));
        runs.put("tailor", new LinkedHashMap<>(Map.of(1L, picks(14, 13, 12), 2L, picks(14, 12, 3))));
        RareClassLabels report = RareClassLabels.of(labels, 4, runs).orElseThrow();
        assertArrayEquals(new int[] {3, 2}, report.rareClasses());
        RareClassLabels.Row random = report.rows().get(0);
        assertEquals(0.5, random.mean(), 1e-12, "0 and 1 rare picks");
        assertEquals(Math.sqrt(0.5), random.sd(), 1e-12);
        RareClassLabels.Row tailor = report.rows().get(1);
        assertEquals(2.5, tailor.mean(), 1e-12, "3 and 2 rare picks");
        assertEquals(1.0, tailor.meanRarest(), 1e-12, "item 14 both times");
        String table = report.table(List.of("a", "b", "c", "d"));
        assertTrue(table.indexOf("| tailor |") < table.indexOf("| random |"), table);
        assertTrue(table.contains("d (1), c (2)"), table);
        assertTrue(report.csv().contains("tailor,1,3,1,1\n"), report.csv());
    }

    @Test
    void givenABalancedPool_thenThereIsNoReport() {
        int[] labels = {0, 0, 0, 1, 1, 2, 2, 2};
        assertTrue(RareClassLabels.of(labels, 3, Map.of("random", Map.of(1L, picks(0)))).isEmpty());
    }
}
