/**
 * The RF side of Quarry: the SMAP-like radiometer simulator and its RFI emitters ({@code sim}), the
 * classical SMAP-like detectors and flag-and-discard ({@code detect}), the mitigating autoencoder
 * ({@code ae}), its evaluation against the ground truth ({@code eval}), and {@link
 * dev.quarry.rfi.RfiExperiment}, the train and evaluate jobs behind {@code quarry rfi}.
 *
 * <p>Ownership: this module depends only on {@code engine}; it produces footprints as {@code 2 × 16
 * × 8} spectrograms in kelvin with per-cell ground truth.
 */
package dev.quarry.rfi;
