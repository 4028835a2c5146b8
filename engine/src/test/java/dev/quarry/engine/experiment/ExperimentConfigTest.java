package dev.quarry.engine.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.engine.data.DataFormatException;
import dev.quarry.engine.labels.InitialSelection;
import dev.quarry.engine.model.Augmentation;
import dev.quarry.engine.model.EarlyStopping;
import dev.quarry.engine.model.LearningRateSchedule;
import dev.quarry.engine.model.McMode;
import dev.quarry.engine.model.Replay;
import dev.quarry.engine.model.TrainingOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentConfigTest {

    @TempDir
    Path dir;

    @Test
    void givenAPartialYamlFile_thenGivenFieldsApplyAndTheRestKeepsDefaults() throws IOException {
        Path f = dir.resolve("exp.yaml");
        Files.writeString(f, String.join("\n",
                "dataset: {name: fashion-mnist, poolSize: 20000}",
                "strategy: entropy",
                "strategyOptions: {maxPool: 5000}",
                "initialSelection: balanced",
                "rounds: 15",
                "model: {epochs: 3, mcMode: loop, minSteps: 200}",
                ""));
        ExperimentConfig c = ExperimentConfig.read(f);
        assertEquals("fashion-mnist", c.dataset().name());
        assertEquals(20000, c.dataset().poolSize());
        assertEquals("entropy", c.strategy());
        assertEquals(Map.of("maxPool", "5000"), c.strategyOptions());
        assertEquals(InitialSelection.BALANCED, c.initialSelection());
        assertEquals(15, c.rounds());
        assertEquals(100, c.budgetPerRound(), "default kept");
        assertEquals(3, c.model().epochs());
        assertEquals(McMode.LOOP, c.model().mcMode());
        assertEquals(200, c.model().training().minSteps());
        assertEquals(32, c.model().batchSize(), "nested defaults kept");
        assertEquals(0, ExperimentConfig.DEFAULTS.model().training().minSteps(), "epochs alone by default");
    }

    @Test
    void givenTrainingRegimenFields_thenTheyReachTheTrainingOptionsAndBadOnesAreRefused() throws IOException {
        Path f = dir.resolve("regimen.yaml");
        Files.writeString(f, String.join("\n",
                "model:",
                "  warmStart: true",
                "  augmentation: {padding: 2, horizontalFlip: true}",
                "  schedule: cosine",
                "  earlyStopping: {holdout: 0.1, patience: 3}",
                "  replay: {ratio: 1}",
                ""));
        TrainingOptions t = ExperimentConfig.read(f).model().training();
        assertEquals(new Augmentation(2, true), t.augmentation());
        assertEquals(LearningRateSchedule.COSINE, t.schedule());
        assertEquals(new EarlyStopping(0.1, 3), t.earlyStopping());
        assertEquals(new Replay(1), t.replay());
        TrainingOptions defaults = ExperimentConfig.DEFAULTS.model().training();
        assertEquals(Augmentation.NONE, defaults.augmentation());
        assertEquals(LearningRateSchedule.CONSTANT, defaults.schedule());
        assertEquals(TrainingOptions.DEFAULTS, defaults);
        Files.writeString(f, "model: {replay: {ratio: 1}}\n");
        DataFormatException noWarm = assertThrows(DataFormatException.class, () -> ExperimentConfig.read(f));
        assertTrue(noWarm.getMessage().contains("warm starts"), noWarm.getMessage());
        Files.writeString(f, "model: {earlyStopping: {holdout: 0.7, patience: 3}}\n");
        assertThrows(DataFormatException.class, () -> ExperimentConfig.read(f));
    }

    @Test
    void givenAResolvedConfig_whenWrittenAndReadBack_thenEqual() throws IOException {
        ExperimentConfig c = ExperimentConfig.DEFAULTS.withStrategy("margin", Map.of("a", "1")).withSeed(99).withDevice("gpu:1");
        Path f = dir.resolve("config.yaml");
        c.write(f);
        assertEquals(c, ExperimentConfig.read(f));
        Path json = dir.resolve("config.json");
        Files.writeString(json, "{\"strategy\": \"random\", \"seed\": 4}");
        assertEquals(ExperimentConfig.DEFAULTS.withStrategy("random", Map.of()).withSeed(4), ExperimentConfig.read(json));
    }

    @Test
    void givenUnknownFieldsOrInvalidValues_thenTheFileAndTheProblemAreNamed() throws IOException {
        Path typo = dir.resolve("typo.yaml");
        Files.writeString(typo, "strategy: margin\nbudjet: 10\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> ExperimentConfig.read(typo));
        assertTrue(e.getMessage().startsWith(typo.toString()) && e.getMessage().contains("\"budjet\""), e.getMessage());

        Path negative = dir.resolve("negative.yaml");
        Files.writeString(negative, "budgetPerRound: -5\n");
        assertTrue(assertThrows(DataFormatException.class, () -> ExperimentConfig.read(negative)).getMessage()
                .contains("Budget per round -5 must be > 0."));

        Path device = dir.resolve("device.yaml");
        Files.writeString(device, "device: tpu:0\n");
        assertTrue(assertThrows(DataFormatException.class, () -> ExperimentConfig.read(device)).getMessage()
                .contains("Unknown device 'tpu:0'"));

        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "strategy: [margin\n");
        assertTrue(assertThrows(DataFormatException.class, () -> ExperimentConfig.read(broken)).getMessage()
                .contains("not valid YAML"));
    }
}
