package org.stilt.core.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

import org.stilt.core.project.ProjectConfig;
import org.stilt.core.project.Receptor;

/**
 * One simulation of a project: a receptor with the project's configuration.
 *
 * @param projectDir the project folder (met directories are relative to it)
 * @param config     the project's effective configuration
 * @param receptor   the receptor (one row of {@code receptors.csv})
 *
 * <p>Thread-safety: immutable value.
 */
public record SimulationSpec(Path projectDir, ProjectConfig config, Receptor receptor) {

    public SimulationSpec {
        Objects.requireNonNull(projectDir, "projectDir");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(receptor, "receptor");
    }

    /** R-STILT's simulation id ({@link Receptor#simulationId()}). */
    public String simulationId() {
        return receptor.simulationId();
    }

    /**
     * The simulation's configuration fingerprint: SHA-256 (hex) of {@link ProjectConfig#fingerprint()} and the
     * normalised receptor (time, latitude, longitude, altitudes, altitude reference, simulation id). A simulation
     * folder whose completion marker holds this value is complete for this configuration and is skipped.
     */
    public String fingerprint() {
        String text = "stilt-simulation v1\nconfig=" + config.fingerprint() + "\nreceptor=" + receptorLine() + "\n";
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    /**
     * The number of this simulation's random streams (with the run {@code seed} and the particle index it names each
     * particle's stream, docs/rng.md): the first 63 bits of SHA-256 of the simulation id, so it does not depend on
     * the row order of {@code receptors.csv} or on the worker that runs it.
     */
    public long streamNumber() {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(simulationId().getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return v & Long.MAX_VALUE;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    /** The receptor as one normalised line (what the fingerprint hashes). */
    public String receptorLine() {
        return "time=" + receptor.time() + ";latitude=" + receptor.latitudeDegrees() + ";longitude="
                + receptor.longitudeDegrees() + ";altitude=" + receptor.altitudeMeters() + ";altitude_top="
                + (receptor.altitudeTopMeters() == null ? "~" : receptor.altitudeTopMeters().toString())
                + ";altitude_ref=" + receptor.altitudeRef() + ";simulation_id=" + simulationId();
    }
}
