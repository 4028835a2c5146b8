package dev.quarry.rfi.sim;

/**
 * One interferer with fixed parameters, normalized so that its power inside the 24 MHz band,
 * averaged over the footprint, is 1; the simulator scales it to the drawn INR and splits it between
 * V and H. The same parameters drive both simulation modes: {@link #expectedPower()} for fast mode
 * (and as its ground truth), {@link #synthesize} for IQ mode.
 */
public interface Emitter {

    /** @return the interference family */
    RfiType type();

    /**
     * The expected channelizer power per sub-band and 0.3 ms full-band interval.
     *
     * @return {@code CHANNELS × FULL_BAND_SAMPLES} values, index {@code channel · 32 + interval}, with
     *     mean 1
     */
    double[] expectedPower();

    /**
     * Adds the complex baseband waveform over one footprint.
     *
     * @param re real parts, {@link Radiometer#SAMPLES} long
     * @param im imaginary parts
     * @param amplitude factor on the unit-power waveform (the square root of the RFI power in K)
     */
    void synthesize(double[] re, double[] im, double amplitude);

    /** @return the parameters, for reports and logs */
    @Override
    String toString();
}
