package org.stilt.core.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.stilt.core.project.Receptor;

/**
 * Everything the registry knows about one simulation.
 *
 * @param simulationId      the simulation id
 * @param sceneId           its scene, or null
 * @param receptor          its receptor
 * @param configFingerprint fingerprint of the configuration it was registered with
 * @param status            where it is
 * @param attempts          tries since it was registered or requeued (compared with {@code max_attempts})
 * @param totalAttempts     tries in its whole history
 * @param leaseOwner        the worker holding its lease, or null
 * @param leaseExpiresAt    when that lease expires, or null
 * @param timingsSeconds    wall time per phase of the last finished try, s
 * @param failureReason     reason of the last failure (kept while it is retried), or null
 * @param failureMessage    message of the last failure (or why a footprint is empty), or null
 * @param logTail           last lines of the log of the last finished try
 * @param registeredAt      when it was first registered
 * @param updatedAt         when its row last changed
 *
 * <p>Thread-safety: immutable value.
 */
public record SimulationRecord(String simulationId, String sceneId, Receptor receptor, String configFingerprint,
        SimulationStatus status, int attempts, int totalAttempts, String leaseOwner, Instant leaseExpiresAt,
        Map<String, Double> timingsSeconds, String failureReason, String failureMessage, List<String> logTail,
        Instant registeredAt, Instant updatedAt) {

    public SimulationRecord {
        Objects.requireNonNull(simulationId, "simulationId");
        Objects.requireNonNull(status, "status");
        timingsSeconds = Map.copyOf(timingsSeconds);
        logTail = List.copyOf(logTail);
    }
}
