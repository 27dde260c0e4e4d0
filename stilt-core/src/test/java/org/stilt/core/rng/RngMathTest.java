package org.stilt.core.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;

/**
 * The uniform's bounds and resolution, the own logarithm against {@link StrictMath#log}, and the
 * AS 241 normal quantile against reference values.
 *
 * <p>Thread-safety: JUnit creates one instance per test method; not shared.
 */
class RngMathTest {

    @Test
    void uniformBounds() {
        assertEquals(0x1.0p-53, RngMath.uniformOfWords(0, 0));
        assertEquals(1.0 - 0x1.0p-53, RngMath.uniformOfWords(-1, -1));
        assertEquals(RngMath.uniformOfWords(0, 0), 1.0 - RngMath.uniformOfWords(-1, -1));
        assertEquals(RngMath.uniformOfWords(0, 0), RngMath.uniformOfWords(0xfff, 0), "low 12 bits of hi unused");
        assertEquals((0x1.0p33 + 1.0) * 0x1.0p-53, RngMath.uniformOfWords(0x1000, 0));
        assertEquals(0.5 + 0x1.0p-53, RngMath.uniformOfWords(0x80000000, 0));
    }

    @Test
    void logWithinTwoUlpOfStrictMath() {
        assertEquals(0.0, RngMath.log(1.0));
        assertEquals(StrictMath.log(2.0), RngMath.log(2.0));
        double x = 0x1.0p-1022;
        int checked = 0;
        while (x < 1e300) {
            double a = RngMath.log(x);
            double b = StrictMath.log(x);
            if (Math.abs(a - b) > 2 * Math.ulp(b)) {
                fail("log(" + x + ") = " + a + ", StrictMath " + b);
            }
            x *= 1.000731;
            checked++;
        }
        assertTrue(checked > 1_000_000, "checked " + checked);
    }

    @Test
    void inverseNormalReferenceValues() {
        // Python statistics.NormalDist().inv_cdf; 1e-14 relative.
        near(1.9599639845400536, RngMath.inverseNormal(0.975));
        near(0.0, RngMath.inverseNormal(0.5));
        near(-1.6448536269514726, RngMath.inverseNormal(0.05));
        near(-6.361340902404056, RngMath.inverseNormal(1e-10));
        near(-37.0470962993612, RngMath.inverseNormal(1e-300));
        near(1.2815515655446004, RngMath.inverseNormal(0.9));
    }

    @Test
    void inverseNormalIsAntisymmetricAndMonotoneOnTheUniformGrid() {
        double previous = Double.NEGATIVE_INFINITY;
        for (long k = 0; k < (1L << 52); k += 0x1234_5678_9ABL) {
            double u = (double) (2 * k + 1) * 0x1.0p-53;
            double z = RngMath.inverseNormal(u);
            assertEquals(-z, RngMath.inverseNormal(1.0 - u), "u = " + u);
            assertTrue(z > previous, "monotone at u = " + u);
            previous = z;
        }
        double lo = RngMath.inverseNormal(0x1.0p-53);
        assertTrue(lo < -8.2 && lo > -8.4, "quantile of 2^-53: " + lo);
    }

    private static void near(double expected, double actual) {
        assertEquals(expected, actual, 1e-14 * Math.max(1.0, Math.abs(expected)));
    }
}
