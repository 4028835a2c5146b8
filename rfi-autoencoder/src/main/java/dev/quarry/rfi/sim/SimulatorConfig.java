package dev.quarry.rfi.sim;

import java.util.List;
import java.util.Locale;

/**
 * What the simulator draws. A footprint gets a scene (uniform among {@code scenes}), a scene
 * temperature in the scene's range, and with probability {@code 1 − cleanFraction} between 1 and
 * {@code maxSources} interferers of the listed types, each with its own INR: a share
 * {@code focusFraction} from −25…0 dB (the 0.1–10 K regime that matters; clipped to the configured
 * range), the rest uniform over {@code [minInrDb, maxInrDb]}.
 *
 * @param mode IQ or fast
 * @param scenes the scenes drawn from
 * @param receiverKelvin the receiver temperature, K (&gt; 0; SMAP's is about 300)
 * @param minInrDb lowest INR, dB, in [−30, 10]
 * @param maxInrDb highest INR, dB, in [minInrDb, 10]
 * @param focusFraction share of sources drawn from −25…0 dB, in [0, 1]
 * @param types the RFI types drawn from
 * @param maxSources most interferers per footprint, 1 … 3
 * @param cleanFraction share of footprints without interference, in [0, 1]
 * @param seed base seed; footprint {@code i} depends only on it and {@code i}
 */
public record SimulatorConfig(SimulationMode mode, List<Scene> scenes, double receiverKelvin, double minInrDb,
        double maxInrDb, double focusFraction, List<RfiType> types, int maxSources, double cleanFraction, long seed) {

    /** The INR range the simulator supports, dB. */
    public static final double LOWEST_INR_DB = -30;
    /** The INR range the simulator supports, dB. */
    public static final double HIGHEST_INR_DB = 10;

    /** Validates every field. */
    public SimulatorConfig {
        if (mode == null) {
            throw new IllegalArgumentException("Simulation mode is missing; use iq or fast.");
        }
        scenes = List.copyOf(scenes);
        types = List.copyOf(types);
        if (scenes.isEmpty()) {
            throw new IllegalArgumentException("At least one scene (ocean, land) is needed.");
        }
        if (!(receiverKelvin > 0) || Double.isInfinite(receiverKelvin)) {
            throw new IllegalArgumentException("Receiver temperature " + receiverKelvin
                    + " K must be a positive, finite temperature (SMAP's is about 300 K).");
        }
        if (!(minInrDb >= LOWEST_INR_DB && maxInrDb <= HIGHEST_INR_DB && minInrDb <= maxInrDb)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "INR range [%s, %s] dB must lie within [%.0f, %.0f] dB with min <= max.", minInrDb, maxInrDb,
                    LOWEST_INR_DB, HIGHEST_INR_DB));
        }
        if (!(focusFraction >= 0 && focusFraction <= 1)) {
            throw new IllegalArgumentException("focusFraction " + focusFraction + " must be in [0, 1].");
        }
        if (maxSources < 1 || maxSources > 3) {
            throw new IllegalArgumentException("maxSources " + maxSources + " must be 1, 2 or 3.");
        }
        if (types.isEmpty() && cleanFraction < 1) {
            throw new IllegalArgumentException("No RFI types to draw from; list some (5g, pulsed, cw, chirp) or set"
                    + " cleanFraction to 1.");
        }
        if (!(cleanFraction >= 0 && cleanFraction <= 1)) {
            throw new IllegalArgumentException("cleanFraction " + cleanFraction + " must be in [0, 1].");
        }
    }

    /**
     * The defaults for training data: fast mode, both scenes, 300 K receiver, −30…+10 dB with 70 % of
     * sources in −25…0 dB, every type, up to 3 sources, 20 % clean footprints.
     *
     * @param seed base seed
     * @return the config
     */
    public static SimulatorConfig defaults(long seed) {
        return new SimulatorConfig(SimulationMode.FAST, List.of(Scene.values()), 300, LOWEST_INR_DB, HIGHEST_INR_DB,
                0.7, List.of(RfiType.values()), 3, 0.2, seed);
    }

    /** @param value the mode @return a copy with it */
    public SimulatorConfig withMode(SimulationMode value) {
        return new SimulatorConfig(value, scenes, receiverKelvin, minInrDb, maxInrDb, focusFraction, types, maxSources,
                cleanFraction, seed);
    }

    /** @param low lowest INR @param high highest INR @return a copy drawing every source from [low, high] */
    public SimulatorConfig withInr(double low, double high) {
        return new SimulatorConfig(mode, scenes, receiverKelvin, low, high, 0, types, maxSources, cleanFraction, seed);
    }

    /** @param value the types @param sources most per footprint @param clean clean share @return a copy */
    public SimulatorConfig withSources(List<RfiType> value, int sources, double clean) {
        return new SimulatorConfig(mode, scenes, receiverKelvin, minInrDb, maxInrDb, focusFraction, value, sources,
                clean, seed);
    }

    /** @param value the scenes @return a copy with them */
    public SimulatorConfig withScenes(List<Scene> value) {
        return new SimulatorConfig(mode, value, receiverKelvin, minInrDb, maxInrDb, focusFraction, types, maxSources,
                cleanFraction, seed);
    }

    /** @param value the seed @return a copy with it */
    public SimulatorConfig withSeed(long value) {
        return new SimulatorConfig(mode, scenes, receiverKelvin, minInrDb, maxInrDb, focusFraction, types, maxSources,
                cleanFraction, value);
    }
}
