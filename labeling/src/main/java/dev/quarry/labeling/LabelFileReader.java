package dev.quarry.labeling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.quarry.engine.data.DataFormatException;

import java.io.CharConversionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the answers in a label file, whichever of the three kinds it is:
 *
 * <ul>
 *   <li>a CSV with a header holding {@code item_id} and {@code label} (other columns are ignored; an
 *       empty label is no answer);
 *   <li>Label Studio's full JSON export: one task per element, {@code data.item_id}, and per
 *       annotation its {@code choices} result for the control named {@code fromName}, {@code
 *       was_cancelled}, {@code ground_truth}, {@code completed_by} (an id or an object with an {@code
 *       email}) and {@code updated_at};
 *   <li>Label Studio's JSON-MIN export: one record per kept annotation, the data keys flattened, the
 *       label under {@code fromName} (a string, or {@code {"choices": [...]}}), {@code annotator} and
 *       {@code updated_at}; cancelled annotations are not in it, and a task without annotations is
 *       no answer.
 * </ul>
 *
 * Nested choices ({@code allowNested}) give their first class. Anything else (no array, a task
 * without {@code data.item_id}, a malformed timestamp, classes chosen only under another control
 * name) is a {@link DataFormatException} naming the file and the record.
 */
public final class LabelFileReader {

    /** The control name Quarry's labeling config uses for the class. */
    public static final String DEFAULT_FROM_NAME = "label";

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private LabelFileReader() {}

