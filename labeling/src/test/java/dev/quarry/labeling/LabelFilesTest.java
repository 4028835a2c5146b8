package dev.quarry.labeling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.engine.data.DataFormatException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelFilesTest {

    private static final List<String> CLASSES = List.of("wifi", "bluetooth", "radar");
    private static final Set<String> ITEMS = Set.of("11", "12", "13", "14", "15");
    /** Bytes that change the structure of JSON or CSV. */
    private static final byte[] SYNTAX = "{}[]\",:0\n\\".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    /** A full-JSON annotation as Label Studio exports it (the fields this reader uses, and some it ignores). */
    private static String annotation(String label, boolean cancelled, boolean groundTruth, String completedBy,
            String updatedAt) {
        String result = label == null ? "[]" : """
                [{"id": "p0", "from_name": "label", "to_name": "image", "type": "choices",
                  "origin": "manual", "value": {"choices": ["%s"]}}]""".formatted(label);
        return """
                {"id": 22, "completed_by": %s, "result": %s, "was_cancelled": %s, "ground_truth": %s,
                 "created_at": "2024-01-30T02:40:43.893565Z", "updated_at": "%s", "lead_time": 8.65,
                 "prediction": {}, "parent_prediction": 7}""".formatted(completedBy, result, cancelled, groundTruth,
                updatedAt);
    }

    private static String task(String itemId, String... annotations) {
        return """
                {"id": 87, "inner_id": 1, "project": 29,
                 "data": {"image": "/data/local-files/?d=al/%s.png", "item_id": %s, "al_uncertainty": 0.9},
                 "annotations": [%s], "drafts": [], "predictions": [], "total_annotations": 1}"""
                .formatted(itemId.replace("\"", ""), itemId, String.join(",", annotations));
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void givenAFullExportWithCancelledDisagreeingAndGroundTruthAnswers_whenResolved_thenEachItemFollowsTheRule()
            throws IOException {
        Path file = write("export.json", "[" + String.join(",",
                // 11: two against one -> bluetooth; 12: one each -> the later (radar); 13: only cancelled -> skipped;
                // 14: ground truth beats the majority; 15: nested choices and an annotator object, id as a string.
                task("11", annotation("bluetooth", false, false, "1", "2024-05-01T11:00:00Z"),
                        annotation("wifi", false, false, "2", "2024-05-01T12:00:00Z"),
                        annotation("bluetooth", false, false, "3", "2024-05-01T10:00:00Z")),
                task("12", annotation("wifi", false, false, "1", "2024-05-01T11:00:00.000001Z"),
                        annotation("radar", false, false, "2", "2024-05-01T11:00:00.000002Z")),
                task("13", annotation("wifi", true, false, "1", "2024-05-01T11:00:00Z"),
                        annotation(null, false, false, "2", "2024-05-01T11:00:00Z")),
                task("14", annotation("wifi", false, false, "1", "2024-05-01T11:00:00Z"),
                        annotation("wifi", false, false, "2", "2024-05-01T11:00:00Z"),
                        annotation("radar", false, true, "3", "2024-04-01T11:00:00Z")),
                task("\"15\"", annotation("x", false, false, "{\"id\": 4, \"email\": \"ann@example.org\"}",
                        "2024-05-01T11:00:00Z").replace("[\"x\"]", "[[\"radar\"], [\"wifi\"]]")))
                + "]");

        List<Answer> answers = LabelFileReader.read(file, LabelFileReader.DEFAULT_FROM_NAME);
        LabelVotes.Outcome outcome = LabelVotes.resolve(file.toString(), answers, ITEMS, CLASSES, false, 0);

        assertEquals(11, answers.size());
        assertEquals("ann@example.org", answers.get(10).annotator());
        assertEquals(Map.of("11", 1, "12", 2, "14", 2, "15", 2), outcome.labels());
        assertEquals(Set.of("13"), outcome.skipped());
        assertEquals(Map.of("wifi", 1, "bluetooth", 2), outcome.disagreements().get("11"));
        assertEquals(Set.of("11", "12", "14"), outcome.disagreements().keySet());
    }

    @Test
    void givenAJsonMinExport_whenRead_thenOneAnswerPerRecordWithTheFlattenedData() throws IOException {
        Path file = write("min.json", """
                [{"image": "\\/data\\/local-files\\/?d=s_0001.png", "item_id": 11, "al_round": 3, "id": 101,
                  "label": "bluetooth", "annotator": 2, "annotation_id": 12, "created_at": "2024-05-01T11:00:00.000000Z",
                  "lead_time": 3.9},
                 {"item_id": 11, "id": 101, "label": {"choices": ["wifi"]}, "annotator": 1},
                 {"item_id": 13, "id": 103, "annotator": null, "annotation_id": null, "created_at": null}]""");

        List<Answer> answers = LabelFileReader.read(file, "label");

        assertEquals(List.of("bluetooth", "wifi"), answers.subList(0, 2).stream().map(Answer::label).toList());
        assertEquals("2", answers.get(0).annotator());
        assertEquals(2, answers.size(), "the task without annotations is no answer");
        LabelVotes.Outcome outcome = LabelVotes.resolve(file.toString(), answers, ITEMS, CLASSES, false, 0);
        // A tie without times: JSON-MIN lists the newest first, so the first record wins.
        assertEquals(Map.of("11", 1), outcome.labels());
        assertEquals(Set.of(), outcome.skipped());
    }

    @Test
    void givenACsv_whenResolved_thenLabelsAreTakenAndEmptyOnesAreAskedAgain() throws IOException {
        Path file = write("labels.csv", "item_id,label,note\n11,radar,sure\n\n 12 , wifi ,\n13,,later\n");

        LabelVotes.Outcome outcome = LabelVotes.resolve(file.toString(), LabelFileReader.read(file, "label"), ITEMS, CLASSES, true, 0);

        assertEquals(Map.of("11", 2, "12", 0), outcome.labels());
        assertEquals(Set.of("13"), outcome.skipped());
    }

    @Test
    void givenUnknownItemsClassesOrRepeats_whenResolved_thenTheWholeFileIsRefusedNamingEachRow() throws IOException {
        Path file = write("bad.csv", "item_id,label\n11,radar\n99,wifi\n12,laser\n11,wifi\n");
        List<Answer> answers = LabelFileReader.read(file, "label");

        DataFormatException e = assertThrows(DataFormatException.class,
                () -> LabelVotes.resolve(file.toString(), answers, ITEMS, CLASSES, true, 0));

        assertTrue(e.getMessage().contains("3 row(s) refused, nothing imported"), e.getMessage());
        assertTrue(e.getMessage().contains("line 3: unknown item 99"), e.getMessage());
        assertTrue(e.getMessage().contains("line 4: unknown class 'laser'"), e.getMessage());
        assertTrue(e.getMessage().contains("line 5: item 11 again"), e.getMessage());
    }

    @Test
    void givenFilesThatAreNotLabelFiles_whenRead_thenTheErrorSaysWhatIsWrong() throws IOException {
        assertMessage(write("a.json", "{\"tasks\": []}"), "a JSON array of tasks");
        assertMessage(write("b.json", "[{\"data\": {}, \"annotations\": []}]"), "record 1 has no data.item_id");
        assertMessage(write("c.json", "[1, 2"), "is not valid JSON");
        assertMessage(write("d.csv", "id,class\n1,wifi\n"), "needs the columns item_id and label");
        assertMessage(write("d2.csv", "id,class\n"), "needs the columns item_id and label");
        assertMessage(write("f.json", "[" + task("11", annotation("wifi", false, false, "1", "2024-05-01T11:00:00Z")
                .replace("\"from_name\": \"label\"", "\"from_name\": \"choice\"")) + "]"), "under [choice]");
        assertMessage(write("g.json", "[{\"item_id\": 11, \"label\": 3, \"annotation_id\": 1}]"), "neither a class name");
        assertMessage(write("h.json", "[] trailing"), "is not valid JSON");
        assertMessage(write("e.json", "[" + task("11", annotation("wifi", false, false, "1", "yesterday")) + "]"),
                "updated_at 'yesterday' is not an ISO-8601 instant");
        assertThrows(NoSuchFileException.class, () -> LabelFileReader.read(dir.resolve("none.json"), "label"));
    }

    private static void assertMessage(Path file, String expected) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> LabelFileReader.read(file, "label"));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void givenMutationsOfValidFiles_whenReadAndResolved_thenOnlyTheDocumentedErrorComesOut() throws IOException {
        String full = "[" + task("11", annotation("wifi", false, false, "1", "2024-05-01T11:00:00Z"),
                annotation("radar", true, true, "{\"email\": \"a@b\"}", "2024-05-01T11:00:00Z")) + "]";
        String csv = "item_id,label\n11,radar\n12,\"wifi\"\n";
        String min = "[{\"item_id\": 11, \"label\": \"wifi\", \"annotator\": 2, \"annotation_id\": 12, "
                + "\"updated_at\": \"2024-05-01T11:00:04.000000Z\"}, {\"item_id\": 12, \"label\": {\"choices\": [\"radar\"]}}]";
        Random random = new Random(42);
        int refused = 0;
        for (int round = 0; round < 600; round++) {
            boolean json = round % 3 != 2;
            byte[] bytes = (round % 3 == 0 ? full : round % 3 == 1 ? min : csv).getBytes(StandardCharsets.UTF_8);
            for (int edit = 1 + random.nextInt(4); edit > 0; edit--) {
                int at = random.nextInt(bytes.length);
                switch (random.nextInt(3)) {
                    case 0 -> bytes[at] = (byte) random.nextInt(256);
                    case 1 -> bytes = Arrays.copyOf(bytes, at); // truncated
                    default -> bytes[at] = SYNTAX[random.nextInt(SYNTAX.length)];
                }
                if (bytes.length == 0) {
                    break;
                }
            }
            Path file = dir.resolve("fuzz" + round + (json ? ".json" : ".csv"));
            Files.write(file, bytes);
            try {
                LabelVotes.resolve(file.toString(), LabelFileReader.read(file, "label"), ITEMS, CLASSES, !json, 0);
            } catch (DataFormatException e) {
                refused++;
                assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
            }
        }
        assertTrue(refused > 100, "most mutations are refused: " + refused);
    }
}
