package dev.quarry.engine.loop;

/** Thrown by an oracle whose labels are not available yet; the run pauses and can be resumed. */
public class LabelsPendingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is awaited and where, such as the export file an expert must fill in
     */
    public LabelsPendingException(String message) {
        super(message);
    }
}
