package dev.quarry.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownReportTest {

    @TempDir
    Path dir;

    /** A JMH JSON entry as JMH writes it (the fields the report reads). */
    private static String entry(String method, String params, double score, double error, String unit) {
        return String.format(Locale.ROOT, """
                {"jmhVersion": "1.37", "benchmark": "dev.quarry.bench.ScoreCallBenchmark.%s", "mode": "avgt",
                 "jvm": "/usr/bin/java", "jvmArgs": ["-Xmx2g"], "jdkVersion": "17.0.15", "vmName": "OpenJDK 64-Bit Server VM",
                 "params": {%s},
                 "primaryMetric": {"score": %s, "scoreError": %s, "scoreUnit": "%s", "rawData": [[1.0]]},
                 "secondaryMetrics": {}}""", method, params, score, error, unit);
    }

    private void writeScoreCall() throws IOException {
        StringBuilder json = new StringBuilder("[");
        for (int items : new int[] {1000, 100, 10}) {
            String params = "\"items\": \"" + items + "\", \"strategy\": \"bald\"";
            json.append(entry("score", params, items, items / 10.0, "ms/op")).append(',');
            json.append(entry("baselineLibtorch", params, items * 4.0, 1, "ms/op")).append(',');
            json.append(entry("floorReadOnce", "\"items\": \"" + items + "\"", items / 2.0, 0.1, "ms/op")).append(',');
        }
        json.setLength(json.length() - 1);
        Files.writeString(dir.resolve("score-call.json"), json + "]");
        Files.writeString(dir.resolve(MarkdownReport.REFERENCES), """
                {"source": "timed elsewhere", "references": [
                  {"suite": "ScoreCallBenchmark", "params": {"items": "100", "strategy": "bald"}, "seconds": 2.0,
                   "tool": "a Python tool"}]}""");
    }

    @Test
    void givenResultsWithBaselineFloorAndReference_whenRendered_thenEachRowShowsTheRatiosOfThoseNumbers() throws IOException {
        writeScoreCall();

        String md = MarkdownReport.render(dir, "img/");

        assertTrue(md.contains("| items | strategy | Quarry (ms) | libtorch ops (ms) | speed-up | one read (ms) "
                + "| × one read | Python tool (ms) | vs Python |"), md);
        assertTrue(md.contains("| 10 | bald | 10.0 ± 1.00 | 40.0 ± 1.00 | 4.0× | 5.00 ± 0.100 | 2.0× |  |  |"), md);
        assertTrue(md.contains("| 100 | bald | 100 ± 10.0 | 400 ± 1.00 | 4.0× | 50.0 ± 0.100 | 2.0× | 2,000 | **20×** |"), md);
        assertTrue(md.indexOf("| 10 | bald") < md.indexOf("| 100 | bald") && md.indexOf("| 100 | bald") < md.indexOf("| 1000 | bald"),
                "rows by N ascending: " + md);
        assertTrue(md.contains("Python tools (timed elsewhere): 100, bald: a Python tool."), md);
        assertTrue(md.contains("![Scoring: the public call against N](img/score-call.png)"), md);
        assertTrue(md.contains("machine not recorded"), md);
    }

    @Test
    void givenResults_whenRenderedTwice_thenTheTextIsIdenticalAndTheChartIsWritten() throws IOException {
        writeScoreCall();

        List<Path> first = RenderReport.render(dir, null);
        String once = Files.readString(dir.resolve("report.md"));
        RenderReport.render(dir, null);

        assertEquals(once, Files.readString(dir.resolve("report.md")));
        assertTrue(first.contains(dir.resolve("score-call.png")) && Files.size(dir.resolve("score-call.png")) > 1000);
    }

    @Test
    void givenAReadme_whenItsSectionIsReplaced_thenOnlyTheTextBetweenTheMarkersChanges() {
        String readme = "intro\n" + ReadmeBlock.BEGIN + "\nold\n" + ReadmeBlock.END + "\noutro\n";

        String updated = ReadmeBlock.replace(readme, "new table\n");

        assertEquals("intro\n" + ReadmeBlock.BEGIN + "\nnew table\n" + ReadmeBlock.END + "\noutro\n", updated);
        assertThrows(IllegalArgumentException.class, () -> ReadmeBlock.extract("no markers"));
    }

    @Test
    void givenAFileThatIsNotJmhJson_whenRead_thenTheErrorNamesIt() throws IOException {
        Path bad = dir.resolve("score-call.json");
        Files.writeString(bad, "{\"not\": \"jmh\"}");

        IOException e = assertThrows(IOException.class, () -> JmhMeasurement.read(bad));

        assertTrue(e.getMessage().contains("score-call.json") && e.getMessage().contains("not a JMH JSON result"),
                e.getMessage());
    }

    @Test
    void givenNeighbourTimings_whenRendered_thenEachPolicyIsJudgedAgainstItsFairShare() throws IOException {
        Files.writeString(dir.resolve(NeighbourRun.FILE), """
                {"command": ["run", "--epochs", "5"], "cores": 2, "hogs": 2, "timings": [
                  {"policy": "unset", "load": "quiet", "seconds": [5.0, 4.0, 4.5]},
                  {"policy": "PASSIVE", "load": "quiet", "seconds": [4.0, 4.0]},
                  {"policy": "unset", "load": "busy", "seconds": [15.0, 20.0, 18.0]},
                  {"policy": "PASSIVE", "load": "busy", "seconds": [8.0, 10.0]}]}""");

        String md = MarkdownReport.render(dir, "");

        // Fair share beside 2 hogs on 2 cores: 2x quiet; unset 18 / (2 x 4.5) = 2.00, PASSIVE 9 / (2 x 4) = 1.13.
        assertTrue(md.contains("| unset | 4.50 | 18.0 | 4.0× | 2.00 | not met |"), md);
        assertTrue(md.contains("| PASSIVE | 4.00 | 9.00 | 2.3× | 1.13 | met |"), md);
        assertTrue(md.contains("`quarry run --epochs 5`, alone and beside 2 CPU hogs"), md);
    }
}
