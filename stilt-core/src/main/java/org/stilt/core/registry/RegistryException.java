package org.stilt.core.registry;

import org.stilt.core.StiltException;

/**
 * A registry operation failed: the database could not be opened or reached, a statement failed, or
 * the schema is newer than this program. The message names the operation, the statement and the
 * database. {@link #isTransient()} tells whether retrying later may succeed (connection lost, server
 * restarting, lock time-out).
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public class RegistryException extends StiltException {

    private static final long serialVersionUID = 1L;

    private final boolean transientFailure;

    public RegistryException(String message, boolean transientFailure, Throwable cause) {
        super(Kind.REGISTRY_UNAVAILABLE, message, cause);
        this.transientFailure = transientFailure;
    }

    public RegistryException(String message) {
        this(message, false, null);
    }

    /** True when the failure may go away by itself (lost connection, server restart, busy database). */
    public boolean isTransient() {
        return transientFailure;
    }
}
