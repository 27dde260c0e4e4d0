package org.stilt.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.project.ProjectConfig;
import org.stilt.core.project.Receptor;

/**
 * The registry contract, run against SQLite and PostgreSQL by the subclasses: atomic claims under
 * concurrency, leases (expiry, heartbeat, lost-lease rejection), max_attempts and requeue,
 * idempotent registration, a pull worker, and a worker process killed with {@code kill -9}.
 *
 * <p>Thread-safety: a JUnit test class; each test uses its own database.
 */
abstract class RegistryContractTest {

    static final ProjectConfig CONFIG = ProjectConfig.defaults(Map.of(), Map.of());
    static final String FP = CONFIG.fingerprint();

    @TempDir
    Path tmp;

    final List<Registry> opened = new ArrayList<>();

    /** A registry on a fresh, empty database. */
    abstract Registry openFresh(int maxAttempts) throws Exception;

    /** The JDBC URL of the database last opened by {@link #openFresh} (for a worker process). */
    abstract String lastUrl();

    Registry fresh(int maxAttempts) throws Exception {
        Registry r = openFresh(maxAttempts);
        opened.add(r);
        return r;
    }

    @AfterEach
    void closeAll() {
        opened.forEach(Registry::close);
    }

    static List<SimulationEntry> entries(int n, String scene) {
        List<SimulationEntry> out = new ArrayList<>();
        Instant t0 = Instant.parse("2021-01-15T00:00:00Z");
        for (int i = 0; i < n; i++) {
            out.add(SimulationEntry.of(Receptor.point(t0.plusSeconds(3600L * (i / 50)), 40.0 + (i % 50) * 0.01,
                    -110.0, 5), scene, FP));
        }
        return out;
    }

    @Test
    void migrationsAreAppliedOnceAndReopeningKeepsData() throws Exception {
        Registry r = fresh(3);
        r.register(entries(3, null));
        assertEquals(List.of(1), r.schemaVersions());
        Registry again = reopen(3);
        assertEquals(List.of(1), again.schemaVersions());
        assertEquals(3, again.counts().get(SimulationStatus.PENDING));
    }

    /** The same database opened once more. */
    abstract Registry reopen(int maxAttempts) throws Exception;

    @Test
    void registerIsIdempotentAndAChangedFingerprintResetsToPending() throws Exception {
        Registry r = fresh(3);
        List<SimulationEntry> e = entries(20, "scene-a");
        assertEquals(new RegisterResult(20, 0, 0), r.register(e));
        assertEquals(new RegisterResult(0, 0, 20), r.register(e));
        assertEquals(20, r.counts().total());
        ClaimedSimulation c = r.claim("w1", 1, Duration.ofSeconds(30)).get(0);
        r.recordOutcome(c, SimulationOutcome.complete(Map.of("trajectory", 1.5)));
        // relabelling the scene keeps the completed state
        List<SimulationEntry> relabelled = e.stream()
                .map(x -> new SimulationEntry(x.simulationId(), "scene-b", x.receptor(), x.configFingerprint())).toList();
        assertEquals(new RegisterResult(0, 20, 0), r.register(relabelled));
        assertEquals(SimulationStatus.COMPLETE, r.simulation(c.simulationId()).orElseThrow().status());
        assertEquals(Map.of("scene-b", r.countsByScene().get("scene-b")), r.countsByScene());
        // a changed configuration resets it: a stale result is never mistaken for a finished one
        List<SimulationEntry> changed = e.stream()
                .map(x -> new SimulationEntry(x.simulationId(), "scene-b", x.receptor(), "other-fingerprint")).toList();
        assertEquals(new RegisterResult(0, 20, 0), r.register(changed));
        SimulationRecord rec = r.simulation(c.simulationId()).orElseThrow();
        assertEquals(SimulationStatus.PENDING, rec.status());
        assertEquals("other-fingerprint", rec.configFingerprint());
        assertEquals(c.receptor(), rec.receptor());
        assertEquals(20, r.counts().get(SimulationStatus.PENDING));
    }

