package dev.quarry.engine.model;

import java.util.Objects;

/**
 * What MC-dropout inference a strategy asks for.
 *
 * @param samples T, the number of stochastic passes, >= 1
 * @param scope the whole network or the head only
 * @param consistentMasks whether pass t uses the same dropout mask for every item (BatchBALD
 *     needs this: the T passes are then T fixed models); otherwise every item draws its own masks
 */
public record McSpec(int samples, McScope scope, boolean consistentMasks) {

    /** The passes a strategy gets when it does not say how many. */
    public static final int DEFAULT_SAMPLES = 20;

    /** {@link #DEFAULT_SAMPLES} passes through the whole network, independent masks. */
    public static final McSpec DEFAULT = new McSpec(DEFAULT_SAMPLES, McScope.FULL, false);

    /**
     * Validates the spec.
     *
     * @param samples T
     * @param scope the scope
     * @param consistentMasks whether masks are shared across items
     */
    public McSpec {
        if (samples < 1) {
            throw new IllegalArgumentException("MC samples " + samples + " must be >= 1.");
        }
        Objects.requireNonNull(scope, "scope");
    }
}
