package dev.quarry.engine.model;

import ai.djl.Device;

import java.util.Objects;

/**
 * How pool inference is chunked.
 *
 * @param batchSize rows per forward pass (items, or items × T for replicated MC), >= 1
 * @param memoryBudgetMb the activation memory one MC forward may use; it bounds the replicated
 *     chunk (items × T), > 0
 * @param mcMode replicate the batch T times, loop over T passes, or choose by memory
 */
public record InferenceOptions(int batchSize, int memoryBudgetMb, McMode mcMode) {

    /**
     * CPU defaults: batch 64 (larger CPU batches ran slower and erratically on 2-core machines, as
     * their buffers are mapped and unmapped on every forward), 1 GiB for MC activations, automatic
     * MC mode.
     */
    public static final InferenceOptions CPU_DEFAULTS = new InferenceOptions(64, 1024, McMode.AUTO);

    /** GPU defaults: batch 1024, 4 GiB for MC activations, automatic MC mode. */
    public static final InferenceOptions GPU_DEFAULTS = new InferenceOptions(1024, 4096, McMode.AUTO);

    /**
     * Validates the options.
     *
     * @param batchSize items per forward pass
     * @param memoryBudgetMb the MC activation budget
     * @param mcMode the MC mode
     */
    public InferenceOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("Inference batch size " + batchSize + " must be >= 1.");
        }
        if (memoryBudgetMb < 1) {
            throw new IllegalArgumentException("Inference memory budget " + memoryBudgetMb + " MB must be >= 1.");
        }
        Objects.requireNonNull(mcMode, "mcMode");
    }

    /**
     * The defaults for a device.
     *
     * @param device the device inference runs on
     * @return {@link #GPU_DEFAULTS} on a GPU, else {@link #CPU_DEFAULTS}
     */
    public static InferenceOptions defaultsFor(Device device) {
        return device.isGpu() ? GPU_DEFAULTS : CPU_DEFAULTS;
    }

    /**
     * The same options with another MC mode.
     *
     * @param mode the mode
     * @return new options
     */
    public InferenceOptions withMcMode(McMode mode) {
        return new InferenceOptions(batchSize, memoryBudgetMb, mode);
    }
}
