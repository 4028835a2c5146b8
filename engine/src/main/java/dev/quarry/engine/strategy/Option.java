package dev.quarry.engine.strategy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares one option of a strategy on a component of its options record: the registry parses
 * given text into the record with it ({@link StrategyOptions}) and lists it ({@code quarry
 * strategies}). The record's constructor validates the values.
 *
 * <pre>{@code
 * public record KCenterOptions(
 *         @Option(value = "auto", description = "device, java, or auto") Implementation implementation,
 *         @Option(value = "24", description = "MiB per block of distances") int blockMb) { ... }
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Option {

    /**
     * The default, as text; {@code auto} for an empty {@code OptionalInt}/{@code OptionalDouble}.
     *
     * @return the default
     */
    String value();

    /**
     * One line for {@code quarry strategies}.
     *
     * @return the description
     */
    String description();

    /**
     * The text that stands for an empty {@code OptionalInt}/{@code OptionalDouble}.
     *
     * @return the word, {@code auto} unless the option reads better with another ({@code all})
     */
    String empty() default StrategyOptions.AUTO;

    /**
     * For a {@code Map<String, String>} component: it collects every option whose key starts with
     * this prefix (such as {@code score.}), without the prefix, to configure an inner strategy.
     *
     * @return the prefix, or empty for a plain option
     */
    String prefix() default "";
}
