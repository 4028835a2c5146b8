package dev.quarry.labeling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.quarry.engine.data.DataFormatException;
import dev.quarry.engine.data.ExperimentData;
import dev.quarry.engine.experiment.Experiment;
import dev.quarry.engine.experiment.ExperimentConfig;
import dev.quarry.engine.loop.CheckpointStore;
import dev.quarry.engine.loop.RunResult;
import dev.quarry.engine.loop.RunState;
import dev.quarry.engine.progress.ProgressReporter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files route end to end: a run with people as the oracle writes its query as Label Studio tasks,
 * a Label Studio export of them (a cancelled annotation, annotators disagreeing, and first an unknown
 * class) is imported, and the resumed run selects what the simulated oracle's run selects.
 */
class LabelStudioRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ExperimentConfig people;
    private static ExperimentConfig simulated;
    private static ExperimentData data;

    @TempDir
    Path dir;

    @BeforeAll
    static void configure(@TempDir Path configs) throws IOException {
        String yaml = "dataset: {name: fashion-mnist-subset, poolSize: 600, testSize: 300}\nstrategy: margin\n"
                + "initialLabeled: 20\nbudgetPerRound: 10\nrounds: 1\nseed: 3\ndevice: cpu\nmodel: {epochs: 2}\n";
        people = ExperimentConfig.read(Files.writeString(configs.resolve("people.yaml"), yaml + "oracle: files\n"));
        simulated = ExperimentConfig.read(Files.writeString(configs.resolve("simulated.yaml"), yaml));
        data = people.dataset().load();
    }

    private static ObjectNode annotation(ObjectNode task, String choice, boolean cancelled, int annotator, String time) {
        ObjectNode a = ((ArrayNode) task.withArray("annotations")).addObject();
        a.put("was_cancelled", cancelled);
        a.put("ground_truth", false);
        a.put("completed_by", annotator);
        a.put("updated_at", time);
        ArrayNode result = a.putArray("result");
        if (choice != null) {
            ObjectNode r = result.addObject();
            r.put("from_name", "label");
            r.put("to_name", "image");
            r.put("type", "choices");
            r.putObject("value").putArray("choices").add(choice);
        }
        return a;
    }

    @Test
    void givenALabelStudioExportOfTheQuery_whenImportedAndResumed_thenTheNextBatchEqualsTheSimulatedRuns()
            throws IOException {
        RunResult reference = Experiment.run(simulated, data, dir.resolve("simulated"), ProgressReporter.SILENT);
        Path run = dir.resolve("people");
        assertFalse(LabelingRuns.run(people, data, run, ProgressReporter.SILENT).complete());
        Path query = QueryFiles.directory(run, 1);
        JsonNode tasks = JSON.readTree(query.resolve(QueryFiles.TASKS_JSON).toFile());
        assertEquals(20, tasks.size());
        assertTrue(Files.readString(query.resolve(QueryFiles.QUERY_CSV)).startsWith(
                "item_id,path,score,predicted,probability,rank\n"));

        List<String> classes = data.pool().classNames();
        int[] truth = data.pool().labels();
        ArrayNode export = (ArrayNode) tasks.deepCopy();
        for (int t = 0; t < export.size(); t++) {
            ObjectNode task = (ObjectNode) export.get(t);
            task.put("id", 500 + t);
            String right = classes.get(truth[task.at("/data/item_id").asInt()]);
            String wrong = classes.get((truth[task.at("/data/item_id").asInt()] + 1) % classes.size());
            switch (t) {
                case 0 -> annotation(task, null, true, 2, "2026-01-01T09:00:00Z"); // cancelled, then answered below
                case 1 -> annotation(task, wrong, false, 2, "2026-01-01T09:00:00Z"); // 1-1: the later answer wins
                case 2 -> {
                    annotation(task, wrong, false, 2, "2026-01-01T12:00:00Z"); // the latest, but 2-1 outvoted
                    annotation(task, right, false, 3, "2026-01-01T09:00:00Z");
                }
                default -> { }
            }
            annotation(task, right, false, 1, "2026-01-01T10:00:00Z");
        }
        ((ObjectNode) export.get(5).at("/annotations/0/result/0/value")).putArray("choices").add("Unicorn");
        Path unknownClass = dir.resolve("export-unknown-class.json");
        JSON.writeValue(unknownClass.toFile(), export);
        byte[] before = Files.readAllBytes(run.resolve(CheckpointStore.STATE_FILE));
        DataFormatException refused = assertThrows(DataFormatException.class,
                () -> LabelImport.importFile(run, unknownClass, "label"));
        assertTrue(refused.getMessage().contains("record 6, annotation 1: unknown class 'Unicorn'"), refused.getMessage());
        assertArrayEquals(before, Files.readAllBytes(run.resolve(CheckpointStore.STATE_FILE)), "a refused file changes nothing");

        ((ObjectNode) export.get(5).at("/annotations/0/result/0/value")).putArray("choices")
                .add(classes.get(truth[export.get(5).at("/data/item_id").asInt()]));
        Path fixed = dir.resolve("export.json");
        JSON.writeValue(fixed.toFile(), export);
        LabelImport.Report report = LabelImport.importFile(run, fixed, "label");
        assertEquals(20, report.answeredNow());
        assertEquals(23, report.votes(), "20 answers, 1 for the tie, 2 for the 2-1 vote; the cancelled one does not vote");
        assertEquals(List.of(export.get(1).at("/data/item_id").asLong(), export.get(2).at("/data/item_id").asLong()),
                List.copyOf(report.disagreements().keySet()));
        assertTrue(report.describe().contains("20 of 20 items of round 1's query answered, 0 still pending"),
                report.describe());

        assertFalse(LabelingRuns.run(people, data, run, ProgressReporter.SILENT).complete(), "round 1's batch waits");
        RunState state = new CheckpointStore(run).read().orElseThrow();
        assertArrayEquals(reference.rounds().get(0).selectedIds(), state.pending().ids(),
                "the same labels, resolved from people's votes, select the same next batch");
        assertEquals(reference.rounds().get(0).test(), state.rounds().get(0).test(), "and the same test metrics");
        JsonNode next = JSON.readTree(QueryFiles.directory(run, 2).resolve(QueryFiles.TASKS_JSON).toFile());
        assertEquals(reference.rounds().get(0).selectedScores()[0], next.at("/0/data/al_uncertainty").floatValue());
        assertEquals("quarry-r2", next.at("/0/predictions/0/model_version").asText());
        assertTrue(LabelStatus.of(run).describe().contains("Waiting for 10 labels for round 2"));
    }
}
