package org.stilt.core.registry;

import java.time.Instant;
import java.util.Objects;

import org.stilt.core.project.Receptor;

/**
 * A simulation a worker has claimed: what to run and the lease under which its outcome will be
 * accepted. The lease token identifies this one claim: a later claim of the same simulation (after
 * this lease expired) gets another token, so an outcome under this one is then rejected.
 *
 * @param simulationId      the simulation id
 * @param sceneId           its scene, or null
 * @param receptor          its receptor
 * @param configFingerprint the configuration fingerprint it was registered with
 * @param attempt           which try this is since the last reset (1 = first); compared with {@code max_attempts}
 * @param attemptNumber     which try this is in the simulation's whole history (names its attempt record)
 * @param workerId          the worker holding the lease
 * @param leaseToken        the token of this claim
 * @param leaseExpiresAt    when the lease expires unless renewed (database clock)
 *
 * <p>Thread-safety: immutable value.
 */
public record ClaimedSimulation(String simulationId, String sceneId, Receptor receptor, String configFingerprint,
        int attempt, int attemptNumber, String workerId, String leaseToken, Instant leaseExpiresAt) {

    public ClaimedSimulation {
        Objects.requireNonNull(simulationId, "simulationId");
        Objects.requireNonNull(receptor, "receptor");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(leaseToken, "leaseToken");
    }
}
