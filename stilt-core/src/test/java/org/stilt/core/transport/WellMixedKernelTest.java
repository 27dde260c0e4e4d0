package org.stilt.core.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.met.synth.SyntheticMetSpec;

/**
 * The well-mixed condition, independent of HYSPLIT (issue 5 "Tests"): an ensemble spread
 * uniformly in height over a convective mixed layer stays uniform for 12 h under the coupled
 * kernel (mean motion + STILT dispersion). Checked with a two-sample Kolmogorov–Smirnov test of the
 * final heights against the initial ones at α = 0.001, and with both kernels being bit-identical
 * elsewhere (parity-tests KernelAgreementTest) this is run with the Java kernel only.
 */
class WellMixedKernelTest {

    private static final Instant START = Instant.parse("2021-07-15T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aUniformEnsembleInAConvectiveMixedLayerStaysUniformFor12Hours() {
        // calm, convective (SHTF 100 W/m2, u* 0.35), PBLH 1000 m (KMIXD 0): turbulent layers up to
        // the first internal level above 1000 m, 1300 m
        Path met = TransportTestMet.write(TransportTestMet.experimentDesign(START, 12).build(), dir);
        int n = 2000;
        double top = 1300.0;
        SplittableRandom random = new SplittableRandom(12345);
        double[] initial = IntStream.range(0, n).mapToDouble(i -> random.nextDouble() * top).toArray();
        TrajectoryResult r = TransportTestMet.runTurbulentColumn(met, START.plusSeconds(12 * 3600), -12, initial, 7L);
        double[] time = r.particles().column("time");
        double[] zagl = r.particles().column("zagl");
        for (int minute : new int[] {60, 360, 720}) {
            double[] z = IntStream.range(0, time.length).filter(i -> time[i] == -minute).mapToDouble(i -> zagl[i])
                    .toArray();
            double d = ksDistance(initial, z);
            // two-sample KS critical value at α = 0.001: 1.949·sqrt((n + m)/(n·m))
            double critical = 1.949 * Math.sqrt((double) (initial.length + z.length) / (initial.length * z.length));
            System.out.printf("well-mixed after %d min: KS D = %.4f (critical %.4f at 0.001), above %.0f m: %.2f %%%n",
                    minute, d, critical, top, 100.0 * Arrays.stream(z).filter(v -> v >= top).count() / z.length);
            assertTrue(d < critical, "KS distance " + d + " >= " + critical + " after " + minute + " min");
        }
    }

    /** Two-sample Kolmogorov–Smirnov distance sup |F1 − F2|. */
    static double ksDistance(double[] a, double[] b) {
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < x.length && j < y.length) {
            double v = Math.min(x[i], y[j]);
            while (i < x.length && x[i] <= v) {
                i++;
            }
            while (j < y.length && y[j] <= v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
        }
        return d;
    }
}
