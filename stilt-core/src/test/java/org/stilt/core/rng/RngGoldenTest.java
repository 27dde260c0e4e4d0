package org.stilt.core.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Golden bit patterns shared with the Fortran unit test ({@code hysplit/test/test_rng.f90},
 * {@code check_golden}): both tail branches of AS 241, the logarithm from the smallest normal
 * number to 1e300, and a stream at the largest indices. A change here must change there.
 *
 * <p>Thread-safety: JUnit creates one instance per test method; not shared.
 */
class RngGoldenTest {

    private static final ParticleStream STREAM = new ParticleStream(-5, 99, 4_000_000_001L);

    @Test
    void goldenValues() {
        assertBits(-4602560860805862831L, RngMath.inverseNormal(Double.longBitsToDouble(0x3ca0000000000000L)));
        assertBits(-4592961304261246354L, RngMath.inverseNormal(Double.longBitsToDouble(0x01a56e1fc2f8f359L)));
        assertBits(-4603765893743795414L, RngMath.inverseNormal(Double.longBitsToDouble(0x3d719799812dea11L)));
        assertBits(-4604318424772177099L, RngMath.inverseNormal(Double.longBitsToDouble(0x3dc07e1fe91b0b70L)));
        assertBits(-4606884178279816230L, RngMath.inverseNormal(Double.longBitsToDouble(0x3ee4f8b588e368f1L)));
        assertBits(-4611564986640441381L, RngMath.inverseNormal(Double.longBitsToDouble(0x3f947ae147ae147bL)));
        assertBits(-4620473437402249734L, RngMath.inverseNormal(Double.longBitsToDouble(0x3fd3333333333333L)));
        assertBits(4374136063631173383L, RngMath.inverseNormal(Double.longBitsToDouble(0x3fe0000000000001L)));
        assertBits(4611149160565477694L, RngMath.inverseNormal(Double.longBitsToDouble(0x3fef0a3d70a3d70aL)));
        assertBits(4620811176048912977L, RngMath.inverseNormal(Double.longBitsToDouble(0x3fefffffffffffffL)));
        assertBits(-4573929700241785646L, RngMath.log(Double.longBitsToDouble(0x0010000000000000L)));
        assertBits(-4574084695234936907L, RngMath.log(Double.longBitsToDouble(0x01a56e1fc2f8f359L)));
        assertBits(-4610356854934212472L, RngMath.log(Double.longBitsToDouble(0x3fb3333333333333L)));
        assertBits(-4623275132358410416L, RngMath.log(Double.longBitsToDouble(0x3fe6666666666666L)));
        assertBits(4598397954332670429L, RngMath.log(Double.longBitsToDouble(0x3ff4cccccccccccdL)));
        assertBits(4621493204086758961L, RngMath.log(Double.longBitsToDouble(0x40c81cd6c8b43958L)));
        assertBits(4649287341619838901L, RngMath.log(Double.longBitsToDouble(0x7e37e43c8800759cL)));
        assertBits(4607873574022586640L, STREAM.normal(0L));
        assertBits(-4615218563787504582L, STREAM.normal(1L));
        assertBits(-4617974764953105118L, STREAM.normal(8589934591L));
    }

    private static void assertBits(long expected, double actual) {
        assertEquals(Long.toHexString(expected), Long.toHexString(Double.doubleToRawLongBits(actual)),
                "value " + actual);
    }
}