    @Test
    void concurrentClaimsFromEightThreadsNeverHandOneSimulationToTwoWorkers() throws Exception {
        Registry r = fresh(3);
        int n = 400;
        r.register(entries(n, null));
        Map<String, Integer> claimedBy = new ConcurrentHashMap<>();
        AtomicInteger duplicates = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        long t0 = System.nanoTime();
        List<Future<Integer>> futures = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int worker = w;
            futures.add(pool.submit(() -> {
                int mine = 0;
                while (true) {
                    List<ClaimedSimulation> batch = r.claim("w" + worker, 2, Duration.ofSeconds(60));
                    if (batch.isEmpty()) {
                        return mine;
                    }
                    for (ClaimedSimulation c : batch) {
                        if (claimedBy.putIfAbsent(c.simulationId(), worker) != null) {
                            duplicates.incrementAndGet();
                        }
                        r.recordOutcome(c, SimulationOutcome.complete(Map.of()));
                        mine++;
                    }
                }
            }));
        }
        int total = 0;
        for (Future<Integer> f : futures) {
            total += f.get(120, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        System.out.printf("registry %s: %d claim+complete by 8 threads in %.2f s = %.0f simulations/s%n",
                getClass().getSimpleName(), n, seconds, n / seconds);
        assertEquals(0, duplicates.get());
        assertEquals(n, total);
        assertEquals(n, claimedBy.size());
        assertEquals(n, r.counts().get(SimulationStatus.COMPLETE));
        String some = claimedBy.keySet().iterator().next();
        List<AttemptRecord> attempts = r.attempts(some);
        assertEquals(1, attempts.size());
        assertEquals("complete", attempts.get(0).outcome());
    }

    @Test
    void anExpiredLeaseReturnsWorkAndTheWorkerThatLostItCannotRecordAnOutcome() throws Exception {
        Registry r = fresh(3);
        r.register(entries(1, null));
        ClaimedSimulation first = r.claim("slow", 1, Duration.ofMillis(300)).get(0);
        assertEquals(1, first.attempt());
        assertTrue(r.claim("other", 1, Duration.ofSeconds(30)).isEmpty(), "a held lease is not handed out");
        Thread.sleep(600);
        assertEquals(Set.of(first.simulationId()), r.heartbeat(List.of(first), Duration.ofSeconds(30)),
                "an expired lease cannot be renewed");
        ClaimedSimulation second = r.claim("other", 1, Duration.ofSeconds(30)).get(0);
        assertEquals(first.simulationId(), second.simulationId());
        assertEquals(2, second.attempt());
        LeaseLostException e = assertThrows(LeaseLostException.class,
                () -> r.recordOutcome(first, SimulationOutcome.complete(Map.of())));
        assertTrue(e.getMessage().contains("worker slow cannot record an outcome for simulation " + first.simulationId()),
                e.getMessage());
        assertTrue(r.heartbeat(List.of(second), Duration.ofSeconds(30)).isEmpty());
        r.recordOutcome(second, SimulationOutcome.complete(Map.of("met", 0.25, "trajectory", 2.0)));
        SimulationRecord rec = r.simulation(first.simulationId()).orElseThrow();
        assertEquals(SimulationStatus.COMPLETE, rec.status());
        assertEquals(Map.of("met", 0.25, "trajectory", 2.0), rec.timingsSeconds());
        assertNull(rec.leaseOwner());
        List<AttemptRecord> attempts = r.attempts(first.simulationId());
        assertEquals(2, attempts.size());
        assertEquals("slow", attempts.get(0).workerId());
        assertEquals(AttemptRecord.LEASE_EXPIRED, attempts.get(0).outcome());
        assertEquals("other", attempts.get(1).workerId());
        assertEquals("complete", attempts.get(1).outcome());
        // a second report of the same attempt is rejected too: no duplicated completion
        assertThrows(LeaseLostException.class, () -> r.recordOutcome(first, SimulationOutcome.complete(Map.of())));
    }

    @Test
    void heartbeatKeepsALeaseAlive() throws Exception {
        Registry r = fresh(3);
        r.register(entries(1, null));
        ClaimedSimulation c = r.claim("w", 1, Duration.ofMillis(1000)).get(0);
        for (int i = 0; i < 4; i++) {
            Thread.sleep(400);
            assertTrue(r.heartbeat(List.of(c), Duration.ofMillis(1000)).isEmpty());
            assertTrue(r.claim("thief", 1, Duration.ofSeconds(30)).isEmpty());
        }
        r.recordOutcome(c, SimulationOutcome.completeEmpty("no particle in the footprint grid", Map.of()));
        assertEquals(1, r.counts().get(SimulationStatus.COMPLETE_EMPTY));
    }

    @Test
    void maxAttemptsFailsWithTheLastErrorAndRequeueResetsByReason() throws Exception {
        Registry r = fresh(2);
        r.register(entries(3, null));
        // the first simulation in id order: fails retryably twice -> dead letter with its last error
        String deadId = null;
        for (int i = 1; i <= 2; i++) {
            ClaimedSimulation c = r.claim("w", 1, Duration.ofSeconds(30)).get(0);
            assertEquals(i, c.attempt());
            if (i == 1) {
                deadId = c.simulationId();
            }
            assertEquals(deadId, c.simulationId(), "a retried simulation keeps its place in id order");
            r.recordOutcome(c, SimulationOutcome.failed("KERNEL_FAILED", "try " + i + " crashed", true)
                    .withLogTail(List.of("line a", "line b " + i)));
            if (i == 1) {
                assertEquals(SimulationStatus.PENDING, r.simulation(c.simulationId()).orElseThrow().status());
            }
        }
        SimulationRecord dead = r.simulation(deadId).orElseThrow();
        assertEquals(SimulationStatus.FAILED, dead.status());
        assertEquals("KERNEL_FAILED", dead.failureReason());
        assertEquals("try 2 crashed", dead.failureMessage());
        assertEquals(List.of("line a", "line b 2"), dead.logTail());
        // simulation 2: a non-retryable failure is final at once
        ClaimedSimulation c2 = r.claim("w", 1, Duration.ofSeconds(30)).get(0);
        r.recordOutcome(c2, SimulationOutcome.failed("MET_UNAVAILABLE", "no met for 2021-01-15", false));
        // simulation 3: loses its lease twice -> failed with LEASE_EXPIRED
        for (int i = 0; i < 2; i++) {
            r.claim("vanishing", 1, Duration.ofMillis(150));
            Thread.sleep(300);
        }
        assertTrue(r.claim("w", 1, Duration.ofSeconds(30)).isEmpty(), "reaped to failed, nothing left");
        assertEquals(3, r.counts().get(SimulationStatus.FAILED));
        List<FailureGroup> groups = r.failuresByReason();
        assertEquals(3, groups.size());
        assertEquals(List.of("KERNEL_FAILED", "LEASE_EXPIRED", "MET_UNAVAILABLE"),
                groups.stream().map(FailureGroup::reason).sorted().toList());
        assertEquals(0, r.requeue("NO_SUCH_REASON"));
        assertEquals(1, r.requeue("KERNEL_FAILED"));
        SimulationRecord requeued = r.simulation(deadId).orElseThrow();
        assertEquals(SimulationStatus.PENDING, requeued.status());
        assertEquals(0, requeued.attempts());
        assertEquals(2, requeued.totalAttempts());
        assertEquals(2, r.requeue(null));
        assertEquals(3, r.counts().get(SimulationStatus.PENDING));
        ClaimedSimulation again = r.claim("w", 1, Duration.ofSeconds(30)).get(0);
        assertEquals(deadId, again.simulationId());
        assertEquals(1, again.attempt());
        assertEquals(3, again.attemptNumber());
        r.recordOutcome(again, SimulationOutcome.complete(Map.of()));
        assertEquals(3, r.attempts(deadId).size());
    }

    @Test
    void pullWorkerRunsTheQueueDryAndHonoursMaxSimulations() throws Exception {
        Registry r = fresh(3);
        r.register(entries(7, null));
        AtomicInteger runs = new AtomicInteger();
        SimulationExecutor exec = req -> {
            runs.incrementAndGet();
            return req.receptor().latitudeDegrees() < 40.015 ? SimulationOutcome.complete(Map.of("trajectory", 0.01))
                    : SimulationOutcome.failed("NOT_IMPLEMENTED", "stand-in", false);
        };
        PullWorker.Report limited = new PullWorker(r, CONFIG, exec,
                PullWorker.Options.defaults("w1", Duration.ofSeconds(5)).withMaxSimulations(3), null).run();
        assertEquals(3, limited.recorded());
        PullWorker.Report rest = new PullWorker(r, CONFIG, exec,
                PullWorker.Options.defaults("w2", Duration.ofSeconds(5)).withBatchSize(3), null).run();
        assertEquals(4, rest.recorded());
        assertEquals(7, runs.get());
        assertEquals(2, r.counts().get(SimulationStatus.COMPLETE));
        assertEquals(5, r.counts().get(SimulationStatus.FAILED));
        assertFalse(r.failuresByReason().isEmpty());
    }

    @Test
    void aStoppingWorkerReleasesUnstartedClaimsAndAbandonGivesBackTheRunningOne() throws Exception {
        Registry r = fresh(3);
        r.register(entries(3, null));
        java.util.concurrent.atomic.AtomicReference<PullWorker> self = new java.util.concurrent.atomic.AtomicReference<>();
        PullWorker stopping = new PullWorker(r, CONFIG, req -> {
            self.get().stop(); // e.g. --max-simulations reached elsewhere, or a stop request
            return SimulationOutcome.complete(Map.of());
        }, PullWorker.Options.defaults("batcher", Duration.ofSeconds(30)).withBatchSize(3), null);
        self.set(stopping);
        PullWorker.Report report = stopping.run();
        assertEquals(3, report.claimed());
        assertEquals(1, report.complete());
        assertEquals(1, r.counts().get(SimulationStatus.COMPLETE));
        assertEquals(2, r.counts().get(SimulationStatus.PENDING));
        String released = entries(3, null).stream().map(SimulationEntry::simulationId)
                .filter(id -> r.simulation(id).orElseThrow().status() == SimulationStatus.PENDING).findFirst()
                .orElseThrow();
        SimulationRecord rec = r.simulation(released).orElseThrow();
        assertEquals(0, rec.attempts(), "a released try does not count against max_attempts");
        assertEquals(1, rec.totalAttempts());
        assertEquals(AttemptRecord.RELEASED, r.attempts(released).get(0).outcome());

        PullWorker abandoning = new PullWorker(r, CONFIG, req -> {
            assertEquals(1, self.get().abandon()); // what the SIGTERM hook of stilt pull-worker does
            return SimulationOutcome.complete(Map.of());
        }, PullWorker.Options.defaults("terminated", Duration.ofSeconds(30)), null);
        self.set(abandoning);
        PullWorker.Report gone = abandoning.run();
        assertEquals(1, gone.leaseLost(), "the outcome after abandon is rejected");
        assertEquals(0, gone.complete());
        assertEquals(2, r.counts().get(SimulationStatus.PENDING));
        assertTrue(r.claim("next", 2, Duration.ofSeconds(30)).size() == 2, "released at once, no lease to wait for");
    }

    @Test
    void aWorkerProcessKilledWithKill9MidSimulationIsReRunAfterLeaseExpiry() throws Exception {
        Registry r = fresh(3);
        int n = 5;
        List<SimulationEntry> e = entries(n, null);
        r.register(e);
        Path markers = Files.createDirectory(tmp.resolve("markers"));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RegistryWorkerMain.class.getName(), lastUrl(), "victim", "2000", "2500", markers.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        // wait until the child is in its second simulation (the first one outlived a lease: heartbeats work)
        String victimId = null;
        String firstId = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (victimId == null && System.nanoTime() < deadline) {
            try (var s = Files.list(markers)) {
                List<String> started = s.map(p -> p.getFileName().toString()).sorted().toList();
                if (started.size() >= 2) {
                    firstId = started.get(0);
                    victimId = started.get(1);
                }
            }
            Thread.sleep(50);
        }
        assertTrue(victimId != null, "the worker process never started its second simulation; log: "
                + readQuietly(tmp.resolve("child.log")));
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(child.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue());
        assertEquals(SimulationStatus.RUNNING, r.simulation(victimId).orElseThrow().status());

        Map<String, Integer> ranHere = new ConcurrentHashMap<>();
        PullWorker rescuer = new PullWorker(r, CONFIG, req -> {
            ranHere.merge(req.simulationId(), 1, Integer::sum);
            return SimulationOutcome.complete(Map.of("trajectory", 0.01));
        }, PullWorker.Options.defaults("rescuer", Duration.ofSeconds(5)).withFollow(true)
                .withIdleBackoff(Duration.ofMillis(100), Duration.ofMillis(300)), null);
        Thread t = new Thread(rescuer::run);
        t.start();
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (r.counts().get(SimulationStatus.COMPLETE) < n && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        rescuer.stop();
        t.join(10_000);
        assertEquals(n, r.counts().get(SimulationStatus.COMPLETE));
        assertEquals(1, ranHere.get(victimId), "the killed simulation was re-run by the rescuer");
        for (SimulationEntry x : e) {
            List<AttemptRecord> attempts = r.attempts(x.simulationId());
            long completions = attempts.stream().filter(a -> "complete".equals(a.outcome())).count();
            assertEquals(1, completions, "simulation " + x.simulationId() + " completed exactly once: " + attempts);
        }
        List<AttemptRecord> victim = r.attempts(victimId);
        assertEquals(List.of("victim", "rescuer"), victim.stream().map(AttemptRecord::workerId).toList());
        assertEquals(AttemptRecord.LEASE_EXPIRED, victim.get(0).outcome());
        assertEquals(List.of("victim"), r.attempts(firstId).stream().map(AttemptRecord::workerId).toList(),
                "the child completed its first simulation although it outlived one lease");
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException ex) {
            return "(unreadable: " + ex.getMessage() + ")";
        }
    }
}
