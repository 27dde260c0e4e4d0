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
        assertTrue(t.metNanos() + t.advanceNanos() + t.mergeNanos() + t.tableNanos() <= t.totalNanos(), t.describe());
        if (threads == 1) {
            assertEquals(0L, t.mergeNanos(), "no merge on one thread: " + t.describe());
            assertEquals(0L, t.prefetchNanos(), "no prefetch on one thread: " + t.describe());
            assertEquals(0L, t.barrierWaitNanos(), "no interval barrier on one thread: " + t.describe());
        } else {
            assertTrue(t.mergeNanos() > 0, threads + " threads merge their rows: " + t.describe());
            assertTrue(t.prefetchNanos() > 0, threads + " threads convert the next frame meanwhile: " + t.describe());
            // chunks never end at the same nanosecond, and no thread waits longer than the kernel calls took
            assertTrue(t.barrierWaitNanos() > 0, threads + " threads wait at the interval ends: " + t.describe());
            assertTrue(t.barrierWaitNanos() <= (long) threads * t.advanceNanos(), t.describe());
        }
        assertTrue(t.describe().startsWith("total "), t.describe());
        // the kernel threads' CPU time: measured, and at most all threads busy all the kernel time
        assertTrue(t.kernelCpuNanos() > 0, t.describe());
        assertTrue(t.kernelCpuNanos() <= (long) (threads * 1.05 * t.advanceNanos()) + 20_000_000L, t.describe());
    }
}
