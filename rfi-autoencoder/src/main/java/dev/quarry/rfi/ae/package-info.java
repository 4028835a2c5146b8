/**
 * The mitigating autoencoder: a DJL encoder–decoder that maps a measured {@code 2 × 16 × 8}
 * footprint to the same footprint without its RFI (optionally through a non-negative RFI head),
 * trained on simulated footprints with a cell + footprint-mean loss and early stopping, saved in
 * DJL's format. Its encoder gives embeddings, its residual a detection statistic.
 *
 * <p>Ownership: the autoencoder owns its DJL model and closes it; inputs and outputs cross this
 * package's boundary as Java arrays in kelvin.
 */
package dev.quarry.rfi.ae;
