package dev.quarry.engine.data;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.errors.Setting;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Where an experiment's pool and test set come from.
 *
 * <ul>
 *   <li>{@code fashion-mnist-subset} (default): the 10 000-image Fashion-MNIST test split embedded
 *       in Quarry, split by a seeded stratified draw into a pool and {@code testSize} (default
 *       2 000) test images. Runs anywhere.
 *   <li>{@code fashion-mnist}: the full dataset, 60 000 pool and 10 000 test images, from {@code
 *       path} or Debian's {@code /usr/share/datasets/fashion-mnist} ({@code apt-get install
 *       dataset-fashion-mnist}).
 *   <li>{@code idx}: any MNIST-format directory at {@code path} ({@code train-images-idx3-ubyte[.gz]},
 *       {@code train-labels-idx1-ubyte[.gz]}, {@code t10k-…}).
 *   <li>{@code npy}: a directory at {@code path} with {@code x_train.npy} (images {@code (N, H, W)} or
 *       {@code (N, C, H, W)}, feature vectors {@code (N, d)}, any {@code (N, ...)}) and {@code
 *       y_train.npy}; {@code x_test.npy} and {@code y_test.npy} when there is a test set.
 *   <li>{@code csv}: a feature table at {@code path} (numeric columns and a label column named
 *       {@code labelColumn}), or a directory with {@code train.csv} and, when there is a test set,
 *       {@code test.csv}.
 *   <li>{@code images}: image files at {@code path}, in class folders or listed in a CSV manifest,
 *       decoded as {@code images} says (contributed by the labeling module).
 *   <li>any name a {@link DatasetProvider} on the class path contributes, such as {@code rf-smap}.
 * </ul>
 *
 * @param name one of the names above (see {@link #names()})
 * @param path the directory, where the name needs one (null otherwise)
 * @param poolSize keep a stratified subsample of this many pool items; 0 keeps all
 * @param testSize the test-set size: for the embedded subset the split size, otherwise a stratified
 *     subsample; 0 means the default (2 000 for the subset, all otherwise)
 * @param splitSeed the seed of the split and subsamples; fixed apart from the run seed so that
 *     runs with different seeds share one test set
 * @param labelColumn the label column of a {@code csv} table (default {@code label}); null otherwise
 * @param images how image files are decoded, for {@code images} (defaults when null); null otherwise
 * @param imbalance a long-tailed pool: class {@code c} keeps a {@code imbalance^(-c / (C - 1))}
 *     share of its items, so the last class has {@code imbalance} times fewer than the first (the
 *     long-tailed CIFAR construction of Cui et al. 2019); the test set stays as it is; null for the
 *     pool as it comes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetSpec(String name, String path, int poolSize, int testSize, long splitSeed, String labelColumn,
        ImageOptions images, Double imbalance) {

    /** The embedded subset. */
    public static final String FASHION_MNIST_SUBSET = "fashion-mnist-subset";
    /** The full Fashion-MNIST. */
    public static final String FASHION_MNIST = "fashion-mnist";
    /** Any MNIST-format directory. */
    public static final String IDX = "idx";
    /** A directory of {@code .npy} files. */
    public static final String NPY = "npy";
    /** A CSV feature table. */
    public static final String CSV = "csv";
    /** Image files in class folders or a manifest (its reader is in the labeling module). */
    public static final String IMAGES = "images";
    /** The label column of a CSV table unless {@code labelColumn} says otherwise. */
    public static final String DEFAULT_LABEL_COLUMN = "label";
    /** Where Debian's {@code dataset-fashion-mnist} puts the files. */
    public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    static final List<String> FASHION_MNIST_CLASSES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static final List<String> BUILT_IN = List.of(FASHION_MNIST_SUBSET, FASHION_MNIST, IDX, NPY, CSV);
    private static final int DEFAULT_SUBSET_TEST_SIZE = 2000;
    private static final String RESOURCE_DIR = "/dev/quarry/engine/data/fashion-mnist/";

    /**
     * Validates the spec.
     *
     * @param name one of the names above
     * @param path the directory, where the name needs one
     * @param poolSize 0 or a positive pool size
     * @param testSize 0 or a positive test size
     * @param splitSeed the split seed
     * @param labelColumn the label column of a CSV table, or null
     * @param images image options for {@code images}, or null
     * @param imbalance the long tail's ratio, >= 1, or null
     */
    public DatasetSpec {
        if (imbalance != null && !(imbalance >= 1 && imbalance <= 1e6)) {
            throw new InvalidInputException("Imbalance " + imbalance + " must be in [1, 1e6]: how many times fewer items the "
                    + "last class keeps than the first.", Setting.IMBALANCE);
        }
        if (name == null || !names().contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Unknown dataset '" + name + "'; known datasets: " + names() + ".");
        }
        name = name.toLowerCase(Locale.ROOT);
        if ((name.equals(IDX) || name.equals(NPY) || name.equals(CSV) || name.equals(IMAGES))
                && (path == null || path.isBlank())) {
            throw new InvalidInputException("Dataset '" + name + "' needs the directory that holds its files.",
                    Setting.DATASET_PATH);
        }
        if (poolSize < 0 || testSize < 0) {
            throw new IllegalArgumentException("Pool size " + poolSize + " and test size " + testSize
                    + " must be >= 0 (0 = all).");
        }
        if (labelColumn != null && !name.equals(CSV)) {
            throw new InvalidInputException("Dataset '" + name + "' has no label column to choose; labelColumn is for csv "
                    + "tables.", Setting.DATASET_LABEL_COLUMN);
        }
        if (images != null && !name.equals(IMAGES)) {
            throw new InvalidInputException("Dataset '" + name + "' is not a folder of images; image options are for "
                    + "the images dataset.", Setting.IMAGE_SIZE);
        }
        if (images == null && name.equals(IMAGES)) {
            images = ImageOptions.DEFAULTS;
        }
    }

    /**
     * A spec without image options (every dataset but {@code images}).
     *
     * @param name the dataset
     * @param path its directory or file, where it needs one
     * @param poolSize 0 or a positive pool size
     * @param testSize 0 or a positive test size
     * @param splitSeed the split seed
     * @param labelColumn the label column of a CSV table, or null
     */
    public DatasetSpec(String name, String path, int poolSize, int testSize, long splitSeed, String labelColumn) {
        this(name, path, poolSize, testSize, splitSeed, labelColumn, null);
    }

    /**
     * A spec with the pool as it comes.
     *
     * @param name the dataset
     * @param path its directory or file, where it needs one
     * @param poolSize 0 or a positive pool size
     * @param testSize 0 or a positive test size
     * @param splitSeed the split seed
     * @param labelColumn the label column of a CSV table, or null
     * @param images image options for {@code images}, or null
     */
    public DatasetSpec(String name, String path, int poolSize, int testSize, long splitSeed, String labelColumn,
            ImageOptions images) {
        this(name, path, poolSize, testSize, splitSeed, labelColumn, images, null);
    }

    /**
     * A spec without a label column (every dataset but a CSV table with its own).
     *
     * @param name the dataset
     * @param path its directory or file, where it needs one
     * @param poolSize 0 or a positive pool size
     * @param testSize 0 or a positive test size
     * @param splitSeed the split seed
     */
    public DatasetSpec(String name, String path, int poolSize, int testSize, long splitSeed) {
        this(name, path, poolSize, testSize, splitSeed, null);
    }

    /**
     * The embedded subset with default sizes.
     *
     * @return the spec
     */
    public static DatasetSpec embeddedSubset() {
        return new DatasetSpec(FASHION_MNIST_SUBSET, null, 0, 0, 0, null, null);
    }

    /**
     * The known dataset names: the built-in ones, then those of {@link DatasetProvider}s on the class path.
     *
     * @return the names
     */
    public static List<String> names() {
        List<String> names = new ArrayList<>(BUILT_IN);
        for (DatasetProvider provider : ServiceLoader.load(DatasetProvider.class)) {
            names.add(provider.name());
        }
        return names;
    }

    private DatasetProvider provider() {
        for (DatasetProvider provider : ServiceLoader.load(DatasetProvider.class)) {
            if (provider.name().equals(name)) {
                return provider;
            }
        }
        throw new IllegalStateException("No dataset provider named " + name + " on the class path.");
    }

    /**
     * The same spec with other sizes.
     *
     * @param pool the pool size, 0 for all
     * @param test the test size, 0 for the default
     * @return the new spec
     */
    public DatasetSpec withSizes(int pool, int test) {
        return new DatasetSpec(name, path, pool, test, splitSeed, labelColumn, images, imbalance);
    }

    /**
     * Reads the data and makes the pool and test set.
     *
     * @return the pool and test set
     * @throws NoSuchFileException if the files are missing, with how to get them
     * @throws DataFormatException if a file is corrupt
     * @throws IOException if reading fails
     */
    public ExperimentData load() throws IOException {
        ExperimentData full;
        switch (name) {
            case FASHION_MNIST_SUBSET:
                full = splitEmbedded();
                break;
            case FASHION_MNIST:
                full = readIdxDirectory(path == null ? DEBIAN_FASHION_MNIST : Path.of(path), "fashion-mnist",
                        FASHION_MNIST_CLASSES);
                break;
            case IDX:
                full = readIdxDirectory(Path.of(path), "idx", null);
                break;
            case NPY:
                full = readNpyDirectory(Path.of(path));
                break;
            case CSV:
                full = readCsv(Path.of(path), labelColumn == null ? DEFAULT_LABEL_COLUMN : labelColumn);
                break;
            default:
                full = provider().load(this);
        }
        ArrayDataset pool = full.pool();
        if (poolSize > 0 && poolSize < pool.size()) {
            if (!pool.hasLabels()) {
                throw new InvalidInputException("A pool size subsamples the pool stratified by class, but " + pool.name()
                        + " is not labeled throughout; leave the pool size out.", Setting.POOL_SIZE);
            }
            pool = pool.subset(pool.name(), StratifiedSampling.sample(pool, poolSize, splitSeed));
        }
        if (imbalance != null && imbalance > 1) {
            if (!pool.hasLabels()) {
                throw new InvalidInputException("A long-tailed pool keeps a share of each class, but " + pool.name()
                        + " is not labeled throughout; leave the imbalance out.", Setting.IMBALANCE);
            }
            pool = pool.subset(pool.name() + "-longtail" + imbalance.intValue(),
                    StratifiedSampling.longTailed(pool.labels(), pool.numClasses(), imbalance, splitSeed + 2));
        }
        Optional<ArrayDataset> test = full.test().map(t -> !name.equals(FASHION_MNIST_SUBSET) && testSize > 0
                && testSize < t.size() ? t.subset(t.name(), StratifiedSampling.sample(t, testSize, splitSeed + 1)) : t);
        return new ExperimentData(pool, test);
    }

    private ExperimentData splitEmbedded() throws IOException {
        ArrayDataset all = ArrayDataset.of("fashion-mnist-t10k",
                readResource("t10k-images-idx3-ubyte.gz"),
                readResource("t10k-labels-idx1-ubyte.gz").toIntArray(),
                FASHION_MNIST_CLASSES);
        int test = testSize > 0 ? testSize : DEFAULT_SUBSET_TEST_SIZE;
        int[][] parts = StratifiedSampling.split(all, test, splitSeed);
        return new ExperimentData(all.subset("fashion-mnist-subset-pool", parts[0]),
                all.subset("fashion-mnist-subset-test", parts[1]));
    }

    private static HostArray readResource(String file) throws IOException {
        try (InputStream in = DatasetSpec.class.getResourceAsStream(RESOURCE_DIR + file)) {
            if (in == null) {
                throw new NoSuchFileException(RESOURCE_DIR + file, null,
                        "embedded dataset missing from the classpath; rebuild quarry-engine");
            }
            return IdxReader.read(in, "embedded " + file);
        }
    }

    private static ExperimentData readIdxDirectory(Path dir, String label, List<String> classNames) throws IOException {
        requireDirectory(dir, label);
        HostArray trainX = IdxReader.read(findIdx(dir, "train-images", "idx3-ubyte"));
        int[] trainY = IdxReader.read(findIdx(dir, "train-labels", "idx1-ubyte")).toIntArray();
        HostArray testX = IdxReader.read(findIdx(dir, "t10k-images", "idx3-ubyte"));
        int[] testY = IdxReader.read(findIdx(dir, "t10k-labels", "idx1-ubyte")).toIntArray();
        List<String> classes = classNames != null ? classNames : numberedClasses(trainY, testY);
        return new ExperimentData(ArrayDataset.of(label + "-train", trainX, trainY, classes),
                ArrayDataset.of(label + "-test", testX, testY, classes));
    }

    private static ExperimentData readNpyDirectory(Path dir) throws IOException {
        requireDirectory(dir, "npy");
        HostArray trainX = NpyReader.read(dir.resolve("x_train.npy"));
        int[] trainY = NpyReader.read(dir.resolve("y_train.npy")).toIntArray();
        boolean hasTest = Files.exists(dir.resolve("x_test.npy")) || Files.exists(dir.resolve("y_test.npy"));
        if (!hasTest) {
            return ExperimentData.withoutTestSet(ArrayDataset.of("npy-train", trainX, trainY, numberedClasses(trainY)));
        }
        HostArray testX = NpyReader.read(dir.resolve("x_test.npy"));
        int[] testY = NpyReader.read(dir.resolve("y_test.npy")).toIntArray();
        List<String> classes = numberedClasses(trainY, testY);
        return new ExperimentData(ArrayDataset.of("npy-train", trainX, trainY, classes),
                ArrayDataset.of("npy-test", testX, testY, classes));
    }

    private static ExperimentData readCsv(Path path, String labelColumn) throws IOException {
        if (!Files.isDirectory(path)) {
            return CsvTable.read(path, null, labelColumn);
        }
        Path test = path.resolve("test.csv");
        return CsvTable.read(path.resolve("train.csv"), Files.exists(test) ? test : null, labelColumn);
    }

    private static void requireDirectory(Path dir, String label) throws NoSuchFileException {
        if (!Files.isDirectory(dir)) {
            String hint = dir.equals(DEBIAN_FASHION_MNIST)
                    ? "install it with `sudo apt-get install dataset-fashion-mnist`, or set the dataset's path"
                    : "set the dataset's path to the directory that holds the files";
            throw new NoSuchFileException(dir.toString(), null, label + " dataset directory not found; " + hint);
        }
    }

    private static Path findIdx(Path dir, String stem, String suffix) throws NoSuchFileException {
        List<String> tried = new ArrayList<>();
        for (String candidate : new String[] {stem + "-" + suffix + ".gz", stem + "-" + suffix, stem + "." + suffix}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
            tried.add(candidate);
        }
        throw new NoSuchFileException(dir.toString(), null, "no " + stem + " file (looked for " + tried + ")");
    }

    private static List<String> numberedClasses(int[]... labelSets) {
        int max = 0;
        for (int[] labels : labelSets) {
            for (int l : labels) {
                if (l < 0) {
                    throw new IllegalArgumentException("Label " + l + " is negative; labels must be 0..C-1.");
                }
                max = Math.max(max, l);
            }
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c <= Math.max(max, 1); c++) {
            names.add(Integer.toString(c));
        }
        return names;
    }
}
