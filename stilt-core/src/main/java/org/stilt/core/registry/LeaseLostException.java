package org.stilt.core.registry;

import org.stilt.core.StiltException;

/**
 * A worker tried to renew a lease or record an outcome for a simulation whose lease it no longer
 * holds: the lease expired (and the simulation went back to the queue or to another worker), or the
 * simulation was registered again with another configuration. The outcome is not recorded, so a
 * simulation is never completed twice. Its kind is {@code INVALID_INPUT}: the claim it was given is no
 * longer valid; {@link PullWorker} catches it, logs it and goes on.
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public final class LeaseLostException extends StiltException {

    private static final long serialVersionUID = 1L;

    private final String simulationId;

    public LeaseLostException(String simulationId, String message) {
        super(Kind.INVALID_INPUT, message);
        this.simulationId = simulationId;
    }

    /** The simulation whose lease was lost. */
    public String simulationId() {
        return simulationId;
    }
}
