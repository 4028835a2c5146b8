package dev.quarry.engine.strategy;

import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.errors.Setting;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The one parser of strategy options: text (from a command line or a config file) into a strategy's
 * options record, whose components declare their defaults with {@link Option} and whose constructor
 * validates them. Enums are parsed case-insensitively, once, here; {@code auto} means an empty
 * {@code OptionalInt} or {@code OptionalDouble} (or the word the option chooses, {@link Option#empty()}).
 */
public final class StrategyOptions {

    /** The text that stands for an empty optional value. */
    public static final String AUTO = "auto";

    /**
     * One option as {@code quarry strategies} lists it.
     *
     * @param name the key
     * @param defaultValue the default, as text
     * @param description one line
     */
    public record Described(String name, String defaultValue, String description) {}

    private StrategyOptions() {}

    /**
     * Parses options into a record; what is not given takes its default.
     *
     * @param strategy the strategy's name, for messages
     * @param type the options record
     * @param given option name to text
     * @param <O> the record type
     * @return the validated options
     * @throws InvalidInputException for an unknown option (listing the known ones) or an invalid value
     */
    public static <O extends Record> O parse(String strategy, Class<O> type, Map<String, String> given) {
        return parse(strategy, type, given, List.of());
    }

    /**
     * Parses options into a record, naming other accepted options too when one is unknown.
     *
     * @param strategy the strategy's name, for messages
     * @param type the options record
     * @param given option name to text
     * @param alsoAccepted options handled elsewhere (the registry's common ones), listed in the message
     * @param <O> the record type
     * @return the validated options
     * @throws InvalidInputException for an unknown option or an invalid value
     */
    public static <O extends Record> O parse(String strategy, Class<O> type, Map<String, String> given,
            List<String> alsoAccepted) {
        RecordComponent[] components = type.getRecordComponents();
        Map<String, String> unknown = new TreeMap<>(given);
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            Option option = annotation(type, c);
            if (!option.prefix().isEmpty()) {
                Map<String, String> nested = new TreeMap<>();
                for (Map.Entry<String, String> e : given.entrySet()) {
                    if (e.getKey().startsWith(option.prefix())) {
                        nested.put(e.getKey().substring(option.prefix().length()), e.getValue());
                        unknown.remove(e.getKey());
                    }
                }
                values[i] = Map.copyOf(nested);
                continue;
            }
            String text = unknown.containsKey(c.getName()) ? unknown.remove(c.getName()) : option.value();
            values[i] = value(strategy, c, option, text);
        }
        if (!unknown.isEmpty()) {
            String key = unknown.keySet().iterator().next();
            List<String> known = describe(type).stream().map(Described::name).collect(Collectors.toList());
            known.addAll(alsoAccepted);
            throw new InvalidInputException("Unknown option '" + key + "' for strategy '" + strategy + "'; "
                    + (known.isEmpty() ? "it takes no options" : "its options are " + known) + ".", Setting.STRATEGY_OPTIONS);
        }
        try {
            Constructor<O> constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException invalid) {
                throw new InvalidInputException("Strategy '" + strategy + "': " + invalid.getMessage(), Setting.STRATEGY_OPTIONS,
                        invalid);
            }
            throw new IllegalStateException("Options " + type.getSimpleName() + " failed to build", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Options " + type.getSimpleName() + " cannot be built reflectively", e);
        }
    }

    /**
     * The options a record declares, for listings.
     *
     * @param type the options record
     * @return one entry per option ({@code prefix*} for an inner strategy's options)
     */
    public static List<Described> describe(Class<? extends Record> type) {
        List<Described> out = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            Option option = annotation(type, c);
            String name = option.prefix().isEmpty() ? c.getName() : option.prefix() + "*";
            out.add(new Described(name, option.value(), option.description()));
        }
        return out;
    }

    /**
     * Every option of a parsed record as text, in declaration order: what a strategy's {@code
     * toString} prints and a run's fingerprint records. An inner strategy's options appear under
     * their prefix.
     *
     * @param options the parsed options
     * @return option name to text
     */
    public static Map<String, String> settings(Record options) {
        Map<String, String> out = new LinkedHashMap<>();
        for (RecordComponent c : options.getClass().getRecordComponents()) {
            Option option = annotation(options.getClass(), c);
            Object value;
            try {
                value = c.getAccessor().invoke(options);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read option " + c.getName(), e);
            }
            if (!option.prefix().isEmpty()) {
                ((Map<?, ?>) value).entrySet().stream().sorted(Map.Entry.comparingByKey((a, b) -> a.toString()
                        .compareTo(b.toString()))).forEach(e -> out.put(option.prefix() + e.getKey(), e.getValue()
                                .toString()));
            } else {
                out.put(c.getName(), text(value, option.empty()));
            }
        }
        return out;
    }

    private static String text(Object value, String empty) {
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        if (value instanceof OptionalInt o) {
            return o.isPresent() ? Integer.toString(o.getAsInt()) : empty;
        }
        if (value instanceof OptionalDouble o) {
            return o.isPresent() ? Double.toString(o.getAsDouble()) : empty;
        }
        return String.valueOf(value);
    }

    private static Option annotation(Class<?> type, RecordComponent c) {
        Option option = c.getAnnotation(Option.class);
        if (option == null) {
            throw new IllegalStateException("Option " + c.getName() + " of " + type.getName() + " has no @Option.");
        }
        if (!option.prefix().isEmpty() && !(c.getGenericType() instanceof ParameterizedType p
                && p.getRawType() == Map.class)) {
            throw new IllegalStateException("Option " + c.getName() + " of " + type.getName() + " has a prefix, so it "
                    + "must be a Map<String, String>.");
        }
        return option;
    }

    private static Object value(String strategy, RecordComponent c, Option option, String text) {
        Class<?> type = c.getType();
        String v = text.strip();
        String name = c.getName();
        try {
            if (type == int.class || type == Integer.class) {
                return Integer.parseInt(v);
            }
            if (type == long.class || type == Long.class) {
                return Long.parseLong(v);
            }
            if (type == double.class || type == Double.class) {
                return finite(Double.parseDouble(v));
            }
            if (type == OptionalInt.class) {
                return v.equalsIgnoreCase(option.empty()) ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(v));
            }
            if (type == OptionalDouble.class) {
                return v.equalsIgnoreCase(option.empty()) ? OptionalDouble.empty()
                        : OptionalDouble.of(finite(Double.parseDouble(v)));
            }
        } catch (NumberFormatException e) {
            String kind = type == double.class || type == Double.class || type == OptionalDouble.class ? "a finite number"
                    : "an integer";
            boolean optional = type == OptionalInt.class || type == OptionalDouble.class;
            throw new InvalidInputException("Option " + name + " of strategy '" + strategy + "' must be " + kind
                    + (optional ? " or " + option.empty() : "") + ", got '" + text + "'.", Setting.STRATEGY_OPTIONS, e);
        }
        if (type == boolean.class || type == Boolean.class) {
            if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(v);
            }
            throw new InvalidInputException("Option " + name + " of strategy '" + strategy + "' must be true or false, "
                    + "got '" + text + "'.", Setting.STRATEGY_OPTIONS);
        }
        if (type == String.class) {
            return v;
        }
        if (type == Path.class) {
            return Path.of(v);
        }
        if (type.isEnum()) {
            for (Object constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equalsIgnoreCase(v.replace('-', '_'))) {
                    return constant;
                }
            }
            String choices = Arrays.stream(type.getEnumConstants()).map(e -> text(e, option.empty()))
                    .collect(Collectors.joining(", "));
            throw new InvalidInputException("Option " + name + " of strategy '" + strategy + "' must be one of " + choices
                    + "; got '" + text + "'.", Setting.STRATEGY_OPTIONS);
        }
        throw new IllegalStateException("Option " + name + " has a type the parser does not know: " + type.getName());
    }

    private static double finite(double d) {
        if (!Double.isFinite(d)) {
            throw new NumberFormatException("not finite");
        }
        return d;
    }
}
