package org.stilt.core.rng;

/**
 * The Philox4x32-10 block function (Salmon, Moraes, Dror and Shaw, "Parallel random numbers: as
 * easy as 1, 2, 3", SC'11): a keyed bijection of 128-bit counters, written from the published
 * description and checked against the Random123 known-answer vectors. Words are {@code int}s
 * read as unsigned 32-bit values.
 *
 * <p>Thread-safety: stateless; safe to call from any number of threads.
 */
public final class Philox4x32 {

    /** Round multipliers. */
    static final int M0 = 0xD2511F53;
    static final int M1 = 0xCD9E8D57;
    /** Weyl increments of the key between rounds. */
    static final int W0 = 0x9E3779B9;
    static final int W1 = 0xBB67AE85;
    /** Rounds. */
    public static final int ROUNDS = 10;

    private static final long MASK32 = 0xFFFF_FFFFL;

    private Philox4x32() {
    }

    /**
     * The output block for counter {@code (c0, c1, c2, c3)} and key {@code (k0, k1)}, written to
     * {@code out[0..3]}.
     *
     * @throws org.stilt.core.InvalidInputException if {@code out} has fewer than 4 elements
     */
    public static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out) {
        if (out.length < 4) {
            throw new org.stilt.core.InvalidInputException("output block needs 4 words, got " + out.length);
        }
        int x0 = c0;
        int x1 = c1;
        int x2 = c2;
        int x3 = c3;
        int key0 = k0;
        int key1 = k1;
        for (int r = 0; r < ROUNDS; r++) {
            if (r > 0) {
                key0 += W0;
                key1 += W1;
            }
            long p0 = (M0 & MASK32) * (x0 & MASK32);
            long p1 = (M1 & MASK32) * (x2 & MASK32);
            int y0 = (int) (p1 >>> 32) ^ x1 ^ key0;
            int y1 = (int) p1;
            int y2 = (int) (p0 >>> 32) ^ x3 ^ key1;
            int y3 = (int) p0;
            x0 = y0;
            x1 = y1;
            x2 = y2;
            x3 = y3;
        }
        out[0] = x0;
        out[1] = x1;
        out[2] = x2;
        out[3] = x3;
    }
}
