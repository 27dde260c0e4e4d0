package org.stilt.core;

/**
 * The work was cancelled before it finished: the thread running it was interrupted (a simulation
 * timeout, Ctrl-C, a pool shutting down). Nothing it was writing is kept.
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public class RunCancelledException extends StiltException {

    private static final long serialVersionUID = 1L;

    public RunCancelledException(String message) {
        super(Kind.CANCELLED, message);
    }
}
