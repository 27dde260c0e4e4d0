package org.stilt.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stilt.core.math.StiltMath;
import org.stilt.core.transport.HannaTurbulence;
import org.stilt.core.transport.InternalLevels;

/**
 * The kernel's own elementary functions and the Hanna turbulence table are bit-identical in Java
 * ({@link StiltMath}, {@link HannaTurbulence}) and Fortran (both libraries), and the functions are
 * within a few ulps of {@link StrictMath}.
 */
class KernelMathIdentityTest {

    private static final int N = 200_000;

    @Test
    void expLogPowIdenticalAndAccurate() {
        for (StiltHysplitLibrary lib : new StiltHysplitLibrary[] {LibraryLoader.shared(),
            LibraryLoader.load(TestLibraries.checkedLibrary())}) {
            SplittableRandom r = new SplittableRandom(7);
            double[] x = new double[N];
            double[] y = new double[N];
            for (int i = 0; i < N; i++) {
                x[i] = r.nextDouble(-700, 700);
            }
            double[] got = lib.mathEval(0, x, y);
            double worst = 0;
            for (int i = 0; i < N; i++) {
                double j = StiltMath.exp(x[i]);
                assertEquals(Double.doubleToLongBits(j), Double.doubleToLongBits(got[i]), "exp(" + x[i] + ")");
                worst = Math.max(worst, Math.abs(j - StrictMath.exp(x[i])) / Math.ulp(StrictMath.exp(x[i])));
            }
            assertTrue(worst <= 4, "exp within " + worst + " ulp");
            for (int i = 0; i < N; i++) {
                x[i] = Math.scalb(1.0 + r.nextDouble(), r.nextInt(-1074, 1023));
            }
            x[0] = Double.MIN_VALUE;
            x[1] = 1.0;
            x[2] = Double.MAX_VALUE;
            got = lib.mathEval(1, x, y);
            worst = 0;
            for (int i = 0; i < N; i++) {
                double j = StiltMath.log(x[i]);
                assertEquals(Double.doubleToLongBits(j), Double.doubleToLongBits(got[i]), "log(" + x[i] + ")");
                double s = StrictMath.log(x[i]);
                worst = Math.max(worst, s == 0 ? Math.abs(j) : Math.abs(j - s) / Math.ulp(s));
            }
            assertTrue(worst <= 4, "log within " + worst + " ulp");
            for (int i = 0; i < N; i++) {
                x[i] = r.nextDouble(1e-6, 1e4);
                y[i] = r.nextDouble(-3, 3);
            }
            got = lib.mathEval(2, x, y);
            worst = 0;
            for (int i = 0; i < N; i++) {
                double j = StiltMath.pow(x[i], y[i]);
                assertEquals(Double.doubleToLongBits(j), Double.doubleToLongBits(got[i]), "pow(" + x[i] + ", " + y[i] + ")");
                double s = StrictMath.pow(x[i], y[i]);
                worst = Math.max(worst, Math.abs(j - s) / Math.ulp(s));
            }
            assertTrue(worst <= 64, "pow within " + worst + " ulp (exp(y log x) amplifies log's rounding)");
            double[] bad = lib.mathEval(1, new double[] {0.0, -1.0, Double.NaN}, new double[3]);
            for (double b : bad) {
                assertTrue(Double.isNaN(b), "log of 0, -1, NaN is NaN (and does not trap)");
            }
        }
    }

    @Test
    void hannaTablesIdentical() {
        double[] levels = InternalLevels.forModelTop(25_000.0).heightsMeters();
        double[] js = new double[levels.length];
        double[] jt = new double[levels.length];
        double[] ns = new double[levels.length];
        double[] nt = new double[levels.length];
        int compared = 0;
        for (StiltHysplitLibrary lib : new StiltHysplitLibrary[] {LibraryLoader.shared(),
            LibraryLoader.load(TestLibraries.checkedLibrary())}) {
            for (double ustar : new double[] {0.05, 0.1, 0.3, 0.38, 0.6, 1.2}) {
                for (double shtf : new double[] {-50, -20, -5, -0.5, 0, 0.01, 0.5, 30, 100, 300, 600}) {
                    for (double zi : new double[] {150, 300, 940, 1000, 2000, 3500}) {
                        HannaTurbulence.Stability s = HannaTurbulence.stability(ustar, shtf, 1.1, 290.0, zi);
                        HannaTurbulence.layers(s, levels, 0.75, js, jt);
                        lib.turbulenceLayers(ustar, shtf, 1.1, 290.0, zi, 0.75, levels, ns, nt);
                        for (int k = 0; k < levels.length; k++) {
                            String where = "u*=" + ustar + " H=" + shtf + " zi=" + zi + " level " + levels[k];
                            assertEquals(Double.doubleToLongBits(js[k]), Double.doubleToLongBits(ns[k]), "σ_w " + where);
                            assertEquals(Double.doubleToLongBits(jt[k]), Double.doubleToLongBits(nt[k]), "T_Lw " + where);
                            compared++;
                        }
                    }
                }
            }
        }
        assertTrue(compared > 20_000, "compared " + compared);
    }
}
