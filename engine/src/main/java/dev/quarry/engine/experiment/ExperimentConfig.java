package dev.quarry.engine.experiment;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.quarry.engine.data.DataFormatException;
import dev.quarry.engine.data.DatasetSpec;
import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.errors.Setting;
import dev.quarry.engine.io.AtomicFiles;
import dev.quarry.engine.labels.InitialSelection;
import dev.quarry.engine.labels.LabelingPlan;
import dev.quarry.runtime.DeviceSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything one active learning run needs. Read from YAML or JSON, where every field left out
 * takes its default, and written back resolved.
 *
 * <pre>
 * dataset: {name: fashion-mnist-subset}
 * strategy: margin
 * initialLabeled: 100
 * budgetPerRound: 100
 * rounds: 10
 * seed: 1
 * device: auto
 * model: {epochs: 10}
 * oracle: simulated
 * </pre>
 *
 * @param dataset where the pool and test set come from
 * @param strategy the strategy's registry name
 * @param strategyOptions the strategy's options
 * @param initialLabeled the initial labeled set's size
 * @param initialSelection how it is drawn
 * @param budgetPerRound items selected per round
 * @param rounds query rounds
 * @param seed the run seed
 * @param device {@code auto}, {@code cpu} or {@code gpu:N}
 * @param model the classifier
 * @param oracle who answers the queries
 */
