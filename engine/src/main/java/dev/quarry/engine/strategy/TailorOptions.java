package dev.quarry.engine.strategy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Options of {@code tailor}.
 *
 * @param candidates the registry names of the strategies it chooses among, comma-separated
 * @param candidateOptions their options, as {@code candidates.<name>.<option>}
 * @param prior the Beta prior's pseudo-counts per arm and class ({@code Beta(prior, prior)})
 */
public record TailorOptions(
        @Option(value = "margin,entropy,least-confidence,random", description = "the strategies it chooses among, "
                + "comma-separated (each with its default options unless given below)") String candidates,
        @Option(value = "", prefix = "candidates.", description = "a candidate's options, e.g. candidates.bald.mcSamples=20")
        Map<String, String> candidateOptions,
        @Option(value = "1", description = "Beta prior pseudo-counts per candidate and class") double prior) {

    /**
     * Validates the options.
     *
     * @param candidates the candidates' names
     * @param candidateOptions their options
     * @param prior the prior's pseudo-counts, > 0
     */
    public TailorOptions {
        Objects.requireNonNull(candidates, "candidates");
        candidateOptions = Map.copyOf(candidateOptions);
        List<String> names = names(candidates);
        if (names.size() < 2) {
            throw new IllegalArgumentException("Option candidates '" + candidates + "' names " + names.size()
                    + " strategies; tailor chooses among at least 2.");
        }
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("Option candidates '" + candidates + "' names a strategy twice.");
        }
        if (names.contains(TailorSelector.NAME)) {
            throw new IllegalArgumentException("Option candidates cannot name tailor itself.");
        }
        if (!(prior > 0) || !Double.isFinite(prior)) {
            throw new IllegalArgumentException("Option prior " + prior + " must be a finite number > 0.");
        }
    }

    /** @return the candidates' names, in order */
    public List<String> names() {
        return names(candidates);
    }

    private static List<String> names(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
