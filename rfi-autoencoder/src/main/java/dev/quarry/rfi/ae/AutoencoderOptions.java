package dev.quarry.rfi.ae;

import java.util.Locale;

/**
 * How the mitigating autoencoder is built and trained. Defaults follow {@code specs/rfi.md}: a
 * convolutional encoder–decoder with a 32-wide bottleneck and the non-negative RFI head, loss = cell
 * MSE + 1 × footprint-mean term, Adam 1e-3, batches of 128, early stopping on the validation
 * footprint T_B RMSE.
 *
 * @param architecture {@code conv} or {@code dense}
 * @param bottleneck width of the code, ≥ 2
 * @param head how the decoder's output {@code d} becomes the footprint: {@code gated} (default)
 *     {@code x − sigmoid(d)·max(x − median, 0)}, {@code softplus} {@code x − softplus(d)}, or {@code none}
 *     (the output is {@code d}, a free reconstruction); the first two only take power away, as RFI only
 *     adds it
 * @param lambda weight of the footprint-mean term, ≥ 0
 * @param learningRate Adam's rate, &gt; 0
 * @param batchSize footprints per step, ≥ 1
 * @param maxEpochs most passes over the training set, ≥ 1
 * @param patience epochs without a better validation RMSE before stopping, ≥ 1
 * @param seed weight initialization and shuffles
 */
public record AutoencoderOptions(String architecture, int bottleneck, String head, double lambda,
        double learningRate, int batchSize, int maxEpochs, int patience, long seed) {

    /** Validates every field. */
    public AutoencoderOptions {
        architecture = architecture == null ? "conv" : architecture.strip().toLowerCase(Locale.ROOT);
        if (!architecture.equals("conv") && !architecture.equals("dense")) {
            throw new IllegalArgumentException("Autoencoder architecture '" + architecture
                    + "' is unknown; use conv or dense.");
        }
        head = head == null ? "gated" : head.strip().toLowerCase(Locale.ROOT);
        if (!head.equals("gated") && !head.equals("softplus") && !head.equals("none")) {
            throw new IllegalArgumentException("Autoencoder head '" + head + "' is unknown; use gated, softplus or none.");
        }
        if (bottleneck < 2) {
            throw new IllegalArgumentException("Bottleneck " + bottleneck + " must be >= 2 (the spec suggests 32).");
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda " + lambda + " must be a finite number >= 0.");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("Learning rate " + learningRate + " must be > 0.");
        }
        if (batchSize < 1 || maxEpochs < 1 || patience < 1) {
            throw new IllegalArgumentException("batchSize " + batchSize + ", maxEpochs " + maxEpochs + " and patience "
                    + patience + " must all be >= 1.");
        }
    }

    /**
     * The defaults.
     *
     * @param seed the seed
     * @return conv, 32, gated RFI head, λ = 1, 1e-3, 128, 40 epochs, patience 10 (the validation RMSE is
     *     noisy: it is dominated by the strongest footprints, and patience 4 stopped at a third of the
     *     useful training)
     */
    public static AutoencoderOptions defaults(long seed) {
        return new AutoencoderOptions("conv", 32, "gated", 1.0, 1e-3, 128, 40, 10, seed);
    }

    /** @param epochs most epochs @return a copy */
    public AutoencoderOptions withMaxEpochs(int epochs) {
        return new AutoencoderOptions(architecture, bottleneck, head, lambda, learningRate, batchSize, epochs,
                patience, seed);
    }

    /** @param kind conv or dense @param output gated, softplus or none @return a copy */
    public AutoencoderOptions withArchitecture(String kind, String output) {
        return new AutoencoderOptions(kind, bottleneck, output, lambda, learningRate, batchSize, maxEpochs, patience,
                seed);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "AutoencoderOptions(%s, bottleneck=%d, head=%s, lambda=%s, lr=%s, batch=%d, maxEpochs=%d, patience=%d,"
                        + " seed=%d)", architecture, bottleneck, head, lambda, learningRate, batchSize, maxEpochs,
                patience, seed);
    }
}
