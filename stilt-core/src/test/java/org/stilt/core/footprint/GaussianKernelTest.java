package org.stilt.core.footprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.stilt.core.InvalidInputException;

/**
 * Kernel sizes 1 + 2⌊3σ/res⌋, weights exp(−r²/2σ²) normalised, NaN → 1, σ = 0, per-axis layout.
 *
 * <p>Thread-safety: a JUnit test class; not shared.
 */
class GaussianKernelTest {

    @Test
    void sizesFollowThreeSigma() {
        assertEquals(1, GaussianKernel.size(0, 0.01));
        assertEquals(47, GaussianKernel.size(0.0789, 0.01)); // spec example: 47 x 47 at 0.01 deg
        assertEquals(1, GaussianKernel.size(0.0033, 0.01)); // σ < res/3
        assertEquals(3, GaussianKernel.size(0.0034, 0.01));
        assertEquals(1 + 2 * 7, GaussianKernel.size(0.05, 0.02));
        assertEquals(1 + 2 * 15, GaussianKernel.size(0.05, 0.01));
    }

    @Test
    void zeroBandwidthIsThePointKernel() {
        GaussianKernel k = GaussianKernel.of(0, 0.01, 0.01);
        assertSame(GaussianKernel.POINT, k);
        assertEquals(1.0, k.weights()[0]);
    }

    @Test
    void weightsAreNormalisedGaussians() {
        double sigma = 0.03;
        double res = 0.01;
        GaussianKernel k = GaussianKernel.of(sigma, res, res);
        assertEquals(19, k.nx());
        assertEquals(19, k.ny());
        double sum = 0;
        for (double w : k.weights()) {
            sum += w;
        }
        assertEquals(1, sum, 1e-14);
        int c = 9;
        double centre = k.weights()[c + 19 * c];
        // ratio to the centre is exp(-(x^2+y^2)/(2 sigma^2)) with x, y the cell offsets in degrees
        double x = 2 * res;
        double y = -3 * res;
        double expected = Math.exp(-(x * x + y * y) / (2 * sigma * sigma));
        assertEquals(expected, k.weights()[(c + 2) + 19 * (c - 3)] / centre, 1e-14);
        // symmetric, corners kept (square window)
        assertEquals(k.weights()[0], k.weights()[18 + 19 * 18], 1e-18);
        assertEquals(k.weights()[0], k.weights()[18], 1e-18);
    }

    @Test
    void anisotropicKernelIsSizedAndLaidOutPerAxis() {
        double sigma = 0.05;
        GaussianKernel k = GaussianKernel.of(sigma, 0.02, 0.01);
        assertEquals(15, k.nx()); // along longitude, xres = 0.02
        assertEquals(31, k.ny()); // along latitude, yres = 0.01
        int hx = 7;
        int hy = 15;
        double centre = k.weights()[hx + 15 * hy];
        // one cell east = 0.02 deg, one cell north = 0.01 deg
        assertEquals(Math.exp(-0.02 * 0.02 / (2 * sigma * sigma)), k.weights()[(hx + 1) + 15 * hy] / centre, 1e-14);
        assertEquals(Math.exp(-0.01 * 0.01 / (2 * sigma * sigma)), k.weights()[hx + 15 * (hy + 1)] / centre, 1e-14);
    }

    @Test
    void nanWeightsBecomeOne() {
        // σ² and every offset² underflow to 0: each weight is exp(-0/0) = NaN → 1, so after
        // normalisation the kernel is uniform (R-STILT's NaN → 1 rule).
        double sigma = 1e-200;
        double res = 1e-201;
        GaussianKernel k = GaussianKernel.of(sigma, res, res);
        assertEquals(61, k.nx());
        assertEquals(61, k.ny());
        for (double w : k.weights()) {
            assertEquals(1.0 / (61 * 61), w, 1e-18);
        }
    }

    @Test
    void absurdKernelsAreRejected() {
        assertThrows(InvalidInputException.class, () -> GaussianKernel.size(1, 1e-6));
    }
}
