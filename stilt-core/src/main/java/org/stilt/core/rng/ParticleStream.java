package org.stilt.core.rng;

import org.stilt.core.InvalidInputException;

/**
 * The random stream of one particle: draw {@code d} is a pure function of
 * (run seed, simulation id, particle index, d), so any thread can compute any particle's draws in
 * any order and a run's results do not depend on thread count or particle chunking.
 *
 * <p>Layout (docs/rng.md): Philox4x32-10 with key = (seed low 32 bits, seed high 32 bits) and
 * counter = (d / 2, particle, simulation id low 32 bits, simulation id high 32 bits); draw d uses
 * output words (0, 1) for even d and (2, 3) for odd d. Within one seed distinct (simulation,
 * particle, block) are distinct counters of a bijection, so particle streams never overlap.
 * Identical, bit for bit, to {@code stilt_rng_uniform}/{@code stilt_rng_normal} in Fortran.
 *
 * <p>Thread-safety: immutable record; safe to share.
 *
 * @param seed         run seed, any 64-bit value
 * @param simulationId simulation id, any 64-bit value
 * @param particle     0-based particle index, 0 .. {@link #PARTICLE_LIMIT} - 1
 */
public record ParticleStream(long seed, long simulationId, long particle) implements RandomDraws {

    /** Particle indices are below 2^32 (one counter word). */
    public static final long PARTICLE_LIMIT = 1L << 32;
    /** Draw indices are below 2^33 (two draws per block, block counter one word). */
    public static final long DRAW_LIMIT = 1L << 33;

    /**
     * @throws InvalidInputException if {@code particle} is outside [0, 2^32)
     */
    public ParticleStream {
        if (particle < 0 || particle >= PARTICLE_LIMIT) {
            throw new InvalidInputException("particle index must be in [0, 2^32) (got " + particle + ")");
        }
    }

    /**
     * Uniform draw {@code draw} in (0, 1): (2k + 1) / 2^53 for a 52-bit k, see
     * {@link RngMath#uniformOfWords}.
     *
     * @throws InvalidInputException if {@code draw} is outside [0, 2^33)
     */
    public double uniform(long draw) {
        int[] x = new int[4];
        block(blockOf(draw), x);
        int w = (int) (draw & 1L) * 2;
        return RngMath.uniformOfWords(x[w], x[w + 1]);
    }

    /** The Philox block of draw {@code draw} (checked: 0 ≤ draw < {@link #DRAW_LIMIT}). */
    long blockOf(long draw) {
        checkDraw(draw);
        return draw >>> 1;
    }

    /** Philox block {@code b} of this stream into {@code x} (words 0, 1: draw 2b; 2, 3: draw 2b + 1). */
    void block(long b, int[] x) {
        Philox4x32.block((int) b, (int) particle, (int) simulationId, (int) (simulationId >>> 32),
                (int) seed, (int) (seed >>> 32), x);
    }

    /**
     * Standard-normal draw {@code draw}: the normal quantile ({@link RngMath#inverseNormal}) of
     * uniform draw {@code draw}, so one uniform per normal. Values lie within about +-8.3.
     *
     * @throws InvalidInputException if {@code draw} is outside [0, 2^33)
     */
    public double normal(long draw) {
        return RngMath.inverseNormal(uniform(draw));
    }

    /**
     * Writes draws {@code firstDraw .. firstDraw + n - 1} of {@code distribution} into
     * {@code out[offset .. offset + n - 1]}, computing each Philox block once for two draws.
     *
     * @throws InvalidInputException if a draw index is outside [0, 2^33), n is negative or
     *                               {@code out} has no room for n values at {@code offset}
     */
    public void fill(Distribution distribution, long firstDraw, int n, double[] out, int offset) {
        if (n < 0) {
            throw new InvalidInputException("draw count must not be negative (got " + n + ")");
        }
        if (n == 0) {
            return;
        }
        checkDraw(firstDraw);
        checkDraw(firstDraw + n - 1);
        if (offset < 0 || offset > out.length - n) {
            throw new InvalidInputException("no room for " + n + " draws at offset " + offset + " of an array of "
                    + out.length);
        }
        int[] x = new int[4];
        long current = -1;
        for (int i = 0; i < n; i++) {
            long d = firstDraw + i;
            if ((d >>> 1) != current) {
                current = d >>> 1;
                block(current, x);
            }
            int w = (int) (d & 1L) * 2;
            double u = RngMath.uniformOfWords(x[w], x[w + 1]);
            out[offset + i] = distribution == Distribution.NORMAL ? RngMath.inverseNormal(u) : u;
        }
    }

    private static void checkDraw(long draw) {
        if (draw < 0 || draw >= DRAW_LIMIT) {
            throw new InvalidInputException("draw index must be in [0, 2^33) (got " + draw + ")");
        }
    }
}
