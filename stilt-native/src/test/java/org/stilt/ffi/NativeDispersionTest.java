package org.stilt.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stilt.core.rng.ParticleStream;
import org.stilt.core.transport.HannaTurbulence;
import org.stilt.core.transport.InternalLevels;
import org.stilt.core.transport.VerticalDispersion;

/**
 * The Fortran vertical dispersion ({@code stilt_dispersion_run}) is the Java
 * {@link VerticalDispersion} bit for bit (heights, velocities, draw counters, samt, layer values),
 * on convective, stable and weak-turbulence tables, with both libraries.
 */
class NativeDispersionTest {

    @Test
    void fortranEqualsJava() {
        double[] levels = InternalLevels.forModelTop(25_000.0).heightsMeters();
        double[][] cases = {{0.3, 100.0, 1000.0}, {0.3, -20.0, 300.0}, {0.3, 0.5, 1000.0}, {0.6, 300.0, 2000.0}};
        for (StiltHysplitLibrary lib : new StiltHysplitLibrary[] {LibraryLoader.shared(),
            LibraryLoader.load(TestLibraries.checkedLibrary())}) {
            for (double[] c : cases) {
                HannaTurbulence.Stability s = HannaTurbulence.stability(c[0], c[1], 1.2, 288.0, c[2]);
                double[] sig = new double[levels.length];
                double[] tl = new double[levels.length];
                HannaTurbulence.layers(s, levels, 0.75, sig, tl);
                int n = 300;
                int minutes = 45;
                double[] z = new double[n];
                double[] w = new double[n];
                long[] draw = new long[n];
                SplittableRandom init = new SplittableRandom(3);
                VerticalDispersion.Particle[] ps = new VerticalDispersion.Particle[n];
                for (int i = 0; i < n; i++) {
                    z[i] = init.nextDouble() * 1500.0;
                    w[i] = init.nextGaussian() * 0.3;
                    ps[i] = new VerticalDispersion.Particle();
                    ps[i].z = z[i];
                    ps[i].w = w[i];
                }
                double[][] last = new double[3][n];
                lib.dispersionRun(77L, 5L, minutes, levels, sig, tl, 0.5 * c[2], 0.1, z, w, draw, last);
                for (int i = 0; i < n; i++) {
                    ParticleStream rng = new ParticleStream(77L, 5L, i);
                    for (int m = 0; m < minutes; m++) {
                        VerticalDispersion.minute(ps[i], levels, sig, tl, 0.5 * c[2], 0.1, rng);
                    }
                    String where = "particle " + i + " case " + java.util.Arrays.toString(c) + " " + lib.info().location();
                    assertEquals(Double.doubleToLongBits(ps[i].z), Double.doubleToLongBits(z[i]), "z " + where);
                    assertEquals(Double.doubleToLongBits(ps[i].w), Double.doubleToLongBits(w[i]), "w " + where);
                    assertEquals(ps[i].draw, draw[i], "draw " + where);
                    assertEquals(Double.doubleToLongBits(ps[i].samtSeconds), Double.doubleToLongBits(last[0][i]),
                            "samt " + where);
                    assertEquals(ps[i].sigw, last[1][i], 0.0, "sigw " + where);
                    assertEquals(ps[i].tlgr, last[2][i], 0.0, "tlgr " + where);
                }
            }
        }
    }
}
