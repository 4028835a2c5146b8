package dev.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a real {@code quarry run} process with SIGKILL mid-run and resumes it. */
@Tag("slow")
class KillAndResumeTest {

    @TempDir
    Path dir;

    private static String[] args(Path out) {
        return CliTest.tiny(out, "--strategy", "margin", "--seed", "3", "--rounds", "6");
    }

    /**
     * The rounds.csv columns that do not depend on wall time: round, labeled, accuracy, nll, ece,
     * training loss, selected.
     */
    private static List<String> results(Path run) throws IOException {
        return Files.readAllLines(run.resolve("rounds.csv")).stream()
                .map(line -> {
                    String[] c = line.split(",");
                    return String.join(",", c[0], c[1], c[2], c[3], c[4], c[5], c[8]);
                })
                .collect(Collectors.toList());
    }

    @Test
    void givenARunKilledWithSigkill_whenResumed_thenItEndsExactlyLikeAnUninterruptedRun() throws Exception {
        Path reference = dir.resolve("reference");
        assertEquals(0, CliTest.quarry(CliTest.concat("run", args(reference))).code());

        Path killed = dir.resolve("killed");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dai.djl.pytorch.num_threads=2",
                "-Dai.djl.pytorch.num_interop_threads=1", QuarryCommand.class.getName(), "run"));
        command.addAll(List.of(args(killed)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("killed.log").toFile()).start();
        try {
            Path roundsCsv = killed.resolve("rounds.csv");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            // Wait until at least two rounds are checkpointed, then kill without warning.
            while (!(Files.exists(roundsCsv) && Files.readAllLines(roundsCsv).size() >= 3)) {
                assertTrue(process.isAlive(), "the run ended before it could be killed: "
                        + Files.readString(dir.resolve("killed.log")));
                assertTrue(System.nanoTime() < deadline, "no checkpoint within 120 s");
                Thread.sleep(50);
            }
        } finally {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        int roundsAtKill = Files.readAllLines(killed.resolve("rounds.csv")).size() - 1;
        assertTrue(roundsAtKill < 7, "killed before the end (" + roundsAtKill + " rounds done)");

        CliTest.Outcome resumed = CliTest.quarry("resume", killed.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(results(reference), results(killed));
        assertEquals(Files.readString(reference.resolve("labels.csv")), Files.readString(killed.resolve("labels.csv")));
        assertTrue(new File(killed.toFile(), "learning-curve.png").length() > 1000);
    }
}
