package org.stilt.core.footprint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * R's seq, findInterval, median, %% and the longitude wrap as docs/stilt-reference.md §1 defines them.
 *
 * <p>Thread-safety: a JUnit test class; not shared.
 */
class RNumericsTest {

    @Test
    void seqIsFromPlusKTimesByNotKOverN() {
        double[] s = RNumerics.seq(0, 10, 0.1);
        assertEquals(101, s.length);
        assertEquals(0.30000000000000004, s[3]); // 3*0.1, not 3/10
        assertEquals(3 * 0.1, s[3]);
        assertEquals(10.0, s[100]);
        for (int k = 0; k < s.length; k++) {
            assertEquals(Math.min(0 + k * 0.1, 10), s[k]);
        }
    }

    @Test
    void seqFuzzRescuesAQuotientJustBelowAnInteger() {
        // (0.3 - 0)/0.1 = 2.9999999999999996: without the 1e-10 fuzz there would be 3 elements.
        assertTrue((0.3 - 0) / 0.1 < 3);
        double[] s = RNumerics.seq(0, 0.3, 0.1);
        assertEquals(4, s.length);
        // 3*0.1 = 0.30000000000000004 > 0.3: the last element is capped at 'to'.
        assertEquals(0.3, s[3]);
    }

    @Test
    void seqFuzzIsAbsoluteOnTheQuotient() {
        // A quotient 1e-9 below an integer is not rounded up (1e-10 fuzz only).
        double to = 3 - 1e-9;
        assertEquals(3, RNumerics.seq(0, to, 1).length);
        // 5e-11 below is.
        assertEquals(4, RNumerics.seq(0, 3 - 5e-11, 1).length);
    }

    @Test
    void seqCountsOfTheDensificationWindows() {
        assertEquals(50, RNumerics.seq(10.2, 20, 0.2).length);
        assertEquals(160, RNumerics.seq(20.5, 100, 0.5).length);
        assertEquals(10.2 + 3 * 0.2, RNumerics.seq(10.2, 20, 0.2)[3]);
    }

    @Test
    void seqWithWrongSignFailsLikeR() {
        assertThrows(IllegalArgumentException.class, () -> RNumerics.seq(350, 200, 0.1));
        assertThrows(IllegalArgumentException.class, () -> RNumerics.seq(0, 1, 0));
    }

    @Test
    void lowerEdgesDropThePartialLastCell() {
        double[] e = RNumerics.lowerEdges(-114, -113, 0.3);
        assertEquals(3, e.length);
        assertEquals(-113.85, e[0] + 0.3 / 2, 1e-12);
        assertEquals(-113.55, e[1] + 0.3 / 2, 1e-12);
        assertEquals(-113.25, e[2] + 0.3 / 2, 1e-12);
        assertEquals(-114 + 2 * 0.3, e[2]);
    }

    @Test
    void findIntervalIsLeftClosed() {
        double[] b = {0, 1, 2};
        assertEquals(0, RNumerics.findInterval(-0.1, b));
        assertEquals(1, RNumerics.findInterval(0, b));
        assertEquals(1, RNumerics.findInterval(0.999, b));
        assertEquals(2, RNumerics.findInterval(1, b));
        assertEquals(3, RNumerics.findInterval(2, b));
        assertEquals(3, RNumerics.findInterval(7, b));
        assertEquals(0, RNumerics.findInterval(1, new double[0]));
    }

    @Test
    void arithmeticFindIntervalAgreesWithBinarySearchIncludingExactEdges() {
        double first = -117 - 47 * 0.01;
        double[] b = RNumerics.seq(first, -111 + 46 * 0.01, 0.01);
        Random r = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            double v;
            if (i % 3 == 0) {
                v = b[r.nextInt(b.length)]; // exactly on an edge
            } else if (i % 3 == 1) {
                v = Math.nextDown(b[r.nextInt(b.length)]);
            } else {
                v = first - 0.05 + r.nextDouble() * (b[b.length - 1] - first + 0.1);
            }
            assertEquals(RNumerics.findInterval(v, b), RNumerics.findIntervalArithmetic(v, b, first, 0.01), "v=" + v);
        }
    }

    @Test
    void medianOddEvenAndNaN() {
        assertEquals(2, RNumerics.medianInPlace(new double[] {3, 1, 2}, 0, 3));
        assertEquals(2.5, RNumerics.medianInPlace(new double[] {4, 1, 3, 2}, 0, 4));
        assertEquals(-0.5, RNumerics.medianInPlace(new double[] {-1, 0}, 0, 2));
        assertTrue(Double.isNaN(RNumerics.medianInPlace(new double[0], 0, 0)));
        assertEquals(2, RNumerics.medianIgnoringNaN(new double[] {Double.NaN, 3, 1, Double.NaN, 2}, 5));
        assertTrue(Double.isNaN(RNumerics.medianIgnoringNaN(new double[] {Double.NaN, Double.NaN}, 2)));
        // sub-range only
        assertEquals(5, RNumerics.medianInPlace(new double[] {100, 5, -100}, 1, 2));
    }

    @Test
    void medianMatchesSortingOnRandomDataWithTies() {
        Random r = new Random(11);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + r.nextInt(40);
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = r.nextInt(7) - 3 + (r.nextBoolean() ? 0.5 : 0);
            }
            double[] s = a.clone();
            Arrays.sort(s);
            double expected = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
            assertEquals(expected, RNumerics.medianInPlace(a, 0, n), Arrays.toString(s));
        }
    }

    @Test
    void floorModIsFloored() {
        assertEquals(359, RNumerics.floorMod(-1, 360));
        assertEquals(0, RNumerics.floorMod(720, 360));
        assertEquals(10, RNumerics.floorMod(370, 360));
        assertEquals(350, RNumerics.floorMod(-370, 360));
    }

    @Test
    void wrapLongitudeTo0To360() {
        assertEquals(180, RNumerics.wrapLongitude(-180));
        assertEquals(180, RNumerics.wrapLongitude(180));
        assertEquals(180.5, RNumerics.wrapLongitude(-179.5));
        assertEquals(179.5, RNumerics.wrapLongitude(179.5));
        assertEquals(0, RNumerics.wrapLongitude(0));
        assertEquals(350, RNumerics.wrapLongitude(-10));
        assertEquals(190, RNumerics.wrapLongitude(190));
        // The operation order fixes the last bit: ((x %% 360) + 540) %% 360 - 180, + 360.
        double x = -179.123456;
        double expected = ((x + 360) + 540 - 720) - 180 + 360;
        assertEquals(expected, RNumerics.wrapLongitude(x));
    }

    @Test
    void wrappedDomainEdgesOfTheReferenceCases() {
        assertArrayEquals(new double[] {170, 190},
                new double[] {RNumerics.wrapLongitude(170), RNumerics.wrapLongitude(-170)});
    }
}
