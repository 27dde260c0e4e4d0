package org.stilt.core.rng;

/**
 * A particle's stream with its last Philox block kept: draws 2b and 2b + 1 are the two halves of
 * block b ({@link ParticleStream}), so a caller drawing in order computes each block once instead
 * of twice. Values are those of the stream, bit for bit, in any order of draws. The twin of
 * {@code stilt_rng_uniform_cached} / {@code stilt_rng_cache} in Fortran.
 *
 * <p>Thread-safety: not thread-safe; one per thread, {@link #aim aimed} at each particle's stream.
 */
public final class BlockCursor implements RandomDraws {

    private final int[] words = new int[4];
    private ParticleStream stream;
    private long block = -1;

    /** Draws from {@code s} from now on (forgets the kept block). */
    public BlockCursor aim(ParticleStream s) {
        this.stream = s;
        this.block = -1;
        return this;
    }

    @Override
    public double uniform(long draw) {
        long b = stream.blockOf(draw);
        if (b != block) {
            stream.block(b, words);
            block = b;
        }
        int w = (int) (draw & 1L) * 2;
        return RngMath.uniformOfWords(words[w], words[w + 1]);
    }

    @Override
    public double normal(long draw) {
        return RngMath.inverseNormal(uniform(draw));
    }
}
