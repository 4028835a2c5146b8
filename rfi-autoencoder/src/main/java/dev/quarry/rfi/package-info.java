/**
 * The RF side of Quarry: the SMAP-like radiometer simulator (IQ and fast modes) and its RFI
 * emitters in {@code sim}; classical SMAP-like detectors, the mitigating autoencoder, RF metrics and
 * the RF classification pool follow (see the issue "rfi-autoencoder").
 *
 * <p>Ownership: this module depends only on {@code engine}; it produces footprints as {@code 2 × 16
 * × 8} spectrograms in kelvin with per-cell ground truth.
 */
package dev.quarry.rfi;
