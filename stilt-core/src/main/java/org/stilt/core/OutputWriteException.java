package org.stilt.core;

/**
 * An output file could not be written. The message names the file.
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public class OutputWriteException extends StiltException {

    private static final long serialVersionUID = 1L;

    public OutputWriteException(String message, Throwable cause) {
        super(Kind.OUTPUT_FAILED, message, cause);
    }
}
