package dev.quarry.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code key=value} command-line options. */
final class KeyValues {

    private KeyValues() {}

    /**
     * Parses options such as {@code mcSamples=20}.
     *
     * @param flag the flag, for messages
     * @param values the raw values
     * @return key to value, in order
     */
    static Map<String, String> parse(String flag, List<String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String v : values) {
            int eq = v.indexOf('=');
            if (eq <= 0 || eq == v.length() - 1) {
                throw new IllegalArgumentException(flag + " takes key=value, got '" + v + "'.");
            }
            out.put(v.substring(0, eq).trim(), v.substring(eq + 1).trim());
        }
        return out;
    }

    /**
     * Splits {@code strategy.key=value} options by strategy.
     *
     * @param flag the flag, for messages
     * @param values the raw values
     * @return strategy to its options
     */
    static Map<String, Map<String, String>> parseQualified(String flag, List<String> values) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        parse(flag, values).forEach((key, value) -> {
            int dot = key.indexOf('.');
            if (dot <= 0 || dot == key.length() - 1) {
                throw new IllegalArgumentException(flag + " takes strategy.key=value (for example bald.mcSamples=10), got '"
                        + key + "=" + value + "'.");
            }
            out.computeIfAbsent(key.substring(0, dot), k -> new LinkedHashMap<>()).put(key.substring(dot + 1), value);
        });
        return out;
    }
}
