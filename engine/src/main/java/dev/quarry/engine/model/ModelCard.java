package dev.quarry.engine.model;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.quarry.engine.data.DataFormatException;
import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a saved model is, written beside its weights ({@value #FILE}): the kind of network and its
 * options, the item shape, the number of classes and the input standardization it was trained with.
 * With it a model's directory is self-contained: {@link #load} rebuilds the learner without the pool
 * it was trained on (on another machine, in a Spark executor), and it computes what the original
 * computes. A network built from a user's own blocks cannot be rebuilt from files; it is recorded
 * as kind {@code block}, and its owner constructs it and calls {@link Learner#load}.
 *
 * @param kind {@code cnn}, {@code mlp}, {@code torchscript} or {@code block}
 * @param cnn the CNN's options, for {@code cnn}
 * @param mlp the MLP's options, for {@code mlp}
 * @param torchscript the TorchScript module's file, relative to the saved directory (which holds a
 *     copy), for {@code torchscript}
 * @param training how it trained (a loaded model can train further the same way)
 * @param itemShape one item's shape
 * @param numClasses the number of classes
 * @param normalization the input standardization
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"kind", "cnn", "mlp", "torchscript", "training", "itemShape", "numClasses", "normalization"})
public record ModelCard(String kind, CnnOptions cnn, MlpOptions mlp, String torchscript, TrainingOptions training,
        long[] itemShape, int numClasses, InputNormalization normalization) {

    /** The card's file name inside a saved model's directory. */
    public static final String FILE = "quarry-model.json";
    /** The kind of a network built from a user's blocks. */
    public static final String BLOCK = "block";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Checks that the card names what its kind needs.
     *
     * @param kind the kind
     * @param cnn the CNN options, or null
     * @param mlp the MLP options, or null
     * @param torchscript the TorchScript file, or null
     * @param training the training options
     * @param itemShape the item shape
     * @param numClasses the classes
     * @param normalization the standardization
     */
    public ModelCard {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(itemShape, "itemShape");
        Objects.requireNonNull(normalization, "normalization");
        if (kind.equals("cnn") && cnn == null || kind.equals("mlp") && mlp == null
                || kind.equals("torchscript") && torchscript == null) {
            throw new IllegalArgumentException("A " + kind + " model card needs its " + kind + " options.");
        }
        itemShape = itemShape.clone();
    }

    /** @return one item's shape (a copy) */
    @Override
    public long[] itemShape() {
        return itemShape.clone();
    }

    /**
     * Writes the card into a model's directory, atomically.
     *
     * @param directory the saved model's directory
     * @throws IOException if writing fails
     */
    public void write(Path directory) throws IOException {
        AtomicFiles.write(directory.resolve(FILE), out -> JSON.writeValue(out, this));
    }

    /**
     * Reads a saved model's card.
     *
     * @param directory the saved model's directory
     * @return the card
     * @throws NoSuchFileException if the directory holds no card (not a model saved by Quarry)
     * @throws DataFormatException if the card is not valid
     * @throws IOException if it cannot be read
     */
    public static ModelCard read(Path directory) throws IOException {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no model card; not a model saved by this Quarry");
        }
        try {
            return JSON.readValue(file.toFile(), ModelCard.class);
        } catch (JacksonException e) {
            throw new DataFormatException(file.toString(), "not a valid model card (" + e.getOriginalMessage() + ")", e);
        }
    }

    /**
     * Rebuilds a saved model: the learner its card describes, with its weights.
     *
     * @param directory the saved model's directory
     * @param inference how the loaded model infers (batch sizes are a property of the machine, not
     *     of the model)
     * @param device where it runs
     * @return the learner, ready to infer
     * @throws InvalidInputException for a model built from a user's blocks
     * @throws IOException if the card or the weights cannot be read
     */
    public static Learner load(Path directory, InferenceOptions inference, Device device) throws IOException {
        ModelCard card = read(directory);
        Shape shape = new Shape(card.itemShape);
        Learner learner = switch (card.kind) {
            case "cnn" -> new CnnClassifier(card.cnn, card.training, inference, card.normalization, shape, card.numClasses,
                    device);
            case "mlp" -> new MlpClassifier(card.mlp, card.training, inference, card.normalization,
                    Math.toIntExact(shape.get(0)), card.numClasses, device);
            case "torchscript" -> new TorchScriptClassifier(directory.resolve(card.torchscript), card.training, inference,
                    card.normalization, shape, card.numClasses, device);
            case BLOCK -> throw new InvalidInputException("The model in " + directory + " was built from your own blocks, "
                    + "which its files cannot rebuild; construct the same BlockClassifier and call load(" + directory
                    + ").");
            default -> throw new DataFormatException(directory.resolve(FILE), "names an unknown kind of model '"
                    + card.kind + "'.");
        };
        try {
            learner.load(directory);
            return learner;
        } catch (IOException | RuntimeException e) {
            learner.close();
            throw e;
        }
    }
}
