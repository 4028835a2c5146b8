package dev.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RfiCommandTest {

    @TempDir
    Path dir;

    @Test
    void givenATinyRun_whenTrainedAndEvaluated_thenTheModelMetricsChartsAndReportAreWritten() throws IOException {
        Path out = dir.resolve("rfi");
        CliTest.Outcome train = CliTest.quarry("rfi", "train", "--train", "400", "--validation", "60", "--epochs", "2",
                "--device", "cpu", "--out", out.toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("validation footprint T_B RMSE"), train.out());
        assertTrue(Files.isRegularFile(out.resolve("model").resolve("rfi-autoencoder.json")));
        List<String> history = Files.readAllLines(out.resolve("training.csv"));
        assertEquals("epoch,train_loss,validation_tb_rmse_k,kept", history.get(0));
        assertEquals(3, history.size());

        Path eval = dir.resolve("eval");
        CliTest.Outcome evaluate = CliTest.quarry("rfi", "evaluate", "--model", out.resolve("model").toString(),
                "--test", "300", "--iq", "12", "--device", "cpu", "--out", eval.toString());
        assertEquals(0, evaluate.code(), evaluate.err());
        assertTrue(evaluate.out().contains("| clean |"), evaluate.out());
        for (Path p : List.of(eval, eval.resolve("iq"))) {
            for (String file : List.of("metrics.csv", "report.md", "rmse-vs-inr.png", "retained-vs-inr.png",
                    "examples.png")) {
                assertTrue(Files.size(p.resolve(file)) > 0, p.resolve(file) + " is missing");
            }
        }
        assertTrue(Files.readString(eval.resolve("report.md")).contains("## Targets"));

        // the trained autoencoder drives the recon-error strategy on the RF pool
        Path run = dir.resolve("recon");
        CliTest.Outcome recon = CliTest.quarry(CliTest.concat("run", CliTest.tiny(run, "--dataset", "rf-smap",
                "--strategy", "recon-error", "--option", "model=" + out.resolve("model"))));
        assertEquals(0, recon.code(), recon.err());
        assertTrue(Files.readString(run.resolve("rounds.csv")).lines().count() >= 3);
        // and its code serves as the embedding of a diversity strategy
        Path encoded = dir.resolve("encoded");
        CliTest.Outcome typiclust = CliTest.quarry(CliTest.concat("run", CliTest.tiny(encoded, "--dataset", "rf-smap",
                "--strategy", "ae-embeddings", "--option", "base=typiclust", "--option", "model=" + out.resolve("model"))));
        assertEquals(0, typiclust.code(), typiclust.err());
    }

    @Test
    void givenTheRfPool_whenStrategiesOfEveryKindAreCompared_thenEachRunsEndToEnd() throws IOException {
        Path out = dir.resolve("compare");
        CliTest.Outcome outcome = CliTest.quarry(CliTest.concat("compare", CliTest.tiny(out, "--dataset", "rf-smap",
                "--strategies", "random,margin,bald,kcenter,badge", "--seeds", "1")));
        assertEquals(0, outcome.code(), outcome.err());
        for (String strategy : List.of("random", "margin", "bald", "kcenter", "badge")) {
            assertTrue(outcome.out().contains("| " + strategy + " |"), outcome.out());
        }
        assertTrue(Files.size(out.resolve("learning-curves.png")) > 0);
        // With random among the strategies the report says what each saves against it.
        assertTrue(outcome.out().contains("Labels to reach a test accuracy"), outcome.out());
        assertTrue(Files.readString(out.resolve("summary.csv")).lines().findFirst().orElseThrow()
                .contains("saving_random-final_mean_percent"));
        assertTrue(Files.size(out.resolve("labels-saved.png")) > 0);
    }

    @Test
    void givenNoModel_whenEvaluated_thenItFailsAsBadInputSayingWhatToDo() {
        CliTest.Outcome outcome = CliTest.quarry("rfi", "evaluate", "--model", dir.resolve("nothing").toString(),
                "--test", "10", "--iq", "0", "--device", "cpu", "--out", dir.resolve("e").toString());
        assertEquals(QuarryCommand.BAD_INPUT, outcome.code());
        assertTrue(outcome.err().contains("quarry rfi train"), outcome.err());
    }

    @Test
    void givenAnUnknownHead_whenTraining_thenItFailsAsBadInput() {
        CliTest.Outcome outcome = CliTest.quarry("rfi", "train", "--train", "10", "--validation", "5", "--head", "relu",
                "--device", "cpu", "--out", dir.resolve("x").toString());
        assertEquals(QuarryCommand.BAD_INPUT, outcome.code());
        assertTrue(outcome.err().contains("gated, softplus or none"), outcome.err());
    }
}
