package org.stilt.core;

/**
 * A user-supplied value is invalid. The message names the value and what was expected,
 * e.g. {@code "xres must be > 0 (got -0.01)"}.
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public class InvalidInputException extends StiltException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(Kind.INVALID_INPUT, message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(Kind.INVALID_INPUT, message, cause);
    }
}
