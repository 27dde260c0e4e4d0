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
    /** det_tvar's near-ground temperatures an hour apart. */
    private static final double T_A = 283.0;
    private static final double T_B = 291.0;
    private final double rhA = rhOf(T_A);
    private final double rhB = rhOf(T_B);
    private final double rhoA = ProfileConverter.density(P_HPA, T_A, rhA);
    private final double rhoB = ProfileConverter.density(P_HPA, T_B, rhB);

    /** The relative humidity of q = 0.006 at temperature {@code tK}. */
    private static double rhOf(double tK) {
        return ProfileConverter.relativeHumidity(0.006, tK, P_HPA);
    }

    @Test
    void atTheFrameTimesItIsTheFramesDensity() {
        assertEquals(rhoA, ProfileConverter.densityBetween(T_A, P_HPA, rhA, T_B, P_HPA, rhB, 0.0), 1e-14);
        assertEquals(rhoB, ProfileConverter.densityBetween(T_A, P_HPA, rhA, T_B, P_HPA, rhB, 1.0), 1e-14);
        // identical frames: the same density at every time
        assertEquals(rhoA, ProfileConverter.densityBetween(T_A, P_HPA, rhA, T_A, P_HPA, rhA, 0.37), 1e-14);
    }

    @Test
    void betweenThemItFallsBelowTheTimeLinearDensity() {
        double mid = ProfileConverter.densityBetween(T_A, P_HPA, rhA, T_B, P_HPA, rhB, 0.5);
        assertEquals(ProfileConverter.density(P_HPA, 287.0, 0.5 * (rhA + rhB)), mid, 1e-12);
        // ~3·s(1 − s)·(ΔT/T)² below: hycs_std's dens on det_tvar/det_lcc falls 5.6e-4 below the
        // time-linear density at mid-interval for 283 → 291 K (q 0.006, 866 hPa)
        double linear = 0.5 * (rhoA + rhoB);
        double relativeDrop = (linear - mid) / linear;
        assertTrue(relativeDrop > 5.0e-4 && relativeDrop < 6.2e-4, "relative drop " + relativeDrop);
    }
}
