package org.stilt.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stilt.core.InvalidInputException;

/** Unit tests of {@link MixedLayerDepth}: KMIXD = 0, the KMIX0 floor, monotonic behaviour, bad input. */
class MixedLayerDepthTest {

    private static final double[] Z = InternalLevels.forModelTop(25_000.0).heightsMeters();

    /** θ of a dry column with constant dθ/dz (K/m) and 288 K at the first level. */
    private static double[] theta(double gradient) {
        double[] t = new double[Z.length];
        for (int k = 0; k < Z.length; k++) {
            t[k] = 288.0 + gradient * (Z[k] - Z[0]);
        }
        return t;
    }

    private static double mlht(double gradient, double h, double ustar) {
        return MixedLayerDepth.bulkRichardson(Z, theta(gradient), new double[Z.length], 1.2, 288.0, h, ustar, 150.0);
    }

    @Test
    void kmixd0IsFilePblhWithFloor() {
        assertEquals(1234.0, MixedLayerDepth.fromFile(1234.0, 150.0));
        assertEquals(150.0, MixedLayerDepth.fromFile(80.0, 150.0));
        assertEquals(250.0, MixedLayerDepth.fromFile(0.0, 250.0));
    }

    @Test
    void nonPositiveHeatFluxGivesTheFloor() {
        for (double h : new double[] {0.0, -0.01, -20.0, -300.0}) {
            assertEquals(150.0, mlht(0.0008, h, 0.3), "H = " + h);
            assertEquals(150.0, mlht(0.0068, h, 0.6), "H = " + h);
        }
    }

    @Test
    void deeperWithMoreHeatAndWeakerStratification() {
        double base = mlht(0.0033, 100, 0.3);
        assertTrue(base > 150.0 && base < 385.0, "6.5 K/km, H = 100: " + base);
        assertTrue(mlht(0.0033, 300, 0.3) > base);
        assertTrue(mlht(0.0008, 100, 0.3) > mlht(0.0033, 100, 0.3));
        assertTrue(mlht(0.0033, 100, 0.6) < base, "a larger u* lowers the excess temperature (E10)");
    }

    @Test
    void neverBelowKmix0AndNeverAboveTheTop() {
        double strongInversion = mlht(0.05, 10, 0.3);
        assertEquals(150.0, strongInversion);
        double neutral = mlht(0.0, 300, 0.3);
        assertEquals(Z[Z.length - 1], neutral, "no level exceeds the criterion: the top level");
    }

    @Test
    void nanInputsAreRejectedWithTheirName() {
        double[] t = theta(0.0033);
        t[3] = Double.NaN;
        InvalidInputException e = assertThrows(InvalidInputException.class, () ->
                MixedLayerDepth.bulkRichardson(Z, t, new double[Z.length], 1.2, 288.0, 100, 0.3, 150.0));
        assertTrue(e.getMessage().contains("internal level 4"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> mlht(0.0033, Double.NaN, 0.3));
        assertThrows(InvalidInputException.class, () -> mlht(0.0033, 100, Double.NaN));
        assertThrows(InvalidInputException.class, () -> MixedLayerDepth.fromFile(Double.NaN, 150.0));
        assertThrows(InvalidInputException.class, () -> MixedLayerDepth.fromFile(500.0, -1.0));
        assertThrows(InvalidInputException.class, () ->
                MixedLayerDepth.bulkRichardson(new double[] {10.0}, new double[] {288.0}, new double[] {0.0}, 1.2, 288,
                        100, 0.3, 150));
    }
}
