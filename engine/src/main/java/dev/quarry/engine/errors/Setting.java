package dev.quarry.engine.errors;

/**
 * The configuration settings an {@link InvalidInputException} can be about, by the names a
 * configuration file uses; front ends map them to their own words (the CLI to its flags).
 */
public enum Setting {
    /** Where a dataset's files are. */
    DATASET_PATH("dataset.path"),
    /** The label column of a CSV table. */
    DATASET_LABEL_COLUMN("dataset.labelColumn"),
    /** The pool's subsample size. */
    POOL_SIZE("dataset.poolSize"),
    /** The long tail of the pool. */
    IMBALANCE("dataset.imbalance"),
    /** The size images are decoded to. */
    IMAGE_SIZE("dataset.images.height/width"),
    /** The classes of an image folder. */
    IMAGE_CLASSES("dataset.images.classes"),
    /** Who answers the queries. */
    ORACLE("oracle"),
    /** The initial labeled set's size. */
    INITIAL_LABELED("initialLabeled"),
    /** Items selected per round. */
    BUDGET_PER_ROUND("budgetPerRound"),
    /** Query rounds. */
    ROUNDS("rounds"),
    /** The strategy's name. */
    STRATEGY("strategy"),
    /** The strategy's options. */
    STRATEGY_OPTIONS("strategyOptions"),
    /** Which built-in network learns. */
    MODEL_KIND("model.kind"),
    /** The run directory. */
    RUN_DIRECTORY("runDirectory"),
    /** The axis order of 3-D probabilities given offline. */
    LAYOUT("layout"),
    /** Probabilities given offline. */
    PROBABILITIES("probabilities"),
    /** Embeddings given offline. */
    EMBEDDINGS("embeddings"),
    /** The items themselves, given offline. */
    ITEMS("items");

    private final String key;

    Setting(String key) {
        this.key = key;
    }

    /** @return the setting's name in a configuration file, such as {@code dataset.path} */
    public String key() {
        return key;
    }
}
