package dev.quarry.runtime;

/**
 * Process-wide native settings, applied once before the engine starts.
 *
 * @param intraOpThreads libtorch intra-op threads; 0 keeps libtorch's default (one per core)
 * @param interOpThreads libtorch inter-op threads; 0 keeps libtorch's default
 * @param offline whether DJL may download anything (natives, models); Quarry's default is offline
 */
public record RuntimeOptions(int intraOpThreads, int interOpThreads, boolean offline) {

    /** libtorch's thread defaults, offline. */
    public static final RuntimeOptions DEFAULTS = new RuntimeOptions(0, 0, true);

    /**
     * Validates the thread counts.
     *
     * @param intraOpThreads libtorch intra-op threads; 0 keeps libtorch's default
     * @param interOpThreads libtorch inter-op threads; 0 keeps libtorch's default
     * @param offline whether DJL may download anything
     */
    public RuntimeOptions {
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("Intra-op thread count " + intraOpThreads + " must be >= 0 (0 = libtorch default).");
        }
        if (interOpThreads < 0) {
            throw new IllegalArgumentException("Inter-op thread count " + interOpThreads + " must be >= 0 (0 = libtorch default).");
        }
    }

    /**
     * The same options with another intra-op thread count.
     *
     * @param threads the count, 0 for libtorch's default
     * @return new options
     */
    public RuntimeOptions withIntraOpThreads(int threads) {
        return new RuntimeOptions(threads, interOpThreads, offline);
    }
}
