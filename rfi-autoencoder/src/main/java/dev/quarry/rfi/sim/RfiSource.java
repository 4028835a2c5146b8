package dev.quarry.rfi.sim;

import java.util.Locale;

/**
 * An emitter as one footprint receives it: its interference-to-noise ratio and its polarization.
 *
 * <p>INR is the source's power inside the 24 MHz band, averaged over the footprint and summed over
 * V and H, relative to Tsys: a source at INR 0 dB adds, on average over the footprint's cells, Tsys
 * kelvin split between the two polarizations. The source is linearly polarized at angle ψ from V,
 * and the feed and path add a V–H phase φ, so it adds {@code P·cos²ψ} to V, {@code P·sin²ψ} to H,
 * {@code P·sin2ψ·cosφ} to the third Stokes parameter and {@code −P·sin2ψ·sinφ} to the fourth.
 *
 * @param emitter the waveform
 * @param inrDb interference-to-noise ratio, dB
 * @param angle polarization angle ψ, radians
 * @param phase V–H phase φ, radians
 */
public record RfiSource(Emitter emitter, double inrDb, double angle, double phase) {

    /** Validates the INR. */
    public RfiSource {
        if (!Double.isFinite(inrDb) || !Double.isFinite(angle) || !Double.isFinite(phase)) {
            throw new IllegalArgumentException("RFI source needs finite INR, angle and phase; got INR " + inrDb
                    + " dB, angle " + angle + ", phase " + phase + ".");
        }
    }

    /**
     * The footprint-mean RFI power, K.
     *
     * @param systemKelvin Tsys
     * @return {@code Tsys · 10^(INR/10)}
     */
    public double kelvin(double systemKelvin) {
        return systemKelvin * Math.pow(10, inrDb / 10);
    }

    /** @return the share of the power in V */
    public double verticalShare() {
        return Math.cos(angle) * Math.cos(angle);
    }

    /** @return the share of the power in H */
    public double horizontalShare() {
        return Math.sin(angle) * Math.sin(angle);
    }

    /** @return the third Stokes parameter per unit power */
    public double thirdStokesShare() {
        return Math.sin(2 * angle) * Math.cos(phase);
    }

    /** @return the fourth Stokes parameter per unit power */
    public double fourthStokesShare() {
        return -Math.sin(2 * angle) * Math.sin(phase);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s at INR %.1f dB, psi=%.0f deg", emitter, inrDb, Math.toDegrees(angle));
    }
}
