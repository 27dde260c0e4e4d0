package org.stilt.core.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.stilt.core.InvalidInputException;

/**
 * {@link BlockCursor} gives its stream's draws bit for bit, in order, in any order and after being
 * aimed at another stream (the Fortran twin is checked the same way in {@code test_rng}).
 *
 * <p>Thread-safety: JUnit creates one instance per test method; not shared.
 */
class BlockCursorTest {

    private final ParticleStream s = new ParticleStream(77L, 3L, 12L);
    private final ParticleStream t = new ParticleStream(77L, 3L, 13L);

    @Test
    void inOrderItGivesTheStreamsDraws() {
        BlockCursor c = new BlockCursor().aim(s);
        for (long d = 0; d <= 40; d++) {
            assertEquals(Double.doubleToRawLongBits(s.uniform(d)), Double.doubleToRawLongBits(c.uniform(d)), "uniform " + d);
            assertEquals(Double.doubleToRawLongBits(s.normal(d)), Double.doubleToRawLongBits(c.normal(d)), "normal " + d);
        }
    }

    @Test
    void inAnyOrderItGivesTheStreamsDraws() {
        BlockCursor c = new BlockCursor().aim(s);
        for (long d : new long[] {9, 8, 8, 3, 2, 100, 101, 0, 7, 6, 5, 4, (1L << 33) - 1}) {
            assertEquals(Double.doubleToRawLongBits(s.uniform(d)), Double.doubleToRawLongBits(c.uniform(d)), "draw " + d);
        }
    }

    @Test
    void aimedAtAnotherStreamItForgetsTheBlock() {
        BlockCursor c = new BlockCursor().aim(s);
        c.uniform(4);
        c.aim(t);
        assertEquals(t.uniform(5), c.uniform(5), 0.0);
        assertNotEquals(s.uniform(5), c.uniform(5));
    }

    @Test
    void drawsOutsideTheStreamAreRejected() {
        BlockCursor c = new BlockCursor().aim(s);
        assertThrows(InvalidInputException.class, () -> c.uniform(-1));
        assertThrows(InvalidInputException.class, () -> c.uniform(1L << 33));
    }
}
