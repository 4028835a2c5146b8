/**
 * The RF side of Quarry: the SMAP-like radiometer simulator (IQ and fast modes), RFI generators,
 * classical SMAP-like detectors, the mitigating autoencoder, RF metrics and the RF classification
 * pool used by the active learning loop.
 *
 * <p>Ownership: this module depends only on {@code engine}; it produces footprints as {@code 2 × 16
 * × 8} spectrograms in kelvin with per-cell ground truth. This module is empty until the RF work
 * lands (see the issue "rfi-autoencoder").
 */
package dev.quarry.rfi;
