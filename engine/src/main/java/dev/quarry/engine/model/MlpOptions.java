package dev.quarry.engine.model;

/**
 * The architecture of {@link MlpClassifier}: {@code hiddenLayers} dense layers of {@code hiddenUnits}
 * with ReLU, whose last output is the embedding, then MC dropout and the classifier.
 *
 * @param hiddenUnits the width of each hidden layer, and the embedding size
 * @param hiddenLayers how many hidden layers, >= 1
 * @param dropout the MC-dropout rate in the head, in [0, 1)
 */
public record MlpOptions(int hiddenUnits, int hiddenLayers, float dropout) {

    /** Two hidden layers of 128, dropout 0.5. */
    public static final MlpOptions DEFAULTS = new MlpOptions(128, 2, 0.5f);

    /**
     * Validates the options.
     *
     * @param hiddenUnits the layer width
     * @param hiddenLayers the number of hidden layers
     * @param dropout the dropout rate
     */
    public MlpOptions {
        if (hiddenUnits < 1 || hiddenLayers < 1) {
            throw new IllegalArgumentException("Hidden units " + hiddenUnits + " and layers " + hiddenLayers
                    + " must be >= 1.");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("Dropout rate " + dropout + " must be in [0, 1).");
        }
    }
}
