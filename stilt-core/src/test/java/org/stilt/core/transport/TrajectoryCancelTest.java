package org.stilt.core.transport;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.RunCancelledException;
import org.stilt.core.met.synth.SyntheticMetSpec;

/** An interrupted run stops between met intervals with {@link RunCancelledException} (timeouts, Ctrl-C). */
class TrajectoryCancelTest {

    private static final Instant START = Instant.parse("2021-07-15T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void anInterruptedThreadStopsTheRun() throws Exception {
        RunCancelledException e = runInterrupted(1);
        assertTrue(e.getMessage().contains("cancelled at minute 0"), e.getMessage());
    }

    /** On several threads the interrupted caller stops the chunk threads too and gets the cancellation. */
    @Test
    void anInterruptedCallerStopsAChunkedRun() throws Exception {
        RunCancelledException e = runInterrupted(2);
        assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
    }

    /**
     * A chunked run cancelled while its chunk threads are inside kernel calls (which, like native
     * code, do not notice interrupts) waits for them: no chunk thread outlives the run.
     */
    @Test
    void noChunkThreadOutlivesACancelledRun() throws Exception {
        Path met = TransportTestMet.write(TransportTestMet.experimentDesign(START, 6)
                .wind(SyntheticMetSpec.Wind.uniform(5, 0)).build(), dir);
        TrajectoryRequest r = new TrajectoryRequest(START.plusSeconds(6 * 3600), 40.0, -98.0, 5.0, Double.NaN, -6, 20,
                null, 1L, VerticalMotion.DATA, TransportTestMet.Z_TOP, TurbulenceOptions.rStiltDefaults(1, 0));
        TransportKernel busy = new DelayedKernel(new JavaTransportKernel(TransportTestMet.Z_TOP), 3000, true);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<TrajectoryResult> f = pool.submit(() -> {
                try (ArlFrameSource src = TransportTestMet.source(met)) {
                    return new TrajectoryRunner(busy).withThreads(2).run(r, src);
                }
            });
            Thread.sleep(300);          // the chunks are in their first kernel calls (busy for 3 s)
            f.cancel(true);
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS), "the run ended");
            // a pool thread reported terminated may take a moment to finish exiting: allow 0.5 s for
            // that, far less than the 2.7 s a chunk thread left in its kernel call would still run
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals("stilt-transport-chunk")) {
                    t.join(500);
                }
            }
            assertTrue(Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.isAlive() && t.getName().equals("stilt-transport-chunk")),
                    "no chunk thread outlives the run");
        } finally {
            pool.shutdownNow();
        }
    }

    /** A 2000-particle, 6-hour run on {@code threads} threads started by an interrupted thread: its exception. */
    private RunCancelledException runInterrupted(int threads) throws Exception {
        Path met = TransportTestMet.write(TransportTestMet.experimentDesign(START, 6)
                .wind(SyntheticMetSpec.Wind.uniform(5, 0)).build(), dir);
        TrajectoryRequest r = new TrajectoryRequest(START.plusSeconds(6 * 3600), 40.0, -98.0, 5.0, Double.NaN, -6, 2000,
                null, 1L, VerticalMotion.DATA, TransportTestMet.Z_TOP, TurbulenceOptions.rStiltDefaults(1, 0));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<TrajectoryResult> f = pool.submit(() -> {
                try (ArlFrameSource src = TransportTestMet.source(met)) {
                    Thread.currentThread().interrupt();
                    return new TrajectoryRunner(new JavaTransportKernel(TransportTestMet.Z_TOP)).withThreads(threads)
                            .run(r, src);
                }
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(60, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof RunCancelledException, String.valueOf(e.getCause()));
            return (RunCancelledException) e.getCause();
        } finally {
            pool.shutdownNow();
        }
    }
}
