package org.stilt.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The density at a particle is formed from the temperature, pressure and relative humidity
 * interpolated in time, as hycs_std forms its {@code dens} (docs/transport.md "Met on the internal
 * levels"; measured on det_tvar and det_lcc, whose surface temperature changes ~8 K per hour).
 */
class DensityBetweenFramesTest {

    private static final double P_HPA = 866.0;

    /** The relative humidity of q = 0.006 at temperature {@code tK}. */
    private static double rhOf(double tK) {
        return ProfileConverter.relativeHumidity(0.006, tK, P_HPA);
    }

    @Test
    void atTheFrameTimesItIsTheFramesDensity() {
        double rhA = rhOf(283.0);
        double rhB = rhOf(291.0);
        double rhoA = ProfileConverter.density(P_HPA, 283.0, rhA);
        double rhoB = ProfileConverter.density(P_HPA, 291.0, rhB);
        assertEquals(rhoA, ProfileConverter.densityBetween(283.0, P_HPA, rhA, 291.0, P_HPA, rhB, 0.0), 1e-14);
        assertEquals(rhoB, ProfileConverter.densityBetween(283.0, P_HPA, rhA, 291.0, P_HPA, rhB, 1.0), 1e-14);
        // identical frames: the same density at every time
        assertEquals(rhoA, ProfileConverter.densityBetween(283.0, P_HPA, rhA, 283.0, P_HPA, rhA, 0.37), 1e-14);
    }

    @Test
    void betweenThemItFallsBelowTheTimeLinearDensity() {
        double rhA = rhOf(283.0);
        double rhB = rhOf(291.0);
        double rhoA = ProfileConverter.density(P_HPA, 283.0, rhA);
        double rhoB = ProfileConverter.density(P_HPA, 291.0, rhB);
        double mid = ProfileConverter.densityBetween(283.0, P_HPA, rhA, 291.0, P_HPA, rhB, 0.5);
        assertEquals(ProfileConverter.density(P_HPA, 287.0, 0.5 * (rhA + rhB)), mid, 1e-12);
        // ~3·s(1 − s)·(ΔT/T)² below: hycs_std's dens on det_tvar/det_lcc falls 5.6e-4 below the
        // time-linear density at mid-interval for 283 → 291 K (q 0.006, 866 hPa)
        double linear = 0.5 * (rhoA + rhoB);
        double relativeDrop = (linear - mid) / linear;
        assertTrue(relativeDrop > 5.0e-4 && relativeDrop < 6.2e-4, "relative drop " + relativeDrop);
    }
}
