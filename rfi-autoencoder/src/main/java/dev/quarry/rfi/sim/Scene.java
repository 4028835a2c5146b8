package dev.quarry.rfi.sim;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the footprint looks at: its brightness temperature is drawn uniformly from the scene's range. */
public enum Scene {
    /** Ocean, 90–110 K. */
    OCEAN(90, 110),
    /** Land, 180–290 K. */
    LAND(180, 290);

    private final double minKelvin;
    private final double maxKelvin;

    Scene(double minKelvin, double maxKelvin) {
        this.minKelvin = minKelvin;
        this.maxKelvin = maxKelvin;
    }

    /** @return the coldest scene temperature, K */
    public double minKelvin() {
        return minKelvin;
    }

    /** @return the warmest scene temperature, K */
    public double maxKelvin() {
        return maxKelvin;
    }

    /** @return the lower-case name used in configs and reports */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a scene name.
     *
     * @param name {@code ocean} or {@code land}, any case
     * @return the scene
     * @throws IllegalArgumentException naming the known scenes
     */
    public static Scene parse(String name) {
        for (Scene scene : values()) {
            if (scene.id().equalsIgnoreCase(name.strip())) {
                return scene;
            }
        }
        throw new IllegalArgumentException("Unknown scene '" + name + "'; known scenes: "
                + Arrays.stream(values()).map(Scene::id).collect(Collectors.joining(", ")) + ".");
    }
}
