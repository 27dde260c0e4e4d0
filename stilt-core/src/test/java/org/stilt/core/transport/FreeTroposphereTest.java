package org.stilt.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** σ_w above the mixed layer from the column's shear and stability (docs/transport.md "Free troposphere"). */
class FreeTroposphereTest {

    private static final double[] LEVELS = {10, 75, 200, 385, 630};

    /** A 2 × 2 frame whose point (0, 0) has u growing by {@code shear}·Δz per level and θ by {@code dThetaDz}·Δz. */
    private static KernelFrame column(double shear, double dThetaDz) {
        KernelFrame f = new KernelFrame(0, 0, 2, 2, LEVELS.length, Instant.EPOCH);
        for (int k = 0; k < LEVELS.length; k++) {
            f.set3(KernelFrame.F3_U, 0, 0, k, (float) (shear * LEVELS[k]));
            f.set3(KernelFrame.F3_V, 0, 0, k, 0f);
            f.set3(KernelFrame.F3_THETA, 0, 0, k, (float) (290.0 + dThetaDz * LEVELS[k]));
        }
        return f;
    }

    private static double sigma(KernelFrame a, KernelFrame b, double ft, int k) {
        FreeTroposphere free = new FreeTroposphere();
        free.aim(a, b, 0, 0, ft);
        return free.sigmaW(k, LEVELS);
    }

    @Test
    void withoutShearItIsTheConstantFreeTroposphereValue() {
        KernelFrame calm = column(0.0, 0.003);
        assertEquals(HannaTurbulence.FREE_SIGMA_W, sigma(calm, calm, 0.5, 2), 1e-15);
    }

    @Test
    void neutralShearGivesTheMixingLengthDiffusivity() {
        KernelFrame f = column(0.01, 0.0);
        double z = LEVELS[3];
        double l = 0.4 * z / (1 + 0.4 * z / 250.0);
        double expected = Math.sqrt(l * l * 0.01 / 100.0);
        assertEquals(expected, sigma(f, f, 0.0, 2), 1e-6 * expected);
        assertTrue(expected > 0.5, "neutral shear of 0.01/s mixes strongly: " + expected);
    }

    @Test
    void stabilityDampsItAndTimeInterpolatesBetweenFrames() {
        KernelFrame neutral = column(0.01, 0.0);
        KernelFrame stable = column(0.01, 0.01);   // Ri = g/θ·0.01/1e-4 ≈ 3.4
        double sn = sigma(neutral, neutral, 0.0, 2);
        double ss = sigma(stable, stable, 0.0, 2);
        assertTrue(ss < 0.2 * sn, "(1 + Ri)^-3 damping: " + ss + " vs " + sn);
        assertEquals(sn + (ss - sn) * 0.25, sigma(neutral, stable, 0.25, 2), 1e-12);
    }

    @Test
    void theLayerTableUsesItAboveTheMixedLayerOnly() {
        KernelFrame f = column(0.01, 0.0);
        FreeTroposphere free = new FreeTroposphere();
        free.aim(f, f, 0, 0, 0.0);
        HannaTurbulence.Stability st = HannaTurbulence.stability(0.3, 100.0, 1.2, 290.0, 150.0, -37.5);
        LayerTable withFree = new LayerTable(LEVELS);
        withFree.reset(st, 0.1, free);
        LayerTable plain = new LayerTable(LEVELS);
        plain.reset(st, 0.1);
        assertEquals(plain.sigw(1), withFree.sigw(1), 0.0);           // 75 m: inside the 150 m layer
        assertEquals(HannaTurbulence.FREE_SIGMA_W, plain.sigw(2), 0.0);  // 200 m: above it
        assertEquals(free.sigmaW(2, LEVELS), withFree.sigw(2), 0.0);
        assertEquals(HannaTurbulence.FREE_TL, withFree.tl(2), 0.0);
        assertEquals(HannaTurbulence.FREE_SIGMA_W, withFree.sigw(4), 0.0);  // top layer: no level above
    }
}
