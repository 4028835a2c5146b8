package dev.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.engine.errors.Setting;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class CliTest {

    @TempDir
    Path dir;

    /** The outcome of one command line. */
    record Outcome(int code, String out, String err) {}

    static Outcome quarry(String... args) {
        CommandLine cli = QuarryCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    /** A run small enough for a unit test: 300-item pool, 200 test images, 1 epoch. */
    static String[] tiny(Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--pool-size", "300", "--test-size", "200", "--initial", "20",
                "--budget", "20", "--rounds", "2", "--epochs", "1", "--device", "cpu", "--out", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    @Test
    void givenStrategiesAndDoctor_thenTheyListWhatExistsAndExitZero() {
        Outcome s = quarry("strategies");
        assertEquals(0, s.code());
        for (String name : List.of("random", "least-confidence", "margin", "entropy")) {
            assertTrue(s.out().contains(name), s.out());
        }
        Outcome d = quarry("doctor");
        assertEquals(0, d.code(), d.err());
        assertTrue(d.out().contains("libtorch flavor") && d.out().contains("PyTorch 2.7.1"), d.out());
    }

    @Test
    void givenBadInput_thenExitTwoWithAMessageThatSaysWhatToDo() throws IOException {
        assertBadInput(quarry(concat("run", tiny(dir.resolve("a"), "--strategy", "bold"))),
                "Unknown strategy 'bold'; known strategies: [");
        assertBadInput(quarry(concat("run", tiny(dir.resolve("b"), "--budget", "500"))),
                "but the pool has only 300 items; lower the budget, the rounds or the initial size");
        assertBadInput(quarry(concat("run", tiny(dir.resolve("c"), "--budget", "0"))), "Budget per round 0 must be > 0.");
        assertBadInput(quarry(concat("run", tiny(dir.resolve("d"), "--device", "gpu:0"))),
                "Device gpu:0 was requested but");
        assertBadInput(quarry(concat("run", tiny(dir.resolve("e"), "--device", "tpu"))), "use auto, cpu or gpu:N");
        assertBadInput(quarry(concat("run", tiny(dir.resolve("f"), "--option", "depth=3"))),
                "Unknown option 'depth' for strategy 'margin'; its options are [mcSamples, mcScope, maxPool]. (set with "
                        + "--option KEY=VALUE)");
        assertBadInput(quarry(concat("run", tiny(dir.resolve("i"), "--dataset", "idx"))),
                "Dataset 'idx' needs the directory that holds its files. (set with --data-dir)");
        assertBadInput(quarry("run", "--config", dir.resolve("missing.yaml").toString()), "config file not found");
        Path typo = dir.resolve("typo.yaml");
        Files.writeString(typo, "strategy: margin\nbudjet: 10\n");
        assertBadInput(quarry("run", "--config", typo.toString()), "budjet");
        assertBadInput(quarry(concat("run", tiny(dir.resolve("g"), "--dataset", "fashion-mnist", "--data-dir",
                dir.resolve("nowhere").toString()))), "dataset directory not found");
        assertBadInput(quarry("resume", dir.resolve("not-a-run").toString()), "not a Quarry run directory");
        assertBadInput(quarry("run", "--no-such-flag"), "Unknown option: '--no-such-flag'");
        assertBadInput(quarry(concat("compare", tiny(dir.resolve("h"), "--strategies", "random", "--option", "margin.x=1"))),
                "--option names strategy 'margin', which is not in --strategies [random]");
        assertFalse(Files.exists(dir.resolve("b")), "a rejected run leaves no directory behind");
    }

    @Test
    void givenEverySettingAnEngineErrorMayName_thenTheCliKnowsItsFlag() {
        for (Setting setting : Setting.values()) {
            assertTrue(setting == Setting.ITEMS || QuarryCommand.FLAGS.containsKey(setting), setting.key());
        }
    }

    private static void assertBadInput(Outcome o, String expected) {
        assertEquals(QuarryCommand.BAD_INPUT, o.code(), o.err());
        assertTrue(o.err().contains(expected), "expected '" + expected + "' in: " + o.err());
        assertFalse(o.err().contains("\tat "), "bad input prints no stack trace: " + o.err());
    }

    @Test
    void givenATinyRun_whenRunAndResumed_thenReportsAreWrittenAndResumeIsANoOp() throws IOException {
        Path run = dir.resolve("run");
        Outcome o = quarry(concat("run", tiny(run, "--strategy", "entropy", "--seed", "5")));
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("round  3/3  labeled    60"), o.out());
        assertTrue(o.out().contains("AUBC "), o.out());
        String rounds = Files.readString(run.resolve("rounds.csv"));
        assertEquals(4, rounds.lines().count());
        String config = Files.readString(run.resolve("config.yaml"));
        assertTrue(config.contains("strategy: entropy") && config.contains("seed: 5"), config);

        Outcome resumed = quarry("resume", run.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(rounds, Files.readString(run.resolve("rounds.csv")), "a finished run is not redone");

        Outcome extended = quarry("resume", run.toString(), "--rounds", "3");
        assertEquals(0, extended.code(), extended.err());
        assertTrue(extended.out().contains("round  4/4  labeled    80"), extended.out());

        Outcome clash = quarry(concat("run", tiny(run, "--strategy", "margin", "--seed", "5")));
        assertEquals(QuarryCommand.BAD_INPUT, clash.code());
        assertTrue(clash.err().contains("already holds a run with another configuration"), clash.err());
    }

    @Test
    void givenAConfigFile_thenItsFieldsApplyAndFlagsOverrideThem() throws IOException {
        Path yaml = dir.resolve("exp.yaml");
        Files.writeString(yaml, String.join("\n",
                "dataset: {name: fashion-mnist-subset, poolSize: 300, testSize: 200}",
                "strategy: least-confidence",
                "initialLabeled: 20",
                "budgetPerRound: 20",
                "rounds: 1",
                "seed: 9",
                "device: cpu",
                "model: {epochs: 1}",
                ""));
        Path run = dir.resolve("cfg");
        Outcome o = quarry("run", "--config", yaml.toString(), "--budget", "10", "--out", run.toString());
        assertEquals(0, o.code(), o.err());
        String config = Files.readString(run.resolve("config.yaml"));
        assertTrue(config.contains("strategy: least-confidence"), config);
        assertTrue(config.contains("budgetPerRound: 10"), config);
        assertTrue(config.contains("poolSize: 300"), config);
    }

    @Test
    void givenATorchScriptModule_whenRun_thenTheLoopTrainsAndQueriesIt() throws IOException {
        Path module = dev.quarry.engine.testing.TorchScriptFixture.mcCnn(dir);
        Path run = dir.resolve("ts");
        Outcome o = quarry(concat("run", tiny(run, "--torchscript", module.toString(), "--strategy", "bald", "--option",
                "mcSamples=4", "--rounds", "1")));
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.readString(run.resolve("config.yaml")).contains("torchscript: " + module.toAbsolutePath()));
        assertBadInput(quarry(concat("run", tiny(dir.resolve("ts2"), "--torchscript", dir.resolve("none.pt").toString()))),
                "TorchScript file not found");
    }

    @Test
    void givenACompare_thenOneTableAndOneChartForAllStrategies() throws IOException {
        Path out = dir.resolve("cmp");
        Outcome o = quarry(concat("compare", tiny(out, "--strategies", "random,margin", "--seeds", "1,2", "--rounds", "1")));
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("| strategy | seeds | AUBC (mean ± sd) | final accuracy (mean ± sd) |"), o.out());
        assertTrue(o.out().contains("| margin | 2 |") && o.out().contains("| random | 2 |"), o.out());
        assertTrue(Files.size(out.resolve("learning-curves.png")) > 1000);
        assertEquals(5, Files.readAllLines(out.resolve("comparison.csv")).size());
        assertTrue(Files.isRegularFile(out.resolve("margin").resolve("seed-2").resolve("rounds.csv")));
    }

    @Test
    void givenABuildWithoutSpark_whenARunAsksForIt_thenExitTwoSayingHowToGetIt() {
        Outcome o = quarry(concat("run", tiny(dir.resolve("spark-run"), "--spark", "local[2]")));
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("built without Spark") && o.err().contains("QUARRY_MAVEN_ARGS=-Pspark"), o.err());
    }
}
