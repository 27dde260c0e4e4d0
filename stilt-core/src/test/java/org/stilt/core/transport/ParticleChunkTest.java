package org.stilt.core.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.met.synth.SyntheticMetSpec;
import org.stilt.core.particles.ParticleTable;

/**
 * One simulation split into particle chunks on several threads gives the same particle table, bit
 * for bit and row for row, as one thread: with turbulence, transport errors, a column release and
 * a met window so small that it has to grow (and intervals be re-run) many times. The 54 180 rows
 * also take the table's multi-threaded path (row ranges of {@code TrajectoryRunner.TABLE_RANGE_ROWS}).
 */
class ParticleChunkTest {

    private static final Instant START = Instant.parse("2021-07-15T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void chunkedRunsEqualTheOneThreadRun() {
        Path met = TransportTestMet.write(TransportTestMet.experimentDesign(START, 3)
                .wind(SyntheticMetSpec.Wind.uniform(8, 3)).build(), dir);
        TrajectoryRequest r = new TrajectoryRequest(START.plusSeconds(3 * 3600), 40.0, -98.0, 5.0, 1500.0, -3, 301,
                null, 9L, VerticalMotion.DATA, TransportTestMet.Z_TOP,
                TurbulenceOptions.rStiltDefaults(9, 4).withErrors(ErrorProcesses.fromRStilt(1.0, 60.0, 1000.0, 100.0,
                        10.0, 60.0, 100.0)));
        ParticleTable one = run(met, r, 1);
        for (int threads : new int[] {2, 3, 7}) {
            ParticleTable many = run(met, r, threads);
            assertEquals(one.columnNames(), many.columnNames());
            for (String c : one.columnNames()) {
                assertArrayEquals(one.column(c), many.column(c), 0.0, threads + " threads, column " + c);
            }
        }
        assertTrue(one.rowCount() == 301 * 180, "every particle, every minute: " + one.rowCount());
    }

    /**
     * Particles that leave the grid in different met intervals, so that some chunks stop while
     * others go on: the chunked runs still give the one-thread table (a stopped chunk contributes no
     * rows to the later intervals' merge).
     */
    @Test
    void chunksStoppingInDifferentIntervalsGiveTheOneThreadTable() {
        Path met = TransportTestMet.write(TransportTestMet.experimentDesign(START, 4)
                .wind(SyntheticMetSpec.Wind.uniform(20, 0)).build(), dir);
        // 0.9° east of the west edge: the 20 m/s particles leave after about an hour, those near the
        // ground (where the wind goes to zero) much later
        TrajectoryRequest r = new TrajectoryRequest(START.plusSeconds(4 * 3600), 40.0, -109.1, 1.0, Double.NaN, -4, 7,
                new double[] {1500, 2, 900, 1, 300, 3, 60}, 9L, VerticalMotion.DATA, TransportTestMet.Z_TOP,
                TurbulenceOptions.rStiltDefaults(9, 4));
        ParticleTable one = run(met, r, 1);
        double[] time = one.column("time");
        double[] indx = one.column("indx");
        java.util.Map<Double, Double> lastMinute = new java.util.TreeMap<>();
        for (int i = 0; i < time.length; i++) {
            lastMinute.merge(indx[i], time[i], Math::min);
        }
        java.util.Set<Long> lastHours = new java.util.TreeSet<>();
        lastMinute.values().forEach(m -> lastHours.add((long) Math.floor((m - 1) / 60.0)));
        assertTrue(lastHours.size() >= 2 && one.rowCount() < 7 * 240,
                "particles stop in at least two met intervals: last minutes " + lastMinute);
        for (int threads : new int[] {2, 3}) {
            ParticleTable many = run(met, r, threads);
            for (String c : one.columnNames()) {
                assertArrayEquals(one.column(c), many.column(c), 0.0, threads + " threads, column " + c);
            }
        }
    }

    private static ParticleTable run(Path met, TrajectoryRequest r, int threads) {
        try (ArlFrameSource src = TransportTestMet.source(met)) {
            TrajectoryResult res = new TrajectoryRunner(new JavaTransportKernel(TransportTestMet.Z_TOP))
                    .withWindowMargin(0, 1).withThreads(threads).run(r, src);
            assertTrue(res.windowRetries() > 0, "the window had to grow");
            checkTimings(res.timings(), threads);
            return res.particles();
        }
    }

    /** The runner's stage timings are measured and consistent (TrajectoryTimings). */
    private static void checkTimings(TrajectoryTimings t, int threads) {
        assertTrue(t.advanceNanos() > 0 && t.metNanos() > 0 && t.tableNanos() > 0, t.describe());
        assertTrue(t.metNanos() + t.advanceNanos() + t.tableNanos() <= t.totalNanos(), t.describe());
        if (threads == 1) {
            assertEquals(0L, t.mergeNanos(), "no merge on one thread: " + t.describe());
            assertEquals(0L, t.chunkMetNanos(), "no chunk threads on one thread: " + t.describe());
            assertEquals(0L, t.chunkWaitNanos(), "no chunk threads on one thread: " + t.describe());
        } else {
            // merging happens on the calling thread during the chunk phase
            assertTrue(t.mergeNanos() > 0 && t.mergeNanos() <= t.advanceNanos(), t.describe());
            // every chunk takes its own frames; no thread takes frames or waits longer than the phase
            assertTrue(t.chunkMetNanos() > 0, threads + " chunk threads take their frames: " + t.describe());
            assertTrue(t.chunkMetNanos() <= (long) threads * t.advanceNanos(), t.describe());
            assertTrue(t.chunkWaitNanos() >= 0 && t.chunkWaitNanos() <= (long) threads * t.advanceNanos(),
                    t.describe());
        }
        assertTrue(t.describe().startsWith("total "), t.describe());
        // the kernel threads' CPU time: measured, and at most all threads busy all the kernel time
        assertTrue(t.kernelCpuNanos() > 0, t.describe());
        assertTrue(t.kernelCpuNanos() <= (long) (threads * 1.05 * t.advanceNanos()) + 20_000_000L, t.describe());
    }

    /**
     * A run that needs met beyond the files fails on several threads as on one: the chunk that
     * reaches the missing interval stops the others, and the caller gets its exception.
     */
    @Test
    void missingMetFailsTheChunkedRunAsTheOneThreadRun() {
        Path met = TransportTestMet.write(TransportTestMet.experimentDesign(START, 3)
                .wind(SyntheticMetSpec.Wind.uniform(8, 3)).build(), dir);
        // 5 hours back from hour 3 of a file that starts at hour 0
        TrajectoryRequest r = new TrajectoryRequest(START.plusSeconds(3 * 3600), 40.0, -98.0, 5.0, 1500.0, -5, 40,
                null, 9L, VerticalMotion.DATA, TransportTestMet.Z_TOP, TurbulenceOptions.rStiltDefaults(9, 4));
        String one = null;
        for (int threads : new int[] {1, 2, 3}) {
            try (ArlFrameSource src = TransportTestMet.source(met)) {
                TrajectoryRunner runner = new TrajectoryRunner(new JavaTransportKernel(TransportTestMet.Z_TOP))
                        .withThreads(threads);
                org.stilt.core.MetUnavailableException e = org.junit.jupiter.api.Assertions.assertThrows(
                        org.stilt.core.MetUnavailableException.class, () -> runner.run(r, src));
                assertTrue(e.getMessage().contains("minute -180"), e.getMessage());
                if (one == null) {
                    one = e.getMessage();
                } else {
                    assertEquals(one, e.getMessage(), threads + " threads");
                }
            }
        }
    }
}
