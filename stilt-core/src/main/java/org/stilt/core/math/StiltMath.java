package org.stilt.core.math;

/**
 * Elementary functions computed with additions, multiplications, divisions and exact scaling
 * only, in a fixed order, so that the Java reference kernels and their Fortran twins
 * ({@code hysplit/src/core/stilt_math.f90}, the same operations line by line) give bit-identical
 * results. {@link Math#exp}, {@link Math#log} and {@link Math#pow} may differ from glibc's in the
 * last bit, which would break the contract tests between the kernels. Accuracy: within a few
 * units in the last place of the exact values over the ranges used (tested against
 * {@link StrictMath}); not meant for anything else.
 *
 * <p>Thread-safety: stateless; safe for concurrent use.
 */
public final class StiltMath {

    /** ln 2 split so that {@code k·LN2_HI} is exact for |k| &lt; 2^11 (Cody–Waite). */
    static final double LN2_HI = 6.93147180369123816490e-01;
    static final double LN2_LO = 1.90821492927058770002e-10;
    static final double INV_LN2 = 1.44269504088896338700e+00;
    static final double SQRT_HALF = 0.70710678118654752440;

    private StiltMath() {
    }

    /** e^x for |x| &lt;= 700 (clamped outside, giving the values at ±700). */
    public static double exp(double x) {
        if (x != x) {
            return x;
        }
        double xc = Math.max(-700.0, Math.min(700.0, x));
        double k = Math.floor(xc * INV_LN2 + 0.5);
        double r = (xc - k * LN2_HI) - k * LN2_LO;
        // Taylor series of e^r, |r| <= 0.347: terms to r^14/14! (< 4e-18 relative)
        double p = 1.0 / 87178291200.0;
        p = p * r + 1.0 / 6227020800.0;
        p = p * r + 1.0 / 479001600.0;
        p = p * r + 1.0 / 39916800.0;
        p = p * r + 1.0 / 3628800.0;
        p = p * r + 1.0 / 362880.0;
        p = p * r + 1.0 / 40320.0;
        p = p * r + 1.0 / 5040.0;
        p = p * r + 1.0 / 720.0;
        p = p * r + 1.0 / 120.0;
        p = p * r + 1.0 / 24.0;
        p = p * r + 1.0 / 6.0;
        p = p * r + 0.5;
        p = p * r + 1.0;
        p = p * r + 1.0;
        return Math.scalb(p, (int) k);
    }

    /** Natural logarithm for x &gt; 0 (NaN for x &lt;= 0 or NaN). */
    public static double log(double x) {
        if (!(x > 0.0) || x == Double.POSITIVE_INFINITY) {
            return x == Double.POSITIVE_INFINITY ? x : Double.NaN;
        }
        // x = m·2^e with m in [1, 2), then [sqrt(1/2), sqrt(2))
        int shift = 0;
        if (x < Double.MIN_NORMAL) {
            x = x * 0x1p54;
            shift = 54;
        }
        int e = Math.getExponent(x);
        double m = Math.scalb(x, -e);
        return logReduced(m, e - shift);
    }

    private static double logReduced(double m, int e) {
        if (m > 2.0 * SQRT_HALF) {
            m = m * 0.5;
            e = e + 1;
        }
        // log(m) = 2·atanh(s), s = (m − 1)/(m + 1), |s| <= 0.1716: terms to s^23 (< 1e-18)
        double s = (m - 1.0) / (m + 1.0);
        double s2 = s * s;
        double p = 1.0 / 23.0;
        p = p * s2 + 1.0 / 21.0;
        p = p * s2 + 1.0 / 19.0;
        p = p * s2 + 1.0 / 17.0;
        p = p * s2 + 1.0 / 15.0;
        p = p * s2 + 1.0 / 13.0;
        p = p * s2 + 1.0 / 11.0;
        p = p * s2 + 1.0 / 9.0;
        p = p * s2 + 1.0 / 7.0;
        p = p * s2 + 1.0 / 5.0;
        p = p * s2 + 1.0 / 3.0;
        p = p * s2 + 1.0;
        double logm = 2.0 * s * p;
        return (e * LN2_HI + logm) + e * LN2_LO;
    }

    /** x^y for x &gt; 0 as e^(y·log x); 0 for x == 0 and y &gt; 0; NaN otherwise for x &lt;= 0. */
    public static double pow(double x, double y) {
        if (x == 0.0 && y > 0.0) {
            return 0.0;
        }
        return exp(y * log(x));
    }
}
