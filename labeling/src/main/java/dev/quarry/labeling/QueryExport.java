package dev.quarry.labeling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import dev.quarry.engine.io.AtomicFiles;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A round's query as files a person (or Label Studio) can work from: {@code query.csv}, Label
 * Studio's task import JSON and its labeling config. Conventions (see {@code specs/label-studio.md}):
 * {@code data.item_id} is Quarry's item id, the key answers come back with; {@code data.al_uncertainty}
 * is the acquisition score (higher = more informative, so a Data Manager sort on it, descending,
 * labels in Quarry's order); {@code data.al_rank} is 1 for the first to label; {@code predictions[0]}
 * is the model's top class with its probability as {@code score}, so Label Studio's "lowest score
 * first" is least-confidence order; {@code model_version} is {@code quarry-r<round>}. Files are
 * written atomically ({@code AtomicFiles}), so a reader never sees half a file.
 */
public final class QueryExport {

    /** The image control's name in the labeling config. */
    public static final String TO_NAME = "image";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private QueryExport() {}

    /**
     * One queried item.
     *
     * @param itemId Quarry's item id
     * @param image what Label Studio shows: a URL, or a {@link #localFilesUrl} path
     * @param path the item's file for a person reading {@code query.csv} (may equal image)
     * @param score the acquisition score (higher = query first), or null when there is none (the
     *     initial draw, a selector without scores)
     * @param rank 1 for the first to label
     * @param predicted the model's top class, or null before there is a model
     * @param probability its probability, or null with it
     */
    public record Item(long itemId, String image, String path, Double score, int rank, String predicted,
            Double probability) {

        /** Checks the item. */
        public Item {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(path, "path");
            if ((predicted == null) != (probability == null)) {
                throw new IllegalArgumentException("Item " + itemId + ": a prediction needs its class and probability.");
            }
            if (rank < 1 || score != null && !Double.isFinite(score)
                    || probability != null && !(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("Item " + itemId + ": rank " + rank + " must be >= 1, score " + score
                        + " finite and probability " + probability + " in [0, 1].");
            }
        }
    }

    /**
     * Label Studio's labeling config for single-choice classification over the classes.
     *
     * @param classes the class names, written verbatim (they come back in results as they are)
     * @return the XML
     */
    public static String labelingConfig(List<String> classes) {
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("A labeling config needs at least one class.");
        }
        return "<View>\n  <Image name=\"" + TO_NAME + "\" value=\"$image\" zoom=\"true\" zoomControl=\"true\"/>\n"
                + "  <Header value=\"item $item_id, rank $al_rank, score $al_uncertainty\"/>\n"
                + "  <Choices name=\"" + LabelFileReader.DEFAULT_FROM_NAME + "\" toName=\"" + TO_NAME
                + "\" choice=\"single\" showInline=\"true\" required=\"true\">\n"
                + classes.stream().map(c -> "    <Choice value=\"" + xml(c) + "\"/>\n").collect(Collectors.joining())
                + "  </Choices>\n</View>\n";
    }

    /**
     * Writes the query in Label Studio's task import format.
     *
     * @param file the {@code tasks.json} to write
     * @param items the queried items
     * @param strategy the strategy's name
     * @param round the query round
     * @throws IOException if it cannot be written
     */
    public static void writeTasks(Path file, List<Item> items, String strategy, int round) throws IOException {
        ArrayNode tasks = JSON.createArrayNode();
        for (Item item : items) {
            ObjectNode task = tasks.addObject();
            ObjectNode data = task.putObject("data");
            data.put("image", item.image());
            data.put("item_id", item.itemId());
            data.put("al_round", round);
            if (item.score() != null) {
                data.put("al_uncertainty", item.score());
            }
            data.put("al_rank", item.rank());
            data.put("al_strategy", strategy);
            if (item.predicted() == null) {
                continue;
            }
            ObjectNode prediction = task.putArray("predictions").addObject();
            prediction.put("model_version", modelVersion(round));
            prediction.put("score", item.probability());
            ObjectNode result = prediction.putArray("result").addObject();
            result.put("id", "p0");
            result.put("from_name", LabelFileReader.DEFAULT_FROM_NAME);
            result.put("to_name", TO_NAME);
            result.put("type", "choices");
            result.putObject("value").putArray("choices").add(item.predicted());
        }
        AtomicFiles.writeString(file, JSON.writeValueAsString(tasks) + "\n");
    }

    /**
     * Writes {@code query.csv}: item_id, path, score, predicted, probability, rank, one row per item
     * in the order given (paths with commas or quotes are quoted).
     *
     * @param file the file
     * @param items the queried items
     * @throws IOException if it cannot be written
     */
    public static void writeCsv(Path file, List<Item> items) throws IOException {
        CsvSchema schema = CsvSchema.builder().addColumn("item_id").addColumn("path").addColumn("score")
                .addColumn("predicted").addColumn("probability").addColumn("rank").build().withHeader();
        List<List<Object>> rows = new ArrayList<>();
        for (Item item : items) {
            rows.add(Arrays.asList(item.itemId(), item.path(), item.score(), item.predicted(), item.probability(),
                    item.rank()));
        }
        AtomicFiles.writeString(file, new CsvMapper().writer(schema).writeValueAsString(rows));
    }

    /**
     * The {@code model_version} of a round's predictions.
     *
     * @param round the round
     * @return {@code quarry-r<round>}
     */
    public static String modelVersion(int round) {
        return "quarry-r" + round;
    }

    /**
     * A file as Label Studio's Local Files storage serves it: {@code /data/local-files/?d=} and the
     * path below the document root, with forward slashes, each segment URL-encoded.
     *
     * @param documentRoot {@code LABEL_STUDIO_LOCAL_FILES_DOCUMENT_ROOT}
     * @param file a file below it
     * @return the URL path
     * @throws IllegalArgumentException if the file is not below the root
     */
    public static String localFilesUrl(Path documentRoot, Path file) {
        Path root = documentRoot.toAbsolutePath().normalize();
        Path target = file.toAbsolutePath().normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new IllegalArgumentException(file + " is not below the Label Studio document root " + documentRoot
                    + "; set LABEL_STUDIO_LOCAL_FILES_DOCUMENT_ROOT to a folder that holds the images.");
        }
        List<String> segments = new ArrayList<>();
        for (Path segment : root.relativize(target)) {
            segments.add(URLEncoder.encode(segment.toString(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return "/data/local-files/?d=" + String.join("/", segments);
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
