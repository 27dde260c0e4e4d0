package org.stilt.core;

/**
 * The meteorology a simulation needs does not exist or does not cover it: met files missing for
 * some times (the message names them), or a point outside every met grid.
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public class MetUnavailableException extends StiltException {

    private static final long serialVersionUID = 1L;

    public MetUnavailableException(String message) {
        super(Kind.MET_UNAVAILABLE, message);
    }
}
