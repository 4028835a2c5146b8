package dev.quarry.rfi.sim;

/**
 * What every emitter shares: its type, and its expected power map normalized to mean 1 with the
 * factor that brings its unit waveform to the same normalization. A subclass builds the raw map from
 * its parameters in its constructor and hands it to {@link #setExpectedPower}.
 */
abstract class MappedEmitter implements Emitter {

    private final RfiType type;
    private double[] expected;
    private double scale;

    MappedEmitter(RfiType type) {
        this.type = type;
    }

    /** Normalizes the raw map (mean 1) and keeps the factor; called once by the constructor. */
    final void setExpectedPower(double[] raw) {
        this.scale = PowerMap.normalize(raw, toString());
        this.expected = raw;
    }

    /**
     * The waveform's amplitude factor for a requested amplitude.
     *
     * @param amplitude square root of the footprint-mean RFI power, K
     * @return the factor on a waveform whose unnormalized power map is the raw map
     */
    final double waveAmplitude(double amplitude) {
        return amplitude * Math.sqrt(scale);
    }

    /** @return the raw map's normalization factor: power while on relative to the footprint mean */
    final double scale() {
        return scale;
    }

    @Override
    public final RfiType type() {
        return type;
    }

    @Override
    public final double[] expectedPower() {
        return expected.clone();
    }
}
