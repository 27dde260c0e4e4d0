package org.stilt.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.InvalidInputException;
import org.stilt.core.met.synth.SyntheticMetSpec;
import org.stilt.core.particles.ParticleTable;

/**
 * Transport errors (R-STILT's WINDERR/ZIERR) and ZICONTROL in the Java kernel (the native one is
 * bit-identical: parity-tests KernelAgreementTest): the wind error spreads particles as a
 * correlated random velocity (sd ≈ σ·t for t ≪ T), the mixed-layer height error scatters mlht by
 * σ, ZICONTROL scales mlht hour by hour, and with neither the result is unchanged.
 */
class TransportErrorTest {

    private static final Instant START = Instant.parse("2021-07-15T00:00:00Z");
    private static final Instant RUN = START.plusSeconds(3 * 3600);

    @TempDir
    static Path dir;
    private static Path met;

    @BeforeAll
    static void writeMet() {
        met = TransportTestMet.write(TransportTestMet.experimentDesign(START, 3)
                .wind(SyntheticMetSpec.Wind.uniform(5, 0)).build(), dir);
    }

    private static ParticleTable run(TurbulenceOptions turbulence, int particles, int hours) {
        TrajectoryRequest request = new TrajectoryRequest(RUN, 40.0, -98.0, 100.0, Double.NaN, -hours, particles, null,
                1L, VerticalMotion.DATA, TransportTestMet.Z_TOP, turbulence);
        try (ArlFrameSource source = TransportTestMet.source(met)) {
            return new TrajectoryRunner(new JavaTransportKernel(TransportTestMet.Z_TOP))
                    .withMixedLayer(new MixedLayerOptions(0, 150.0)).run(request, source).particles();
        }
    }

    private static double[] at(ParticleTable t, String column, int minute) {
        double[] time = t.column("time");
        double[] v = t.column(column);
        return IntStream.range(0, time.length).filter(i -> time[i] == minute).mapToDouble(i -> v[i]).toArray();
    }

    private static double sd(double[] v) {
        double m = Arrays.stream(v).average().orElseThrow();
        return Math.sqrt(Arrays.stream(v).map(a -> (a - m) * (a - m)).sum() / (v.length - 1));
    }

    @Test
    void windErrorSpreadsParticlesAsACorrelatedVelocity() {
        TurbulenceOptions base = TurbulenceOptions.rStiltDefaults(3L, 0L);
        // σ = 2 m/s, T = 600 min, correlation lengths far beyond the run: u_e is nearly constant
        TurbulenceOptions withError = base.withErrors(ErrorProcesses.fromRStilt(2.0, 600.0, 1e9, 1e9, null, null,
                null));
        double perDeg = 6_371_200.0 * Math.PI / 180.0;
        double sdBase = sd(at(run(base, 1000, 1), "lati", -30)) * perDeg;
        double sdErr = sd(at(run(withError, 1000, 1), "lati", -30)) * perDeg;
        double expected = Math.sqrt(sdBase * sdBase + Math.pow(2.0 * 1800.0, 2));
        assertEquals(expected, sdErr, 0.1 * expected, "north-south spread after 30 min with the wind error");
    }

    @Test
    void mixedLayerErrorScattersMlhtBySigma() {
        TurbulenceOptions zierr = TurbulenceOptions.rStiltDefaults(3L, 0L)
                .withErrors(ErrorProcesses.fromRStilt(null, null, null, null, 20.0, 60.0, 100.0));
        double[] mlht = at(run(zierr, 2000, 1), "mlht", -1);
        double mean = Arrays.stream(mlht).average().orElseThrow();
        assertEquals(1000.0, mean, 15.0, "mean mlht (PBLH 1000 m)");
        assertEquals(0.20, sd(mlht) / 1000.0, 0.02, "relative sd of mlht = sigzierr");
    }

    @Test
    void ziControlScalesMlhtPerSimulationHour() {
        TurbulenceOptions zic = TurbulenceOptions.rStiltDefaults(3L, 0L).withZiScale(new double[] {2.0, 0.5});
        ParticleTable t = run(zic, 10, 3);
        assertTrue(Arrays.stream(at(t, "mlht", -1)).allMatch(v -> v == 2000.0), "hour 1 doubled");
        assertTrue(Arrays.stream(at(t, "mlht", -61)).allMatch(v -> v == 500.0), "hour 2 halved");
        assertTrue(Arrays.stream(at(t, "mlht", -150)).allMatch(v -> v == 1000.0), "hour 3 unscaled (list shorter)");
    }

    @Test
    void withoutErrorsOrZiControlTheRunIsUnchanged() {
        TurbulenceOptions base = TurbulenceOptions.rStiltDefaults(3L, 0L);
        ParticleTable a = run(base, 50, 1);
        ParticleTable b = run(base.withErrors(ErrorProcesses.NONE).withZiScale(new double[0]), 50, 1);
        for (String c : a.columnNames()) {
            assertTrue(Arrays.equals(a.column(c), b.column(c)), c);
        }
    }

    @Test
    void badValuesAreRejectedWithTheirName() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ErrorProcesses.fromRStilt(1.0, -5.0, 100.0, 10.0, null, null, null));
        assertTrue(e.getMessage().contains("tluverr"), e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> TurbulenceOptions.rStiltDefaults(1, 0).withZiScale(new double[] {1.0, 0.0}));
        assertTrue(e.getMessage().contains("hour 2"), e.getMessage());
    }
}