    /**
     * Reads a file: {@code .csv} as CSV, anything else as Label Studio JSON (full or MIN, told apart
     * by whether the records carry {@code annotations}).
     *
     * @param file the file
     * @param fromName the name of the choices control that holds the class
     * @return its answers, in file order
     * @throws DataFormatException if the file is not one of the three kinds
     * @throws IOException if it cannot be read
     */
    public static List<Answer> read(Path file, String fromName) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such label file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") ? readCsv(file) : readJson(file, fromName);
    }

    /**
     * The answers in one task as Label Studio sends it to an ML backend's webhook: the task with its
     * {@code data} and an {@code annotations} array.
     *
     * @param task the task
     * @param source what sent it, for messages
     * @param fromName the name of the choices control that holds the class
     * @return its answers
     * @throws DataFormatException if the task is not shaped as Label Studio's tasks are
     */
    public static List<Answer> readTask(JsonNode task, String source, String fromName) throws DataFormatException {
        if (task == null || !task.isObject() || !task.path("annotations").isArray()) {
            throw new DataFormatException(source, "needs a task object with an annotations array.");
        }
        List<Answer> answers = new ArrayList<>();
        Set<String> otherControls = new TreeSet<>();
        fullTask(source, task, "task", fromName, answers, otherControls);
        if (answers.stream().anyMatch(a -> a.label() == null && !a.cancelled()) && !otherControls.isEmpty()) {
            throw new DataFormatException(source, "the annotation chose no class under the control '" + fromName
                    + "', but did under " + otherControls + "; serve with --from-name set to the control's name.");
        }
        return answers;
    }

    private static List<Answer> readCsv(Path file) throws IOException {
        List<Answer> answers = new ArrayList<>();
        for (HeaderCsv.Row row : HeaderCsv.read(file, List.of("item_id", "label"), "a CSV with item_id and label")) {
            String item = row.values().getOrDefault("item_id", "");
            if (item == null || item.isBlank()) {
                throw new DataFormatException(file, "line " + row.line() + " has no item_id.");
            }
            String label = row.values().get("label");
            answers.add(new Answer(item, label == null || label.isBlank() ? null : label, false, false, null, null,
                    answers.size(), "line " + row.line()));
        }
        return answers;
    }

    private static List<Answer> readJson(Path file, String fromName) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new DataFormatException(file.toString(), "is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (CharConversionException e) {
            throw new DataFormatException(file.toString(), "is not UTF-8 text: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new DataFormatException(file, "a Label Studio export is a JSON array of tasks (export as JSON or "
                    + "JSON_MIN).");
        }
        List<Answer> answers = new ArrayList<>();
        Set<String> otherControls = new TreeSet<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode record = root.get(i);
            String where = "record " + (i + 1);
            if (!record.isObject()) {
                throw new DataFormatException(file, where + " is not an object.");
            }
            if (record.has("annotations")) {
                fullTask(file.toString(), record, where, fromName, answers, otherControls);
            } else {
                minRecord(file.toString(), record, where, fromName, i, answers);
            }
        }
        if (!answers.isEmpty() && answers.stream().allMatch(a -> a.label() == null || a.cancelled())
                && !otherControls.isEmpty()) {
            throw new DataFormatException(file, "no annotation chose a class under the control '" + fromName
                    + "', but some did under " + otherControls + ": the labeling config names its choices otherwise.");
        }
        return answers;
    }

    /** One task of the full export: an answer per annotation, cancelled ones included. */
    private static void fullTask(String file, JsonNode task, String where, String fromName, List<Answer> answers,
            Set<String> otherControls) throws DataFormatException {
        String item = itemId(file, task.path("data"), where);
        JsonNode annotations = task.get("annotations");
        if (!annotations.isArray()) {
            throw new DataFormatException(file, where + ": annotations is not an array.");
        }
        for (int a = 0; a < annotations.size(); a++) {
            JsonNode annotation = annotations.get(a);
            String at = where + ", annotation " + (a + 1);
            if (!annotation.isObject()) {
                throw new DataFormatException(file, at + " is not an object.");
            }
            String label = null;
            for (JsonNode result : annotation.path("result")) {
                if ("choices".equals(result.path("type").asText())) {
                    if (fromName.equals(result.path("from_name").asText())) {
                        label = firstChoice(file, result.path("value").path("choices"), at);
                    } else {
                        otherControls.add(result.path("from_name").asText());
                    }
                }
            }
            answers.add(new Answer(item, label, annotation.path("was_cancelled").asBoolean(false),
                    annotation.path("ground_truth").asBoolean(false), annotator(annotation.path("completed_by")),
                    instant(file, annotation.path("updated_at"), at), answers.size(), at));
        }
    }

    /**
     * One JSON-MIN record: the data keys at the top, the class under {@code fromName}. A record of a
     * task without annotations is no answer; the newest annotations come first, so a record's
     * sequence runs backwards.
     */
    private static void minRecord(String file, JsonNode record, String where, String fromName, int index,
            List<Answer> answers) throws DataFormatException {
        String item = itemId(file, record, where);
        JsonNode value = record.path(fromName);
        boolean annotated = record.hasNonNull("annotation_id") || !value.isMissingNode() && !value.isNull();
        if (!annotated) {
            return;
        }
        String label;
        if (value.isTextual()) {
            label = value.asText();
        } else if (value.isObject()) {
            label = firstChoice(file, value.path("choices"), where);
        } else if (value.isMissingNode() || value.isNull()) {
            label = null;
        } else {
            throw new DataFormatException(file, where + ": '" + fromName + "' is neither a class name nor {\"choices\": "
                    + "[...]}: " + value);
        }
        answers.add(new Answer(item, label == null || label.isBlank() ? null : label, false, false,
                annotator(record.path("annotator")), instant(file, record.path("updated_at"), where), -index, where));
    }

    private static String itemId(String file, JsonNode data, String where) throws DataFormatException {
        JsonNode id = data.path("item_id");
        if (!(id.isTextual() || id.isIntegralNumber()) || id.asText().isBlank()) {
            throw new DataFormatException(file, where + " has no data.item_id (Quarry's item id; tasks must be imported "
                    + "from Quarry's tasks.json).");
        }
        return id.asText();
    }

    /** The first class of a choices list, or of its first list under allowNested. */
    private static String firstChoice(String file, JsonNode choices, String where) throws DataFormatException {
        JsonNode first = choices.path(0);
        if (first.isArray()) {
            first = first.path(0);
        }
        if (first.isMissingNode()) {
            return null;
        }
        if (!first.isTextual()) {
            throw new DataFormatException(file, where + ": a choice is not a class name: " + first);
        }
        return first.asText();
    }

    private static String annotator(JsonNode who) {
        if (who.isObject()) {
            return who.hasNonNull("email") ? who.get("email").asText() : who.path("id").asText(null);
        }
        return who.isMissingNode() || who.isNull() ? null : who.asText();
    }

    private static Instant instant(String file, JsonNode value, String where) throws DataFormatException {
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new DataFormatException(file, where + ": updated_at '" + value.asText() + "' is not an ISO-8601 "
                    + "instant.");
        }
    }
}
