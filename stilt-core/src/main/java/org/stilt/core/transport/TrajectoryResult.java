package org.stilt.core.transport;

import org.stilt.core.particles.ParticleTable;

/**
 * The outcome of one trajectory run.
 *
 * @param particles          the particle table (R-STILT columns, one row per particle per minute)
 * @param particleCount      particles released
 * @param stoppedEarlyCount  particles that stopped before the end (left the met domain)
 * @param rowCount           rows written
 *
 * <p>Thread-safety: immutable.
 */
public record TrajectoryResult(ParticleTable particles, int particleCount, int stoppedEarlyCount, int rowCount) {
}
