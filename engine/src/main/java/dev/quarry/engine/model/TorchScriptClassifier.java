package dev.quarry.engine.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.Trainer;

import dev.quarry.engine.data.ArrayDataset;
import dev.quarry.engine.data.ItemSource;
import dev.quarry.runtime.PyTorchNatives;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * A classifier from a TorchScript file, trained and queried through DJL's PyTorch engine.
 *
 * <h2>The contract for the exported module</h2>
 * <ul>
 *   <li>{@code forward(x)} maps standardized images {@code (n, C, H, W)} to class logits {@code (n,
 *       classes)}.
 *   <li>Its MC dropout is written {@code F.dropout(h, p, self.training or self.mc)} with a boolean
 *       attribute {@code mc} and an exported method {@code set_mc(self, enabled: bool) -> None}, so
 *       dropout can run while BatchNorm stays in eval mode ({@code module.train()} would switch
 *       BatchNorm too).
 *   <li>Optionally an exported {@code embed(x)} returns the penultimate features {@code (n, d)}, for
 *       embedding strategies.
 * </ul>
 * {@code quarry-engine}'s test resources hold {@code export_mc_cnn.py}, which writes such a module.
 *
 * <p>Each round retrains from the file's initial weights (or continues, with warm start). MC runs
 * the whole network T times with independent masks; head-only MC and shared masks need the dropout
 * under Quarry's control and are refused with what to use instead.
 */
public final class TorchScriptClassifier extends DjlClassifier {

    private final Path file;

    /**
     * Creates a classifier from a TorchScript file.
     *
     * @param file the {@code .pt} file
     * @param training how each round trains
     * @param inference how inference is chunked
     * @param normalization input standardization
     * @param itemShape {@code (C, H, W)} of one item
     * @param numClasses the number of classes the module outputs
     * @param device where to train and infer
     * @throws NoSuchFileException if the file does not exist
     */
    public TorchScriptClassifier(Path file, TrainingOptions training, InferenceOptions inference,
            InputNormalization normalization, Shape itemShape, int numClasses, Device device) throws NoSuchFileException {
        super(training, inference, normalization, itemShape, numClasses, device);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "TorchScript file not found");
        }
        this.file = file.toAbsolutePath();
    }

    /**
     * A classifier shaped for a pool, standardized with the pool's pixel statistics.
     *
     * @param file the {@code .pt} file
     * @param pool the pool
     * @param training how each round trains
     * @param inference how inference is chunked
     * @param device where to train and infer
     * @return the classifier
     * @throws NoSuchFileException if the file does not exist
     */
    public static TorchScriptClassifier forPool(Path file, ArrayDataset pool, TrainingOptions training,
            InferenceOptions inference, Device device) throws NoSuchFileException {
        return new TorchScriptClassifier(file, training, inference, InputNormalization.of(pool.values()),
                pool.itemShape(), pool.numClasses(), device);
    }

    @Override
    protected Model createModel() {
        Model loaded = Model.newInstance(modelName(), device, "PyTorch");
        try {
            loaded.load(file, null, Map.of("trainParam", "true"));
        } catch (IOException e) {
            loaded.close();
            throw new UncheckedIOException("Cannot read TorchScript file " + file + ": " + e.getMessage(), e);
        } catch (MalformedModelException | EngineException e) {
            loaded.close();
            throw new IllegalArgumentException(file + " is not a TorchScript module: " + e.getMessage(), e);
        }
        return loaded;
    }

    @Override
    protected void modelChanged() {
        // A freshly loaded module is in eval mode while DJL's flag says training: one eval pass aligns them,
        // so that the first training forward really switches the module to train mode.
        try (NDManager probe = NDManager.newBaseManager(device)) {
            NDArray x = probe.zeros(new Shape(2).addAll(itemShape), DataType.FLOAT32);
            NDArray logits = forward(model.getBlock(), x);
            if (logits.getShape().dimension() != 2 || logits.getShape().get(1) != numClasses) {
                throw new IllegalArgumentException(file + " outputs shape " + logits.getShape() + " for input " + x.getShape()
                        + "; the contract is logits (n, " + numClasses + ").");
            }
        }
    }

    @Override
    protected void initialize(Trainer trainer) {
        // The weights come from the file.
    }

    @Override
    public NDArray embeddings(ItemSource data, long[] ids, NDManager manager) {
        requireTrained();
        NDArray[] out = new NDArray[1];
        forEachChunk("embed", data, ids, manager, inference.batchSize(), this::embed, (from, to, chunk) -> {
            if (out[0] == null) {
                // The width is known from the first chunk; the result must outlive that chunk's scope.
                out[0] = manager.zeros(new Shape(ids.length, chunk.getShape().get(1)), DataType.FLOAT32);
                NDScope.unregister(out[0]);
            }
            out[0].set(new NDIndex(from + ":" + to), chunk);
        });
        return out[0];
    }

    private NDArray embed(NDArray x) {
        // DJL runs another exported method when an input is named module_method:<name>.
        NDArray method = x.getManager().create(0f);
        method.setName("module_method:embed");
        try {
            return model.getBlock().forward(store, new NDList(x, method), false).singletonOrThrow();
        } catch (EngineException e) {
            throw new IllegalArgumentException(file + " has no exported embed(x) method, which embedding strategies need: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void forEachMcChunk(ItemSource data, long[] ids, McSpec spec, long seed, NDManager manager,
            ChunkConsumer consumer) {
        requireTrained();
        if (spec.scope() == McScope.HEAD) {
            throw new IllegalArgumentException("A TorchScript model runs MC dropout through the whole network; use "
                    + "mcScope=full (head-only MC needs the network as a DJL block, see BlockClassifier).");
        }
        if (spec.consistentMasks()) {
            throw new IllegalArgumentException("Shared MC-dropout masks (BatchBALD) need Quarry's McDropout blocks; a "
                    + "TorchScript module draws its own masks. Build the network as a BlockClassifier.");
        }
        Engine.getInstance().setRandomSeed(seedInt(seed));
        int samples = spec.samples();
        PyTorchNatives.runBooleanMethod(model.getBlock(), "set_mc", true);
        try {
            int chunk = Math.max(1, inference.batchSize() / samples);
            forEachChunk("MC full " + samples + "×", data, ids, manager, chunk, x -> forward(model.getBlock(),
                    x.repeat(0, samples)).softmax(1).reshape(x.getShape().get(0), samples, numClasses), consumer);
        } finally {
            PyTorchNatives.runBooleanMethod(model.getBlock(), "set_mc", false);
        }
    }

    @Override
    protected String architecture() {
        return "TorchScript " + file.getFileName();
    }

    @Override
    protected String modelName() {
        return "quarry-torchscript";
    }

    @Override
    public String toString() {
        return "TorchScriptClassifier{file=" + file.getFileName() + ", " + training + ", " + inference + ", "
                + normalization + ", input " + itemShape + ", classes " + numClasses + "}";
    }

    /** The module's file inside a saved directory, so the directory is self-contained on any machine. */
    static final String MODULE_FILE = "torchscript-module.pt";

    @Override
    protected ModelCard card() {
        return new ModelCard("torchscript", null, null, MODULE_FILE, training, itemShape.getShape(), numClasses,
                normalization);
    }

    /** Saves the weights and card, and a copy of the module they belong to. */
    @Override
    public void save(Path directory) throws IOException {
        super.save(directory);
        Files.copy(file, directory.resolve(MODULE_FILE), StandardCopyOption.REPLACE_EXISTING);
    }
}
