package org.stilt.core.rng;

/**
 * The floating-point transforms of the generator, operation for operation those of
 * {@code stilt_rng.f90} (only {@code + - * /} and {@code sqrt}, each correctly rounded in both
 * languages, in the same order), so the Fortran and Java results are identical bits. Neither
 * {@link Math#log} nor {@link StrictMath#log} is used: their last bit may differ from libm's.
 *
 * <p>Thread-safety: stateless; safe to call from any number of threads.
 */
public final class RngMath {

    private static final double TWO_M53 = 0x1.0p-53;
    private static final double SQRT_HALF = 0.70710678118654752440;
    /** log(2) split so that {@code e * LN2_HI} is exact for |e| < 2^11 (fdlibm's split). */
    private static final double LN2_HI = Double.longBitsToDouble(0x3FE62E42FEE00000L);
    private static final double LN2_LO = Double.longBitsToDouble(0x3DEA39EF35793C76L);
    private static final double C1 = 2.0 / 3.0;
    private static final double C2 = 2.0 / 5.0;
    private static final double C3 = 2.0 / 7.0;
    private static final double C4 = 2.0 / 9.0;
    private static final double C5 = 2.0 / 11.0;
    private static final double C6 = 2.0 / 13.0;
    private static final double C7 = 2.0 / 15.0;
    private static final double C8 = 2.0 / 17.0;
    private static final double C9 = 2.0 / 19.0;
    private static final double C10 = 2.0 / 21.0;
    private static final double C11 = 2.0 / 23.0;

    private RngMath() {
    }

    /**
     * The uniform deviate made of two 32-bit words: the top 20 bits of {@code hi} and all of
     * {@code lo} form k in [0, 2^52), and the result is (2k + 1) / 2^53, the midpoint of one of
     * 2^52 equal cells of (0, 1). It lies in [2^-53, 1 - 2^-53], and 1 - u is exact.
     */
    public static double uniformOfWords(int hi, int lo) {
        long k = ((long) (hi >>> 12) << 32) | (lo & 0xFFFF_FFFFL);
        return (double) (2L * k + 1L) * TWO_M53;
    }

    /**
     * Natural logarithm of a positive normal (not subnormal) finite {@code x}, within a few units
     * in the last place; x = m 2^e with m in [sqrt(1/2), sqrt(2)), log m = 2 atanh(s),
     * s = (m - 1) / (m + 1), by its series to s^23. Outside that domain the result is undefined
     * (the generator passes only values in [2^-53, 1/2]).
     */
    public static double log(double x) {
        // Fortran's exponent()/fraction(): x = m 2^e with m in [1/2, 1).
        int e = Math.getExponent(x) + 1;
        double m = Math.scalb(x, -e);
        if (m < SQRT_HALF) {
            m = m * 2.0;
            e = e - 1;
        }
        double f = m - 1.0;
        double s = f / (2.0 + f);
        double z = s * s;
        double r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * (C6 + z * (C7 + z * (C8 + z * (C9
                + z * (C10 + z * C11))))))))));
        double eD = e;
        return (eD * LN2_HI) + (((2.0 * s) + (s * r)) + (eD * LN2_LO));
    }

    /**
     * Standard-normal quantile of {@code p} in (0, 1): Wichura's algorithm AS 241 (PPND16,
     * Applied Statistics 37, 1988), relative error about 1e-16, with {@link #log} for the
     * logarithm. Exactly antisymmetric for the generator's uniforms (multiples of 2^-53).
     */
    public static double inverseNormal(double p) {
        double q = p - 0.5;
        double r;
        double num;
        double den;
        if (Math.abs(q) <= 0.425) {
            r = 0.180625 - (q * q);
            num = ((((((((2.5090809287301226727e+3 * r + 3.3430575583588128105e+4) * r
                    + 6.7265770927008700853e+4) * r + 4.5921953931549871457e+4) * r
                    + 1.3731693765509461125e+4) * r + 1.9715909503065514427e+3) * r
                    + 1.3314166789178437745e+2) * r + 3.3871328727963666080e+0));
            den = ((((((((5.2264952788528545610e+3 * r + 2.8729085735721942674e+4) * r
                    + 3.9307895800092710610e+4) * r + 2.1213794301586595867e+4) * r
                    + 5.3941960214247511077e+3) * r + 6.8718700749205790830e+2) * r
                    + 4.2313330701600911252e+1) * r + 1.0));
            return (q * num) / den;
        }
        r = q < 0.0 ? p : 1.0 - p;
        r = Math.sqrt(-log(r));
        if (r <= 5.0) {
            r = r - 1.6;
            num = ((((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r
                    + 2.41780725177450611770e-1) * r + 1.27045825245236838258e+0) * r
                    + 3.64784832476320460504e+0) * r + 5.76949722146069140550e+0) * r
                    + 4.63033784615654529590e+0) * r + 1.42343711074968357734e+0));
            den = ((((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r
                    + 1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r
                    + 6.89767334985100004550e-1) * r + 1.67638483018380384940e+0) * r
                    + 2.05319162663775882187e+0) * r + 1.0));
        } else {
            r = r - 5.0;
            num = ((((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r
                    + 1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r
                    + 2.96560571828504891230e-1) * r + 1.78482653991729133580e+0) * r
                    + 5.46378491116411436990e+0) * r + 6.65790464350110377720e+0));
            den = ((((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r
                    + 1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r
                    + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r
                    + 5.99832206555887937690e-1) * r + 1.0));
        }
        double z = num / den;
        return q < 0.0 ? -z : z;
    }
}
