package org.stilt.core.transport;

/**
 * What one kernel call does: advance the ensemble from {@code startMinute} to {@code endMinute}
 * (minutes since release; negative backward) in steps of {@code dtMinutes}, with met linearly
 * interpolated in time between frame A valid at {@code frameAMinute} and frame B valid at
 * {@code frameBMinute} (A before B in absolute time). Every step writes one output row per active
 * particle.
 *
 * @param startMinute   minutes since release at the start
 * @param endMinute     minutes since release at the end (inside [frameAMinute, frameBMinute])
 * @param dtMinutes     time step, +1 forward or −1 backward
 * @param frameAMinute  valid time of frame A, minutes since release
 * @param frameBMinute  valid time of frame B, minutes since release (&gt; frameAMinute)
 * @param gridNx        columns of the full met grid (particles at x &lt; 2 or x &gt; nx − 1 stop)
 * @param gridNy        rows of the full met grid
 * @param verticalMotion how particles move vertically
 * @param turbulence     dispersion settings ({@link TurbulenceOptions#OFF}: mean motion only)
 * @param firstParticle  0-based index in the whole ensemble of the state's first particle (its
 *                       random stream and {@code indx} use the global index, so a run split into
 *                       particle chunks gives the same result as one call)
 * @param particleStride the state's particle p has global index firstParticle + p·particleStride
 *                       (1 for a contiguous chunk; K when K chunks take every K-th particle, which
 *                       balances column releases, whose low particles cost the most)
 * @param advectionX0    0-based column offset of the sub-grid whose coordinates positions are
 *                       advanced in, as hycs_std does ({@link AdvectionSubGrid}); 0 = the full grid
 * @param advectionY0    0-based row offset of that sub-grid
 *
 * <p>Thread-safety: immutable.
 */
public record KernelStep(long startMinute, long endMinute, int dtMinutes, double frameAMinute,
                         double frameBMinute, int gridNx, int gridNy, VerticalMotion verticalMotion,
                         TurbulenceOptions turbulence, int firstParticle, int particleStride,
                         int advectionX0, int advectionY0) {

    /** A deterministic step (turbulence off). */
    public KernelStep(long startMinute, long endMinute, int dtMinutes, double frameAMinute, double frameBMinute,
                      int gridNx, int gridNy, VerticalMotion verticalMotion) {
        this(startMinute, endMinute, dtMinutes, frameAMinute, frameBMinute, gridNx, gridNy, verticalMotion,
                TurbulenceOptions.OFF, 0, 1, 0, 0);
    }

    /** A step for a whole ensemble (first particle 0). */
    public KernelStep(long startMinute, long endMinute, int dtMinutes, double frameAMinute, double frameBMinute,
                      int gridNx, int gridNy, VerticalMotion verticalMotion, TurbulenceOptions turbulence) {
        this(startMinute, endMinute, dtMinutes, frameAMinute, frameBMinute, gridNx, gridNy, verticalMotion,
                turbulence, 0, 1, 0, 0);
    }

    /** The same step for a chunk whose first particle has global index {@code first} (contiguous). */
    public KernelStep forChunk(int first) {
        return forChunk(first, 1);
    }

    /** The same step for a chunk whose particle p has global index {@code first + p·stride}. */
    public KernelStep forChunk(int first, int stride) {
        return new KernelStep(startMinute, endMinute, dtMinutes, frameAMinute, frameBMinute, gridNx, gridNy,
                verticalMotion, turbulence, first, stride, advectionX0, advectionY0);
    }

    /** The same step advancing positions in the coordinates of {@code subGrid}. */
    public KernelStep inSubGrid(AdvectionSubGrid subGrid) {
        return new KernelStep(startMinute, endMinute, dtMinutes, frameAMinute, frameBMinute, gridNx, gridNy,
                verticalMotion, turbulence, firstParticle, particleStride, subGrid.x0(), subGrid.y0());
    }

    /** Global 0-based index of the state's particle {@code p}. */
    public long particleIndex(int p) {
        return (long) firstParticle + (long) p * particleStride;
    }

    public KernelStep {
        java.util.Objects.requireNonNull(turbulence, "turbulence");
        if (firstParticle < 0) {
            throw new IllegalArgumentException("first particle " + firstParticle + "; expected >= 0");
        }
        if (particleStride < 1) {
            throw new IllegalArgumentException("particle stride " + particleStride + "; expected >= 1");
        }
        if (advectionX0 < 0 || advectionY0 < 0 || advectionX0 >= gridNx || advectionY0 >= gridNy) {
            throw new IllegalArgumentException("advection sub-grid offset (" + advectionX0 + ", " + advectionY0
                    + "); expected 0 <= x0 < " + gridNx + " and 0 <= y0 < " + gridNy);
        }
        if (dtMinutes != 1 && dtMinutes != -1) {
            throw new IllegalArgumentException("time step " + dtMinutes + " min; expected +1 or -1");
        }
        if (Long.signum(endMinute - startMinute) != dtMinutes && endMinute != startMinute) {
            throw new IllegalArgumentException("step from " + startMinute + " to " + endMinute
                    + " min does not go in the direction of dt " + dtMinutes);
        }
        if (!(frameBMinute > frameAMinute)) {
            throw new IllegalArgumentException("frame times " + frameAMinute + ", " + frameBMinute
                    + "; expected A before B");
        }
    }

    /** Number of steps. */
    public int steps() {
        return (int) Math.abs(endMinute - startMinute);
    }
}
