package dev.quarry.engine.data;

import java.io.IOException;
import java.nio.file.Path;

/** A data file that exists but cannot be read as what it claims to be: wrong magic, bad header, truncated. */
public class DataFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that starts with the file.
     *
     * @param file the file (or a resource name)
     * @param problem what is wrong with it and, where possible, what to do
     */
    public DataFormatException(String file, String problem) {
        super(file + ": " + problem);
    }

    /**
     * Creates the exception with a message that starts with the file.
     *
     * @param file the file
     * @param problem what is wrong with it and, where possible, what to do
     */
    public DataFormatException(Path file, String problem) {
        this(file.toString(), problem);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param file the file (or a resource name)
     * @param problem what is wrong with it
     * @param cause the underlying failure
     */
    public DataFormatException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
