package org.stilt.core.rng;

/**
 * Draws of one particle's random stream by index ({@link ParticleStream}, or {@link BlockCursor}
 * which computes each Philox block once when draws come in order; both give the same values).
 *
 * <p>Thread-safety: implementations say.
 */
public interface RandomDraws {

    /** Uniform in (0, 1) of draw {@code draw} (0-based). */
    double uniform(long draw);

    /** Standard normal of draw {@code draw}: the normal quantile of {@link #uniform}. */
    double normal(long draw);
}
