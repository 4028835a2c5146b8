/**
 * The SMAP-like radiometer simulator: footprints as {@code 2 × 16 × 8} spectrograms in kelvin with
 * the per-cell RFI power as ground truth, in two modes (IQ: complex baseband through a channelizer;
 * fast: Gamma-distributed cells from the emitters' expected power), and the RFI emitters (5G NR
 * downlink, pulsed sinusoid, CW, chirp) that both modes share.
 *
 * <p>Ownership: everything stochastic takes an explicit seed; a footprint depends only on the
 * simulator's config and its index. The physical conventions (INR, polarization, units) are stated
 * once, on {@link dev.quarry.rfi.sim.RfiSource} and {@link dev.quarry.rfi.sim.Radiometer}.
 */
package dev.quarry.rfi.sim;
