package dev.quarry.engine.strategy;

import java.util.Objects;

/**
 * One option a strategy accepts.
 *
 * @param name the key, such as {@code mcSamples}
 * @param defaultValue the value used when the option is not given
 * @param description one line for {@code quarry strategies}
 */
public record OptionSpec(String name, String defaultValue, String description) {

    /**
     * Validates the spec.
     *
     * @param name the key
     * @param defaultValue the default
     * @param description one line
     */
    public OptionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
    }
}
