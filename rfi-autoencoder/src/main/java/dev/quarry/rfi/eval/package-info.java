/**
 * Measuring RFI mitigation against the simulator's ground truth: per-cell detection (SMAP-like flags
 * and the autoencoder's residual), data retained, and footprint T_B bias, RMSE and residual RFI for no
 * mitigation, flag-and-discard, the oracle mask and the autoencoder, per RFI type and 5 dB INR bin,
 * written as CSV, Markdown and charts.
 *
 * <p>Ownership: reads footprints and the autoencoder's output; never trains or simulates.
 */
package dev.quarry.rfi.eval;
