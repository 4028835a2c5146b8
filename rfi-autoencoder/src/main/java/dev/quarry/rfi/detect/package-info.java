/**
 * Classical SMAP-like RFI detection, the baseline the autoencoder is measured against: pulse,
 * cross-frequency, kurtosis and polarimetric detectors OR-ed per cell, β tuned on clean footprints to a
 * target false-alarm rate, and the flag-and-discard footprint estimate.
 *
 * <p>Ownership: detectors read {@link dev.quarry.rfi.sim.Footprint}s and never modify them; they know
 * nothing of the ground truth (metrics compare their flags with it elsewhere).
 */
package dev.quarry.rfi.detect;
