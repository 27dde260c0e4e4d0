package org.stilt.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.stilt.core.rng.ParticleStream;

/**
 * The STILT dispersion keeps a well-mixed state well mixed across layers of very different σ_w and
 * T_Lw (the interface rule with sub-steps split at interfaces; hysplit-reference §2.7 and E6), mixes
 * a ground release through the boundary layer, reflects at the ground, and counts samt.
 */
class VerticalDispersionTest {

    private static final double[] LEVELS = InternalLevels.forModelTop(25_000.0).heightsMeters();

    private static double[][] convectiveTable() {
        HannaTurbulence.Stability s = HannaTurbulence.stability(0.3, 100.0, 1.2, 288.0, 1000.0);
        double[] sig = new double[LEVELS.length];
        double[] tl = new double[LEVELS.length];
        HannaTurbulence.layers(s, LEVELS, 0.75, sig, tl);
        return new double[][] {sig, tl};
    }

    /** Fractions of particles per layer below 1300 m vs the layers' share of the height. */
    private static double worstLayerDeviation(double[] z, int[] counts) {
        int top = 6; // layers 0..5 span 0..1300 m
        java.util.Arrays.fill(counts, 0);
        int inside = 0;
        for (double v : z) {
            int k = HannaTurbulence.layerOf(v, LEVELS);
            if (k < top) {
                counts[k]++;
                inside++;
            }
        }
        double worst = 0;
        for (int k = 0; k < top; k++) {
            double lo = k == 0 ? 0 : LEVELS[k];
            double share = (LEVELS[k + 1] - lo) / LEVELS[top];
            double expected = share * inside;
            double sd = Math.sqrt(expected * (1 - share));
            worst = Math.max(worst, Math.abs(counts[k] - expected) / sd);
        }
        return worst;
    }

    @Test
    void wellMixedStaysWellMixedAcrossLayerInterfaces() {
        double[][] t = convectiveTable();
        int n = 4000;
        VerticalDispersion.Particle[] ps = new VerticalDispersion.Particle[n];
        ParticleStream[] rng = new ParticleStream[n];
        java.util.SplittableRandom init = new java.util.SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            ps[i] = new VerticalDispersion.Particle();
            ps[i].z = init.nextDouble() * LEVELS[6];
            ps[i].w = t[0][HannaTurbulence.layerOf(ps[i].z, LEVELS)] * init.nextGaussian();
            rng[i] = new ParticleStream(42L, 1L, i);
        }
        double[] z = new double[n];
        int[] counts = new int[LEVELS.length];
        double worst = 0;
        for (int minute = 1; minute <= 120; minute++) {
            for (int i = 0; i < n; i++) {
                VerticalDispersion.minute(ps[i], LEVELS, t[0], t[1], 500.0, 0.1, rng[i]);
            }
            if (minute % 30 == 0) {
                for (int i = 0; i < n; i++) {
                    z[i] = ps[i].z;
                }
                double dev = worstLayerDeviation(z, counts);
                System.out.printf(Locale.ROOT, "dispersion: minute %d worst layer deviation %.2f sd, counts %s%n",
                        minute, dev, java.util.Arrays.toString(java.util.Arrays.copyOf(counts, 6)));
                worst = Math.max(worst, dev);
            }
        }
        // with 4 checks of 6 layers, 4 sd is a generous bound for a correct scheme; an unsplit
        // interface rule piles ~20 % extra particles into the short-T_L surface layer (tens of sd)
        assertTrue(worst < 4.0, "well-mixed state drifted: worst layer " + worst + " sd from uniform");
    }

    @Test
    void groundReleaseMixesUpAndStaysAboveGround() {
        double[][] t = convectiveTable();
        int n = 2000;
        double min = Double.POSITIVE_INFINITY;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            VerticalDispersion.Particle p = new VerticalDispersion.Particle();
            p.z = 5.0;
            ParticleStream rng = new ParticleStream(7L, 3L, i);
            for (int m = 0; m < 180; m++) {
                VerticalDispersion.minute(p, LEVELS, t[0], t[1], 500.0, 0.1, rng);
                min = Math.min(min, p.z);
            }
            z[i] = p.z;
        }
        double mean = java.util.Arrays.stream(z).average().orElseThrow();
        assertTrue(min >= 0.0, "a particle went below ground: " + min);
        assertTrue(mean > 400 && mean < 800, "after 3 h the ground release is mixed through ~1300 m (mean " + mean + ")");
    }

    @Test
    void samtCountsTimeBelowH() {
        double[][] t = convectiveTable();
        VerticalDispersion.Particle p = new VerticalDispersion.Particle();
        p.z = 100.0;
        ParticleStream rng = new ParticleStream(1L, 1L, 0);
        VerticalDispersion.minute(p, LEVELS, t[0], t[1], 1.0e6, 0.1, rng);
        assertEquals(60.0, p.samtSeconds, 1e-6, "always below a huge h");
        VerticalDispersion.minute(p, LEVELS, t[0], t[1], 0.0, 0.1, rng);
        assertEquals(0.0, p.samtSeconds, 0.0, "never below h = 0");
        assertTrue(p.sigw > 0 && p.tlgr > 0);
    }

    @Test
    void sameStreamSameResult() {
        double[][] t = convectiveTable();
        VerticalDispersion.Particle a = new VerticalDispersion.Particle();
        VerticalDispersion.Particle b = new VerticalDispersion.Particle();
        a.z = 50;
        b.z = 50;
        for (int m = 0; m < 30; m++) {
            VerticalDispersion.minute(a, LEVELS, t[0], t[1], 500.0, 0.1, new ParticleStream(9L, 9L, 9L));
        }
        for (int m = 0; m < 30; m++) {
            VerticalDispersion.minute(b, LEVELS, t[0], t[1], 500.0, 0.1, new ParticleStream(9L, 9L, 9L));
        }
        assertEquals(Double.doubleToLongBits(a.z), Double.doubleToLongBits(b.z));
        assertEquals(a.draw, b.draw);
    }
}
