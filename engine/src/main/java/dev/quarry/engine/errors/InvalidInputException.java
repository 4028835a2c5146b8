package dev.quarry.engine.errors;

import java.util.Optional;

/**
 * Bad input: the data, a shape, an option or a size the caller gave is wrong, and the message says
 * what was wrong and what to give instead.
 */
public class InvalidInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final Setting setting;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what to do
     */
    public InvalidInputException(String message) {
        this(message, null, null);
    }

    /**
     * Creates the exception about one configuration setting.
     *
     * @param message what was wrong and what to do
     * @param setting the setting
     */
    public InvalidInputException(String message, Setting setting) {
        this(message, setting, null);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what was wrong and what to do
     * @param setting the setting it is about, or null
     * @param cause the underlying failure, or null
     */
    public InvalidInputException(String message, Setting setting, Throwable cause) {
        super(message, cause);
        this.setting = setting;
    }

    /**
     * The configuration setting the problem is about, for front ends that name it their own way
     * (the CLI adds the flag that sets it).
     *
     * @return the setting
     */
    public Optional<Setting> setting() {
        return Optional.ofNullable(setting);
    }
}
