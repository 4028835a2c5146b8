package dev.quarry.labeling;

import dev.quarry.engine.data.ArrayDataset;
import dev.quarry.engine.data.DataFormatException;
import dev.quarry.engine.data.DatasetProvider;
import dev.quarry.engine.data.DatasetSpec;
import dev.quarry.engine.data.ElementType;
import dev.quarry.engine.data.ExperimentData;
import dev.quarry.engine.data.HostArray;
import dev.quarry.engine.data.ImageOptions;
import dev.quarry.engine.progress.ConsoleProgressReporter;
import dev.quarry.engine.progress.ProgressReporter;
import dev.quarry.engine.progress.ProgressTask;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * {@code --dataset images}: a user's image files as a pool, through {@link ImageCatalog}'s layouts
 * and {@link ImageDecoder}, decoded once into a {@link DecodeCache}.
 *
 * <p>A folder with {@code train/} (and optionally {@code test/}) in it gives a pool and a test set;
 * any other folder or manifest gives a pool without one. Items are uint8 {@code (C, H, W)}, as
 * IDX images are, in the catalog's order, each remembering its file. Images in class folders (or
 * with a label in the manifest) are labeled: with every image labeled the pool has ground truth
 * for a simulated run; otherwise its labels are given labels that start a labeling run.
 *
 * <p>Every image must decode and have one size, unless a size is given (then all are resized to
 * it). A file that cannot be read, or of another size, stops the load with its name; with {@code
 * skipBad} it is left out and counted instead (the most common size wins).
 */
public final class ImageFolderDataset implements DatasetProvider {

    /** Train and test subfolders of a split dataset. */
    static final String TRAIN = "train";
    static final String TEST = "test";

    private final Path cacheRoot;
    private final ProgressReporter progress;

    /** The provider {@link java.util.ServiceLoader} finds: the default cache root, progress on stderr. */
    public ImageFolderDataset() {
        this(DecodeCache.defaultRoot(), ConsoleProgressReporter.stderr());
    }

    /**
     * A provider with its own cache root.
     *
     * @param cacheRoot where decode caches go
     * @param progress where decoding progress is shown
     */
    public ImageFolderDataset(Path cacheRoot, ProgressReporter progress) {
        this.cacheRoot = cacheRoot;
        this.progress = progress;
    }

    @Override
    public String name() {
        return DatasetSpec.IMAGES;
    }

    @Override
    public ExperimentData load(DatasetSpec spec) throws IOException {
        Path source = Path.of(spec.path());
        ImageOptions options = spec.images();
        Path train = source.resolve(TRAIN);
        if (Files.isDirectory(source) && Files.isDirectory(train)) {
            ImageCatalog.Catalog pool = ImageCatalog.scan(train, options.classes());
            ArrayDataset poolData = decode("images-" + name(source), train, pool, options, null);
            Path test = source.resolve(TEST);
            if (!Files.isDirectory(test)) {
                return ExperimentData.withoutTestSet(poolData);
            }
            ImageCatalog.Catalog testCatalog = ImageCatalog.scan(test, pool.classes());
            ArrayDataset testData = decode("images-" + name(source) + "-test", test, testCatalog, options,
                    poolData.itemShape().getShape());
            if (!testData.hasLabels()) {
                throw new DataFormatException(test, "holds unlabeled images; a test set needs every image in a class "
                        + "folder.");
            }
            return new ExperimentData(poolData, testData);
        }
        return ExperimentData.withoutTestSet(decode("images-" + name(source), source,
                ImageCatalog.scan(source, options.classes()), options, null));
    }

    private static String name(Path source) {
        Path file = source.toAbsolutePath().normalize().getFileName();
        return file == null ? "root" : file.toString();
    }

    /**
     * Decodes a catalog through the cache.
     *
     * @param shape the {@code (C, H, W)} the items must have (a test set's, to match its pool), or null
     */
    private ArrayDataset decode(String name, Path source, ImageCatalog.Catalog catalog, ImageOptions options, long[] shape)
            throws IOException {
        ImageDecoder.Size size = options.height() == null ? null : new ImageDecoder.Size(options.height(), options.width());
        try (DecodeCache cache = DecodeCache.open(cacheRoot, source, size, progress)) {
            return assemble(name, catalog, options, shape, cache, decodeMissing(catalog, size, cache));
        }
    }

    /** What each catalog entry became: cached planes, or why it is bad. */
    private record Outcome(DecodeCache.Entry entry, String bad) {}

