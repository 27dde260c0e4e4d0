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
        return mlht(gradient, h, ustar, new double[Z.length], new double[Z.length]);
    }

    private static double mlht(double gradient, double h, double ustar, double[] u, double[] v) {
        return MixedLayerDepth.bulkRichardson(Z, theta(gradient), u, v, 1.2, 288.0, h, ustar, 150.0);
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
    void withoutHeatFluxASuperadiabaticSurfaceLayerStillMixes() {
        // θ falls 0.5 K from 10 m to 200 m, then rises 5 K/km (a real-HRRR evening column): with
        // H <= 0 Ri stays negative until θ exceeds θ₁ (+ the non-positive excess) again
        double[] t = new double[Z.length];
        for (int k = 0; k < Z.length; k++) {
            t[k] = Z[k] <= 200.0 ? 288.0 - 0.5 * (Z[k] - Z[0]) / 190.0 : 287.5 + 0.005 * (Z[k] - 200.0);
        }
        double[] calm = new double[Z.length];
        // H = 0: no excess; the first-level ρ, T and u* are not needed. Ri is −208 at 200 m and
        // +341 at 385 m (θ regains θ₁ at 300 m): linear in Ri, Ri_c is crossed at 270 m
        double neutral = MixedLayerDepth.bulkRichardson(Z, t, calm, calm, Double.NaN, Double.NaN, 0.0, Double.NaN,
                150.0);
        assertEquals(270.25, neutral, 0.01);
        // H < 0: the excess C·F/u* is negative, so Ri is positive from the first level on: a
        // slightly negative flux lowers the depth (θ_T = −0.0011 K), −5 W/m² (−0.11 K) floors it
        double slight = MixedLayerDepth.bulkRichardson(Z, t, calm, calm, 1.2, 288.0, -0.05, 0.3, 150.0);
        assertTrue(slight > 200.0 && slight < neutral - 0.01, "H = -0.05: " + slight);
        assertEquals(150.0, MixedLayerDepth.bulkRichardson(Z, t, calm, calm, 1.2, 288.0, -5.0, 0.3, 150.0));
        // a stable profile without heat flux stays at the floor
        assertEquals(150.0, MixedLayerDepth.bulkRichardson(Z, theta(0.0033), calm, calm, 1.2, 288.0, -5.0, 0.3,
                150.0));
    }

    @Test
    void deeperWithMoreHeatAndWeakerStratification() {
        double base = mlht(0.0033, 100, 0.3);
        assertTrue(base > 150.0 && base < 385.0, "6.5 K/km, H = 100: " + base);
        assertTrue(mlht(0.0033, 300, 0.3) > base);
        assertTrue(mlht(0.0008, 100, 0.3) > mlht(0.0033, 100, 0.3));
        assertTrue(mlht(0.0033, 100, 0.6) < base, "a larger u* lowers the excess temperature (E10)");
    }

    /**
     * The map z_i → height where Ri first exceeds Ri_c (the documented KMIXD = 3 form, written out
     * here independently of the implementation), for a dry, calm column with θ = {@code theta}.
     */
    private static double map(double zi, double[] theta, double h, double ustar) {
        double kin = h / (1.2 * 1000.0);
        double b = 9.80665 / 288.0 * kin;
        double u3 = Math.max(ustar * ustar * ustar, 37.5 * 0.4 * b);
        double ws = Math.cbrt(u3 + MixedLayerDepth.CONVECTIVE_WEIGHT * b * zi);
        double excess = MixedLayerDepth.EXCESS_COEFFICIENT * kin / ws;
        double ric = MixedLayerDepth.CRITICAL_RICHARDSON;
        double prev = 0.0;
        for (int k = 0; k < Z.length; k++) {
            double ri = 9.80665 * (theta[k] - theta[0] - excess) * (Z[k] - MixedLayerDepth.REFERENCE_HEIGHT_METERS)
                    / (theta[0] * MixedLayerDepth.SHEAR_FLOOR_M2S2);
            if (ri > ric) {
                return k == 0 ? Z[0] : Z[k - 1] + (ric - prev) / (ri - prev) * (Z[k] - Z[k - 1]);
            }
            prev = ri;
        }
        return Z[Z.length - 1];
    }

    @Test
    void windDifferenceFromTheFirstLevelDeepensTheLayerWindSpeedDoesNot() {
        double calm = mlht(0.0033, 100, 0.3);
        double[] fifteen = new double[Z.length];
        java.util.Arrays.fill(fifteen, 15.0);
        // E10: uniform 5 and 15 m/s profiles print the same depth as each other
        assertEquals(calm, mlht(0.0033, 100, 0.3, fifteen, new double[Z.length]), 1e-9);
        double[] sheared = new double[Z.length];
        for (int k = 0; k < Z.length; k++) {
            sheared[k] = 5.0 + 0.01 * (Z[k] - Z[0]);
        }
        assertTrue(mlht(0.0033, 100, 0.3, sheared, new double[Z.length]) > calm + 1.0,
                "shear lowers Ri: a deeper layer");
        // only the magnitude of the difference matters: the same shear in v
        assertEquals(mlht(0.0033, 100, 0.3, sheared, new double[Z.length]),
                mlht(0.0033, 100, 0.3, new double[Z.length], sheared), 1e-9);
    }

    @Test
    void heightsAboveGroundScaleWithTheTerrain() {
        double[] agl = MixedLayerDepth.aboveGround(Z, 1300.0, 25_000.0, new double[Z.length]);
        for (int k = 0; k < Z.length; k++) {
            assertEquals(Z[k] * (23_700.0 / 25_000.0), agl[k], 1e-9);
        }
        assertEquals(Z[4], MixedLayerDepth.aboveGround(Z, 0.0, 25_000.0, new double[Z.length])[4]);
    }

    @Test
    void depthIsTheFixedPointOfTheRichardsonMap() {
        // Steffensen's method must land where 400 plain iterations of the map end (it contracts by
        // about 0.5 per step, so 40 steps are converged to 1e-10 m): within the tolerance
        for (double gradient : new double[] {0.0008, 0.0033, 0.0068}) {
            for (double h : new double[] {10, 100, 300, 600}) {
                for (double ustar : new double[] {0.05, 0.3, 0.8}) {
                    double[] theta = theta(gradient);
                    double plain = MixedLayerDepth.FIRST_GUESS_METERS;
                    for (int it = 0; it < 400; it++) {
                        plain = map(plain, theta, h, ustar);
                    }
                    double ours = mlht(gradient, h, ustar);
                    String what = "dθ/dz " + gradient + ", H " + h + ", u* " + ustar;
                    assertEquals(Math.max(plain, 150.0), ours, 1e-5, what);
                    if (ours > 150.0) {
                        assertEquals(ours, map(ours, theta, h, ustar), 1e-5, "a fixed point: " + what);
                    }
                }
            }
        }
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
                MixedLayerDepth.bulkRichardson(Z, t, new double[Z.length], new double[Z.length], 1.2, 288.0, 100, 0.3,
                        150.0));
        assertTrue(e.getMessage().contains("internal level 4"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> mlht(0.0033, Double.NaN, 0.3));
        assertThrows(InvalidInputException.class, () -> mlht(0.0033, 100, Double.NaN));
        assertThrows(InvalidInputException.class, () -> MixedLayerDepth.fromFile(Double.NaN, 150.0));
        assertThrows(InvalidInputException.class, () -> MixedLayerDepth.fromFile(500.0, -1.0));
        assertThrows(InvalidInputException.class, () ->
                MixedLayerDepth.bulkRichardson(new double[] {10.0}, new double[] {288.0}, new double[] {0.0},
                        new double[] {0.0}, 1.2, 288, 100, 0.3, 150));
        double[] u = new double[Z.length];
        u[5] = Double.NaN;
        InvalidInputException eu = assertThrows(InvalidInputException.class, () ->
                MixedLayerDepth.bulkRichardson(Z, theta(0.0033), u, new double[Z.length], 1.2, 288.0, 100, 0.3, 150.0));
        assertTrue(eu.getMessage().contains("u at internal level 6"), eu.getMessage());
    }
}
