package org.stilt.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link KernelStep}'s particle indexing for chunks: a chunk that takes every K-th particle maps
 * its particle p to the ensemble index first + p·K; bad values are rejected with the value named.
 *
 * <p>Thread-safety: JUnit creates one instance per test method; not shared.
 */
class KernelStepTest {

    private static final KernelStep STEP = new KernelStep(0, -60, -1, -60, 0, 100, 100, VerticalMotion.DATA);

    @Test
    void wholeEnsembleAndContiguousChunksCountFromTheirFirstParticle() {
        assertEquals(0, STEP.particleIndex(0));
        assertEquals(41, STEP.particleIndex(41));
        assertEquals(250 + 7, STEP.forChunk(250).particleIndex(7));
    }

    @Test
    void interleavedChunksTakeEveryKthParticle() {
        KernelStep chunk = STEP.forChunk(1, 3);
        assertEquals(1, chunk.particleIndex(0));
        assertEquals(4, chunk.particleIndex(1));
        assertEquals(1 + 3L * 1_000_000, chunk.particleIndex(1_000_000));
    }

    @Test
    void strideBelowOneIsRejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> STEP.forChunk(0, 0));
        assertTrue(e.getMessage().contains("particle stride 0"), e.getMessage());
    }

    @Test
    void theAdvectionSubGridOffsetsCarryThroughChunksAndAreChecked() {
        KernelStep step = STEP.inSubGrid(new AdvectionSubGrid(70, 20, 21, 21)).forChunk(1, 2);
        assertEquals(70, step.advectionX0());
        assertEquals(20, step.advectionY0());
        assertEquals(0, STEP.advectionX0());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> STEP.inSubGrid(new AdvectionSubGrid(100, 0, 1, 1)));
        assertTrue(e.getMessage().contains("advection sub-grid offset (100, 0)"), e.getMessage());
    }
}