public record ExperimentConfig(DatasetSpec dataset, String strategy, Map<String, String> strategyOptions,
        int initialLabeled, InitialSelection initialSelection, int budgetPerRound, int rounds, long seed, String device,
        ModelConfig model, OracleKind oracle) {

    /** The default configuration: margin on the embedded subset, 100 + 10 × 100 labels, seed 1, device auto. */
    public static final ExperimentConfig DEFAULTS = new ExperimentConfig(DatasetSpec.embeddedSubset(), "margin", Map.of(),
            100, InitialSelection.RANDOM, 100, 10, 1, "auto", ModelConfig.DEFAULTS, OracleKind.SIMULATED);

    /** Who answers a run's queries. */
    public enum OracleKind {
        /** The pool's ground truth, at once: a benchmark. */
        SIMULATED,
        /**
         * People: each query is written to {@code queries/round-N/} (a CSV and Label Studio tasks) and
         * the run pauses until answers are imported ({@code quarry label import}) or given on the
         * labeling page or in Label Studio; the pool needs no ground truth.
         */
        FILES
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .build())
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * Validates the configuration.
     *
     * @param dataset the dataset
     * @param strategy the strategy
     * @param strategyOptions its options
     * @param initialLabeled the initial size
     * @param initialSelection how the initial set is drawn
     * @param budgetPerRound the budget
     * @param rounds the rounds
     * @param seed the seed
     * @param device the device
     * @param model the classifier
     * @param oracle who answers (null = simulated)
     */
    public ExperimentConfig {
        Objects.requireNonNull(dataset, "dataset");
        if (strategy == null || strategy.isBlank()) {
            throw new IllegalArgumentException("No strategy given.");
        }
        strategyOptions = strategyOptions == null ? Map.of() : Map.copyOf(new TreeMap<>(strategyOptions));
        initialSelection = initialSelection == null ? InitialSelection.RANDOM : initialSelection;
        new LabelingPlan(initialLabeled, initialSelection, budgetPerRound, rounds);
        device = DeviceSpec.parse(device == null ? "auto" : device).toString();
        Objects.requireNonNull(model, "model");
        oracle = oracle == null ? OracleKind.SIMULATED : oracle;
        if (oracle == OracleKind.FILES && initialSelection == InitialSelection.BALANCED) {
            throw new InvalidInputException("A class-balanced initial set is drawn from ground truth, which people "
                    + "labeling the pool do not have; use the random initial set (images in class folders start it).",
                    Setting.ORACLE);
        }
    }

    /**
     * Reads a YAML or JSON file; fields it leaves out take their defaults.
     *
     * @param file the file ({@code .json} is read as JSON, anything else as YAML)
     * @return the configuration
     * @throws NoSuchFileException if the file does not exist
     * @throws DataFormatException if it is not valid or has unknown fields
     * @throws IOException if it cannot be read
     */
    public static ExperimentConfig read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "config file not found");
        }
        ObjectMapper mapper = file.toString().toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
        JsonNode tree;
        try {
            tree = mapper.readTree(file.toFile());
        } catch (JacksonException e) {
            throw new DataFormatException(file.toString(), "not valid " + (mapper == JSON ? "JSON" : "YAML") + ": "
                    + e.getOriginalMessage(), e);
        }
        try {
            return withOverrides(DEFAULTS, tree);
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file.toString(), e.getMessage(), e);
        }
    }

    /**
     * Applies overrides (a JSON/YAML tree of some fields) to a base configuration.
     *
     * @param base the base
     * @param overrides the fields to change; nested objects merge field by field
     * @return the new configuration
     * @throws IllegalArgumentException for unknown fields or invalid values
     */
    public static ExperimentConfig withOverrides(ExperimentConfig base, JsonNode overrides) {
        if (overrides == null || overrides.isNull() || overrides.isMissingNode()) {
            return base;
        }
        if (!overrides.isObject()) {
            throw new IllegalArgumentException("A configuration must be a mapping of fields, got " + overrides.getNodeType() + ".");
        }
        ObjectNode merged = JSON.valueToTree(base);
        merge(merged, overrides);
        try {
            return JSON.treeToValue(merged, ExperimentConfig.class);
        } catch (JacksonException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
            Setting setting = cause instanceof InvalidInputException invalid ? invalid.setting().orElse(null) : null;
            throw new InvalidInputException("Invalid configuration: " + why, setting, e);
        }
    }

    private static void merge(ObjectNode target, JsonNode overrides) {
        for (Map.Entry<String, JsonNode> f : overrides.properties()) {
            JsonNode existing = target.get(f.getKey());
            if (existing instanceof ObjectNode && f.getValue().isObject() && !f.getKey().equals("strategyOptions")) {
                merge((ObjectNode) existing, f.getValue());
            } else {
                target.set(f.getKey(), f.getValue());
            }
        }
    }

    /**
     * Writes the resolved configuration as YAML, atomically.
     *
     * @param file the target
     * @throws IOException if writing fails
     */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toYaml());
    }

    /**
     * The resolved configuration as YAML.
     *
     * @return the text
     */
    public String toYaml() {
        try {
            String yaml = YAML.writeValueAsString(this);
            return yaml.endsWith("\n") ? yaml : yaml + "\n";
        } catch (JacksonException e) {
            throw new IllegalStateException("Cannot serialize " + this, e);
        }
    }

    /**
     * The same configuration with another strategy.
     *
     * @param name the strategy
     * @param options its options
     * @return the new configuration
     */
    public ExperimentConfig withStrategy(String name, Map<String, String> options) {
        return new ExperimentConfig(dataset, name, options, initialLabeled, initialSelection, budgetPerRound, rounds, seed,
                device, model, oracle);
    }

    /**
     * The same configuration with another seed.
     *
     * @param newSeed the seed
     * @return the new configuration
     */
    public ExperimentConfig withSeed(long newSeed) {
        return new ExperimentConfig(dataset, strategy, strategyOptions, initialLabeled, initialSelection, budgetPerRound,
                rounds, newSeed, device, model, oracle);
    }

    /**
     * The same configuration with another number of rounds (a run can be extended this way).
     *
     * @param newRounds the rounds
     * @return the new configuration
     */
    public ExperimentConfig withRounds(int newRounds) {
        return new ExperimentConfig(dataset, strategy, strategyOptions, initialLabeled, initialSelection, budgetPerRound,
                newRounds, seed, device, model, oracle);
    }

    /**
     * The same configuration with another inference batch size (speed changes, results at most in
     * the last bits).
     *
     * @param rows rows per inference forward, or null for the device's default
     * @return the new configuration
     */
    public ExperimentConfig withInferenceBatchSize(Integer rows) {
        return new ExperimentConfig(dataset, strategy, strategyOptions, initialLabeled, initialSelection, budgetPerRound,
                rounds, seed, device, model.withInferenceBatchSize(rows), oracle);
    }

    /**
     * Whether a run started with this configuration may continue with another: everything but the
     * rounds (a finished run may be extended), the device and the inference settings (they change
     * speed, and results at most in rounding; see the run fingerprint) must match.
     *
     * @param other the configuration a resume asks for
     * @return true if the run may continue with it
     */
    public boolean resumableAs(ExperimentConfig other) {
        ExperimentConfig aligned = withRounds(other.rounds).withDevice(other.device);
        return new ExperimentConfig(aligned.dataset, aligned.strategy, aligned.strategyOptions, aligned.initialLabeled,
                aligned.initialSelection, aligned.budgetPerRound, aligned.rounds, aligned.seed, aligned.device,
                aligned.model.withInferenceOf(other.model), aligned.oracle).equals(other);
    }

    /**
     * The same configuration on another device (results do not depend on it, speed does).
     *
     * @param newDevice {@code auto}, {@code cpu} or {@code gpu:N}
     * @return the new configuration
     */
    public ExperimentConfig withDevice(String newDevice) {
        return new ExperimentConfig(dataset, strategy, strategyOptions, initialLabeled, initialSelection, budgetPerRound,
                rounds, seed, newDevice, model, oracle);
    }
}
