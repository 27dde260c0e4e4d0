package org.stilt.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/**
 * The height over which the wind goes to zero below internal level 1
 * ({@link JavaTransportKernel#groundWindHeight}): the level's height as hycs_std holds it, from its
 * single-precision σ (docs/parity.md, "Near the ground").
 *
 * <p>Thread-safety: JUnit creates one instance per test method; not shared.
 */
class GroundWindHeightTest {

    @Test
    void level1OfA25KmTopIsItsSinglePrecisionSigmaHeight() {
        // σ₁ = 1 − 10/25000 = 0.9996 is 0.99959999322891235 in single precision
        assertEquals(10.000169277191162, JavaTransportKernel.groundWindHeight(10.0, 25_000.0), 1e-12);
        assertNotEquals(10.0, JavaTransportKernel.groundWindHeight(10.0, 25_000.0));
    }

    @Test
    void dependsOnTheModelTop() {
        // 1 − 10/10000 = 0.999 → 0.99900001287460327 in single precision: 9.99987 m
        assertEquals(9.999871253967285, JavaTransportKernel.groundWindHeight(10.0, 10_000.0), 1e-12);
    }
}
