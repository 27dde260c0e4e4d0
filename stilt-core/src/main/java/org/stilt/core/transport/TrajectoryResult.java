package org.stilt.core.transport;

import org.stilt.core.particles.ParticleTable;

/**
 * The outcome of one trajectory run.
 *
 * @param particles          the particle table (R-STILT columns, one row per particle per minute)
 * @param particleCount      particles released
 * @param stoppedEarlyCount  particles that stopped before the end (left the met domain)
 * @param rowCount           rows written
 * @param windowRetries      intervals re-run because a particle outran the met window
 * @param finalRegion        the met sub-grid at the end {x0, y0, wx, wy} (0-based first point, size)
 * @param timings            where the run's wall-clock time went
 *
 * <p>Thread-safety: immutable.
 */
public record TrajectoryResult(ParticleTable particles, int particleCount, int stoppedEarlyCount, int rowCount,
                               int windowRetries, int[] finalRegion, TrajectoryTimings timings) {

    public TrajectoryResult {
        finalRegion = finalRegion.clone();
        timings = timings == null ? TrajectoryTimings.NONE : timings;
    }

    @Override
    public int[] finalRegion() {
        return finalRegion.clone();
    }
}
