package org.stilt.core.registry;

import java.util.Objects;

import org.stilt.core.project.Receptor;

/**
 * One simulation to register: its id, the scene it belongs to (optional), its receptor and the
 * fingerprint of the configuration it is to be run with.
 *
 * @param simulationId      the simulation id (R-STILT's rule, or the receptor's explicit {@code simulation_id})
 * @param sceneId           a free label grouping simulations (an overpass, a tower-year); null for none
 * @param receptor          where and when particles are released
 * @param configFingerprint {@code ProjectConfig.fingerprint()} of the configuration
 *
 * <p>Thread-safety: immutable value.
 */
public record SimulationEntry(String simulationId, String sceneId, Receptor receptor, String configFingerprint) {

    public SimulationEntry {
        Objects.requireNonNull(receptor, "receptor");
        if (simulationId == null || simulationId.isBlank()) {
            throw new IllegalArgumentException("simulationId must be a non-blank id (got " + simulationId + ")");
        }
        if (configFingerprint == null || configFingerprint.isBlank()) {
            throw new IllegalArgumentException("configFingerprint must be a non-blank hash (got " + configFingerprint + ")");
        }
        if (sceneId != null && sceneId.isBlank()) {
            sceneId = null;
        }
    }

    /** The entry for a receptor under its own simulation id. */
    public static SimulationEntry of(Receptor receptor, String sceneId, String configFingerprint) {
        return new SimulationEntry(receptor.simulationId(), sceneId, receptor, configFingerprint);
    }
}
