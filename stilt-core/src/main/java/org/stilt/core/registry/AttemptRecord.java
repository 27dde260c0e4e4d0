package org.stilt.core.registry;

import java.time.Instant;

/**
 * One try of a simulation in its attempt history.
 *
 * @param simulationId  the simulation
 * @param attemptNumber 1 for its first try ever, counting across requeues
 * @param workerId      the worker that claimed it
 * @param startedAt     when it was claimed
 * @param endedAt       when it ended, or null while running
 * @param outcome       {@code complete}, {@code complete-empty}, {@code failed}, {@code lease-expired} (the worker
 *                      vanished), {@code released} (given back by a stopping worker), {@code superseded}
 *                      (registered again with another configuration), or null while running
 * @param failureReason the failure reason of a failed or expired try, or null
 *
 * <p>Thread-safety: immutable value.
 */
public record AttemptRecord(String simulationId, int attemptNumber, String workerId, Instant startedAt,
        Instant endedAt, String outcome, String failureReason) {

    /** Outcome of a try whose lease expired before it reported. */
    public static final String LEASE_EXPIRED = "lease-expired";
    /** Outcome of a try given back unfinished by a stopping worker. */
    public static final String RELEASED = "released";
    /** Outcome of a try whose simulation was registered again with another configuration or receptor. */
    public static final String SUPERSEDED = "superseded";
}
