package org.stilt.core;

/**
 * An input file is missing, unreadable or malformed. The message names the file and,
 * where known, the line or variable at fault.
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public class UnreadableInputException extends StiltException {

    private static final long serialVersionUID = 1L;

    public UnreadableInputException(String message) {
        super(Kind.INPUT_UNREADABLE, message);
    }

    public UnreadableInputException(String message, Throwable cause) {
        super(Kind.INPUT_UNREADABLE, message, cause);
    }
}
