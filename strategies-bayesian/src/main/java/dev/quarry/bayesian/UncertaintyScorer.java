package dev.quarry.bayesian;

import ai.djl.Device;

import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.errors.Setting;
import dev.quarry.engine.model.McScope;
import dev.quarry.engine.strategy.ChunkMap;
import dev.quarry.engine.strategy.Input;
import dev.quarry.engine.strategy.Scorer;
import dev.quarry.runtime.VectorApi;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * An {@link UncertaintyMeasure} as a scorer: over the deterministic probabilities, or over T
 * MC-dropout passes reduced chunk by chunk on the device so that only N scores reach the host.
 * Least confidence, margin and entropy score the deterministic probabilities unless asked for
 * passes (then their MC mean); BALD, variation ratio and mean-std need passes by definition.
 *
 * <h2>References</h2>
 * Lewis and Gale, "A Sequential Algorithm for Training Text Classifiers", SIGIR 1994;
 * Gal, Islam and Ghahramani, "Deep Bayesian Active Learning with Image Data", ICML 2017.
 */
public final class UncertaintyScorer implements Scorer {

    private final UncertaintyMeasure measure;
    private final Input input;

    /**
     * A scorer with the measure's default passes.
     *
     * @param measure the score
     */
    public UncertaintyScorer(UncertaintyMeasure measure) {
        this(measure, new UncertaintyOptions(OptionalInt.empty(), McScope.FULL));
    }

    /**
     * Creates the scorer.
     *
     * @param measure the score
     * @param options T (auto, or 1 for the deterministic probabilities) and the MC scope
     * @throws InvalidInputException when a measure that needs passes is given fewer than 2
     */
    public UncertaintyScorer(UncertaintyMeasure measure, UncertaintyOptions options) {
        this.measure = Objects.requireNonNull(measure, "measure");
        OptionalInt samples = options.mcSamples();
        if (measure.needsPasses() && samples.isPresent() && samples.getAsInt() < 2) {
            throw new InvalidInputException("Strategy '" + measure.strategyName() + "' needs mcSamples >= 2 (MC-dropout "
                    + "passes), got " + samples.getAsInt() + ".", Setting.STRATEGY_OPTIONS);
        }
        boolean deterministic = samples.isPresent() ? samples.getAsInt() == 1 : !measure.needsPasses();
        this.input = deterministic ? Input.probabilities() : Input.mc(samples, options.mcScope(), false);
    }

    /** @return the measure */
    public UncertaintyMeasure measure() {
        return measure;
    }

    @Override
    public String name() {
        return measure.strategyName();
    }

    @Override
    public Input input() {
        return input;
    }

    @Override
    public ChunkMap open(Device device) {
        return VectorApi.runsOn(device) ? new VectorUncertaintyKernel(measure) : measure::score;
    }

    @Override
    public String toString() {
        return measure.strategyName() + " of " + input;
    }
}