    private List<Outcome> decodeMissing(ImageCatalog.Catalog catalog, ImageDecoder.Size size, DecodeCache cache)
            throws IOException {
        List<ImageCatalog.Entry> entries = catalog.entries();
        long[] bytes = new long[entries.size()];
        long[] modified = new long[entries.size()];
        Outcome[] outcomes = new Outcome[entries.size()];
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Path file = entries.get(i).path();
            try {
                bytes[i] = Files.size(file);
                modified[i] = Files.getLastModifiedTime(file).toMillis();
            } catch (IOException e) {
                outcomes[i] = new Outcome(null, file + ": cannot be read (" + e.getMessage() + ")");
                continue;
            }
            DecodeCache.Entry hit = cache.lookup(file, bytes[i], modified[i]);
            if (hit != null) {
                outcomes[i] = new Outcome(hit, null);
            } else {
                missing.add(i);
            }
        }
        DecodeCache.Added[] added = new DecodeCache.Added[entries.size()];
        if (!missing.isEmpty()) {
            try (ProgressTask task = progress.start("Decoding images into " + cache.directory(), missing.size(), "images")) {
                AtomicInteger done = new AtomicInteger();
                missing.parallelStream().forEach(i -> {
                    Path file = entries.get(i).path();
                    try {
                        added[i] = new DecodeCache.Added(file, bytes[i], modified[i], ImageDecoder.decodeRgb(file, size));
                    } catch (IOException | IllegalArgumentException e) {
                        outcomes[i] = new Outcome(null, e instanceof DataFormatException d ? d.getMessage()
                                : file + ": cannot be read (" + e.getMessage() + ")");
                    }
                    if (done.incrementAndGet() % 256 == 0) {
                        task.step(256);
                    }
                });
                task.step(done.get() % 256);
            }
        }
        List<DecodeCache.Added> toStore = Arrays.stream(added).filter(a -> a != null).toList();
        cache.update(toStore, entries.stream().map(ImageCatalog.Entry::path).toList());
        for (int i = 0; i < entries.size(); i++) {
            if (added[i] != null) {
                outcomes[i] = new Outcome(cache.lookup(entries.get(i).path(), bytes[i], modified[i]), null);
            }
        }
        return Arrays.asList(outcomes);
    }

    private ArrayDataset assemble(String name, ImageCatalog.Catalog catalog, ImageOptions options, long[] shape,
            DecodeCache cache, List<Outcome> outcomes) throws IOException {
        List<ImageCatalog.Entry> entries = catalog.entries();
        ImageDecoder.Size wantSize = shape != null ? new ImageDecoder.Size((int) shape[1], (int) shape[2])
                : mostCommonSize(outcomes);
        List<String> bad = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        boolean allGray = true;
        for (int i = 0; i < entries.size(); i++) {
            Outcome o = outcomes.get(i);
            if (o.bad() != null) {
                bad.add(o.bad());
            } else if (!o.entry().size().equals(wantSize)) {
                bad.add(entries.get(i).path() + ": is " + text(o.entry().size()) + " (height x width) where the other "
                        + "images are " + text(wantSize) + "; give an image size to resize every image");
            } else {
                kept.add(i);
                allGray &= o.entry().gray();
            }
        }
        if (!bad.isEmpty() && !options.skipBad()) {
            throw new DataFormatException(name, trimPeriod(bad.get(0)) + (bad.size() > 1 ? " (and " + (bad.size() - 1)
                    + " more bad image(s))" : "") + ". Fix or remove the file, or skip bad images (--skip-bad).");
        }
        if (kept.isEmpty()) {
            throw new DataFormatException(name, "none of the " + entries.size() + " images can be used; the first: "
                    + bad.get(0) + ".");
        }
        boolean gray = options.color() == ImageOptions.Color.GRAY
                || options.color() == ImageOptions.Color.AUTO && (shape != null ? shape[0] == 1 : allGray);
        int height = wantSize.height();
        int width = wantSize.width();
        int channels = gray ? 1 : 3;
        long total = (long) kept.size() * channels * height * width;
        if (total > Integer.MAX_VALUE) {
            throw new DataFormatException(name, kept.size() + " images of " + channels + "x" + height + "x" + width
                    + " pixels take " + total + " bytes, more than the 2 GiB one pool holds; give a smaller image size.");
        }
        ByteBuffer pixels = ByteBuffer.allocate((int) total);
        int[] labels = new int[kept.size()];
        List<Path> files = new ArrayList<>(kept.size());
        try (FileChannel in = FileChannel.open(cache.pixelsFile(), StandardOpenOption.READ);
                ProgressTask task = progress.start("Reading " + name + " from the decode cache", entries.size(),
                        "images")) {
            if (!bad.isEmpty()) {
                task.message("skipped " + bad.size() + " with --skip-bad; the first: " + trimPeriod(bad.get(0)));
            }
            for (int k = 0; k < kept.size(); k++) {
                int i = kept.get(k);
                byte[] rgb = DecodeCache.read(in, outcomes.get(i).entry());
                pixels.put(gray ? ImageDecoder.luma(rgb) : rgb);
                labels[k] = entries.get(i).label();
                files.add(entries.get(i).path());
                task.step(1);
            }
        }
        pixels.flip();
        HostArray values = HostArray.wrap(ElementType.UINT8,
                new long[] {kept.size(), channels, height, width}, pixels);
        return ArrayDataset.partlyLabeled(name, values, labels, catalog.classes()).withItemFiles(files);
    }

    private static String trimPeriod(String message) {
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    private static ImageDecoder.Size mostCommonSize(List<Outcome> outcomes) {
        Map<ImageDecoder.Size, Integer> counts = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            if (o.entry() != null) {
                counts.merge(o.entry().size(), 1, Integer::sum);
            }
        }
        // With no readable image every file is already bad; any size will do.
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(new ImageDecoder.Size(1, 1));
    }

    private static String text(ImageDecoder.Size size) {
        return size.height() + "x" + size.width();
    }
}
