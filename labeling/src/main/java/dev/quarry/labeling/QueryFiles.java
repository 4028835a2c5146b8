package dev.quarry.labeling;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.data.ItemSource;
import dev.quarry.engine.experiment.Experiment;
import dev.quarry.engine.io.AtomicFiles;
import dev.quarry.engine.loop.RunListener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Writes each query people are asked to label, before the run checkpoints it:
 * {@code RUN_DIR/queries/round-N/query.csv} (item id, path, score, predicted class and probability,
 * rank), {@code tasks.json} (Label Studio's import format, see {@link QueryExport}) and {@code
 * labeling-config.xml}. Items that are not files (tensors, RF footprints) are rendered to {@code
 * items/<id>.png} beside them ({@link ItemRenderer}).
 *
 * <p>Label Studio shows image files through its Local Files storage: {@code tasks.json} names each
 * file below {@code documentRoot}, which is what {@code LABEL_STUDIO_LOCAL_FILES_DOCUMENT_ROOT}
 * must be set to (the dataset's folder; the run directory for rendered items). A file outside it
 * is named by its absolute path, which Label Studio cannot show; Quarry's own page shows every item.
 */
public final class QueryFiles implements RunListener {

    /** The query table's name. */
    public static final String QUERY_CSV = "query.csv";
    /** Label Studio's tasks. */
    public static final String TASKS_JSON = "tasks.json";
    /** Label Studio's labeling config. */
    public static final String CONFIG_XML = "labeling-config.xml";

    private final Path runDirectory;
    private final ItemSource pool;
    private final String strategy;
    private final Path documentRoot;

    /**
     * A writer for one run.
     *
     * @param runDirectory the run directory
     * @param pool the pool the ids belong to
     * @param strategy the strategy's name, recorded in the tasks
     * @param documentRoot the folder Label Studio serves files from (the dataset's; for a pool
     *     without files, the run directory, where items are rendered)
     */
    public QueryFiles(Path runDirectory, ItemSource pool, String strategy, Path documentRoot) {
        this.runDirectory = runDirectory;
        this.pool = pool;
        this.strategy = strategy;
        this.documentRoot = documentRoot;
    }

    /**
     * The folder of one round's query.
     *
     * @param runDirectory the run directory
     * @param labelRound the round the labels are for
     * @return {@code RUN_DIR/queries/round-N}
     */
    public static Path directory(Path runDirectory, int labelRound) {
        return runDirectory.resolve(Experiment.QUERIES_DIRECTORY).resolve("round-" + labelRound);
    }

    @Override
    public void onQuery(int labelRound, long[] ids, float[] scores, Supplier<float[]> predictions) throws IOException {
        float[] probabilities = predictions == null ? null : predictions.get();
        Path dir = directory(runDirectory, labelRound);
        Files.createDirectories(dir);
        List<QueryExport.Item> items = new ArrayList<>();
        int classes = pool.numClasses();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            for (int k = 0; k < ids.length; k++) {
                Optional<Path> file = pool.itemFile(ids[k]);
                Path shown = file.orElse(null);
                if (shown == null) {
                    shown = dir.resolve("items").resolve(ids[k] + ".png").toAbsolutePath();
                    Files.createDirectories(shown.getParent());
                    byte[] png = ItemRenderer.png(pool, ids[k], manager);
                    AtomicFiles.write(shown, out -> out.write(png));
                }
                String image = below(documentRoot, shown) ? QueryExport.localFilesUrl(documentRoot, shown)
                        : shown.toAbsolutePath().toString();
                Double score = scores.length == ids.length ? (double) scores[k] : null;
                String predicted = null;
                Double probability = null;
                if (probabilities != null) {
                    int best = 0;
                    for (int c = 1; c < classes; c++) {
                        best = probabilities[k * classes + c] > probabilities[k * classes + best] ? c : best;
                    }
                    predicted = pool.classNames().get(best);
                    probability = (double) probabilities[k * classes + best];
                }
                items.add(new QueryExport.Item(ids[k], image, file.map(Path::toString).orElse(shown.toString()), score,
                        k + 1, predicted, probability));
            }
        }
        QueryExport.writeCsv(dir.resolve(QUERY_CSV), items);
        QueryExport.writeTasks(dir.resolve(TASKS_JSON), items, strategy, labelRound);
        AtomicFiles.writeString(dir.resolve(CONFIG_XML), QueryExport.labelingConfig(pool.classNames()));
    }

    /** Whether Label Studio can serve a file from a document root (an item outside it is named by its path). */
    private static boolean below(Path root, Path file) {
        Path r = root.toAbsolutePath().normalize();
        Path f = file.toAbsolutePath().normalize();
        return f.startsWith(r) && !f.equals(r);
    }
}
