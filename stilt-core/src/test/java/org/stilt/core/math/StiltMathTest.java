package org.stilt.core.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link StiltMath} is accurate to a few ulps of {@link StrictMath} and handles its edge cases. */
class StiltMathTest {

    @Test
    void exactPointsAndEdges() {
        assertEquals(1.0, StiltMath.exp(0.0));
        assertEquals(0.0, StiltMath.log(1.0));
        assertEquals(0.0, StiltMath.pow(0.0, 2.0));
        assertEquals(2.0, StiltMath.pow(8.0, 1.0 / 3.0), 1e-15);
        assertTrue(Double.isNaN(StiltMath.log(0.0)));
        assertTrue(Double.isNaN(StiltMath.log(-1.0)));
        assertTrue(Double.isNaN(StiltMath.exp(Double.NaN)));
        assertEquals(StrictMath.log(Double.MIN_VALUE), StiltMath.log(Double.MIN_VALUE), 1e-12);
        assertEquals(StrictMath.exp(700.0), StiltMath.exp(1000.0), StrictMath.exp(700.0) * 1e-15, "clamped at 700");
    }

    @Test
    void withinAFewUlps() {
        SplittableRandom r = new SplittableRandom(11);
        double worstExp = 0;
        double worstLog = 0;
        for (int i = 0; i < 500_000; i++) {
            double x = r.nextDouble(-700, 700);
            worstExp = Math.max(worstExp, Math.abs(StiltMath.exp(x) - StrictMath.exp(x)) / Math.ulp(StrictMath.exp(x)));
            double y = Math.scalb(1.0 + r.nextDouble(), r.nextInt(-1000, 1000));
            double s = StrictMath.log(y);
            worstLog = Math.max(worstLog, s == 0 ? 0 : Math.abs(StiltMath.log(y) - s) / Math.ulp(s));
        }
        assertTrue(worstExp <= 4, "exp " + worstExp + " ulp");
        assertTrue(worstLog <= 4, "log " + worstLog + " ulp");
    }
}
