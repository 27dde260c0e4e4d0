package org.stilt.core.registry;

import java.util.Objects;

import org.stilt.core.project.ProjectConfig;
import org.stilt.core.project.Receptor;

/**
 * What a {@link SimulationExecutor} is asked to run: one receptor under one project configuration.
 *
 * @param simulationId the simulation id (names its output folder)
 * @param sceneId      its scene, or null
 * @param receptor     the receptor
 * @param config       the project configuration (its fingerprint equals the registered one)
 * @param attempt      which try this is since registration or requeue (1 = first)
 * @param workerId     the worker running it (for logs)
 *
 * <p>Thread-safety: immutable value.
 */
public record SimulationRequest(String simulationId, String sceneId, Receptor receptor, ProjectConfig config,
        int attempt, String workerId) {

    public SimulationRequest {
        Objects.requireNonNull(simulationId, "simulationId");
        Objects.requireNonNull(receptor, "receptor");
        Objects.requireNonNull(config, "config");
    }
}
