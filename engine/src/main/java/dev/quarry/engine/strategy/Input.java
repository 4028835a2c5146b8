package dev.quarry.engine.strategy;

import dev.quarry.engine.model.McScope;
import dev.quarry.engine.model.McSpec;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a strategy reads, declared up front: the loop (or the offline path) computes exactly these
 * before the selection, over the round's rows, and fails with one clear error when it cannot.
 * A {@link Scorer} reduces its input chunk by chunk; a {@link Selector} receives whole inputs in
 * {@link RoundInputs}.
 */
public sealed interface Input {

    /**
     * Deterministic class probabilities, {@code (N, C)} float32. Offline, from {@code (N, T, C)}
     * input, their mean over the passes.
     *
     * @return the input
     */
    static Input probabilities() {
        return Probabilities.INSTANCE;
    }

    /**
     * MC-dropout class probabilities, {@code (N, T, C)} float32.
     *
     * @param passes T; empty means {@link McSpec#DEFAULT_SAMPLES} passes from a model and, offline,
     *     the passes that were given
     * @param scope the whole network or the head only
     * @param sharedMasks whether pass t uses one dropout mask for every item (BatchBALD)
     * @return the input
     */
    static Input mc(OptionalInt passes, McScope scope, boolean sharedMasks) {
        return new McProbabilities(passes, scope, sharedMasks);
    }

    /**
     * Embeddings of the round's unlabeled rows, {@code (N, d)} float32: the learner's penultimate
     * features.
     *
     * @return the input
     */
    static Input embeddings() {
        return new Embeddings(false, null);
    }

    /**
     * Embeddings of the labeled items, {@code (L, d)} float32, rows following the labeled ids.
     *
     * @return the input
     */
    static Input labeledEmbeddings() {
        return new Embeddings(true, null);
    }

    /**
     * The items themselves, {@code (n, ...)} float32 chunks as the item source holds them; only a
     * scorer may read them (chunk by chunk).
     *
     * @return the input
     */
    static Input items() {
        return Items.INSTANCE;
    }

    /** Deterministic class probabilities. */
    enum Probabilities implements Input {
        /** The one instance. */
        INSTANCE;

        @Override
        public String toString() {
            return "probabilities (N, C)";
        }
    }

    /**
     * MC-dropout class probabilities.
     *
     * @param passes T, or empty for the default (see {@link Input#mc})
     * @param scope the whole network or the head only
     * @param sharedMasks whether the masks are shared across items
     */
    record McProbabilities(OptionalInt passes, McScope scope, boolean sharedMasks) implements Input {

        /**
         * Validates the request.
         *
         * @param passes T or empty
         * @param scope the scope
         * @param sharedMasks shared masks
         */
        public McProbabilities {
            Objects.requireNonNull(passes, "passes");
            Objects.requireNonNull(scope, "scope");
            if (passes.isPresent() && passes.getAsInt() < 1) {
                throw new IllegalArgumentException("MC passes " + passes.getAsInt() + " must be >= 1.");
            }
        }

        /**
         * The request for a model, which must be told T.
         *
         * @return the spec, {@link McSpec#DEFAULT_SAMPLES} passes when none were asked for
         */
        public McSpec spec() {
            return new McSpec(passes.orElse(McSpec.DEFAULT_SAMPLES), scope, sharedMasks);
        }

        @Override
        public String toString() {
            return "MC probabilities (N, T, C) with " + (passes.isPresent() ? "T = " + passes.getAsInt() : "default T")
                    + (sharedMasks ? " and shared masks" : "");
        }
    }

    /**
     * Embeddings of the unlabeled rows or of the labeled items.
     *
     * @param labeled true for the labeled items' embeddings
     * @param encoder computes them from the items instead of the learner, or null for the learner's
     */
    record Embeddings(boolean labeled, Encoder encoder) implements Input {

        /**
         * The same embeddings computed by another encoder.
         *
         * @param other the encoder
         * @return the input
         */
        public Embeddings encodedBy(Encoder other) {
            return new Embeddings(labeled, Objects.requireNonNull(other, "encoder"));
        }

        @Override
        public String toString() {
            return (labeled ? "labeled embeddings (L, d)" : "embeddings (N, d)")
                    + (encoder == null ? "" : " from " + encoder.name());
        }
    }

    /** The items themselves. */
    enum Items implements Input {
        /** The one instance. */
        INSTANCE;

        @Override
        public String toString() {
            return "the items themselves";
        }
    }
}
