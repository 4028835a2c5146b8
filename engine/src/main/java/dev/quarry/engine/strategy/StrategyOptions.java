package dev.quarry.engine.strategy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The options given to one strategy, checked against what it accepts, with typed getters that
 * fall back to the declared defaults.
 */
public final class StrategyOptions {

    private final String strategy;
    private final Map<String, OptionSpec> specs;
    private final Map<String, String> values;

    private StrategyOptions(String strategy, Map<String, OptionSpec> specs, Map<String, String> values) {
        this.strategy = strategy;
        this.specs = specs;
        this.values = values;
    }

    /**
     * Checks the given options against the specs.
     *
     * @param strategy the strategy's name, for messages
     * @param specs what it accepts
     * @param given what the user gave
     * @return the options
     * @throws IllegalArgumentException for an unknown option, listing the known ones
     */
    public static StrategyOptions of(String strategy, List<OptionSpec> specs, Map<String, String> given) {
        Map<String, OptionSpec> byName = new LinkedHashMap<>();
        specs.forEach(s -> byName.put(s.name(), s));
        for (String key : given.keySet()) {
            if (!byName.containsKey(key)) {
                String known = byName.isEmpty() ? "it takes no options" : "its options are " + byName.keySet();
                throw new IllegalArgumentException("Unknown option '" + key + "' for strategy '" + strategy + "'; "
                        + known + ".");
            }
        }
        return new StrategyOptions(strategy, byName, new TreeMap<>(given));
    }

    /**
     * The raw value of an option, or its default.
     *
     * @param name the option
     * @return the value
     */
    public String get(String name) {
        OptionSpec spec = specs.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("Strategy '" + strategy + "' declares no option '" + name + "'.");
        }
        return values.getOrDefault(name, spec.defaultValue());
    }

    /**
     * An integer option.
     *
     * @param name the option
     * @return the value
     * @throws IllegalArgumentException if it is not an integer
     */
    public int getInt(String name) {
        String v = get(name);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Option " + name + " of strategy '" + strategy
                    + "' must be an integer, got '" + v + "'.", e);
        }
    }

    /**
     * A floating-point option.
     *
     * @param name the option
     * @return the value
     * @throws IllegalArgumentException if it is not a finite number
     */
    public double getDouble(String name) {
        String v = get(name);
        try {
            double d = Double.parseDouble(v.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Option " + name + " of strategy '" + strategy
                + "' must be a finite number, got '" + v + "'.");
    }

    /**
     * The options that were given explicitly.
     *
     * @return name to value, sorted by name
     */
    public Map<String, String> given() {
        return values;
    }

    @Override
    public String toString() {
        return specs.keySet().stream().map(k -> k + "=" + get(k)).collect(Collectors.joining(", ", "{", "}"));
    }
}
