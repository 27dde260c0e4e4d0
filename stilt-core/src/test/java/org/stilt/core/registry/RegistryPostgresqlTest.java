package org.stilt.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry contract on a real PostgreSQL (a private cluster started by {@link PostgresTestServer}),
 * plus a server restart in the middle of a run.
 *
 * <p>Thread-safety: a JUnit test class; each test uses its own database on the shared server.
 */
class RegistryPostgresqlTest extends RegistryContractTest {

    private PostgresTestServer server;
    private String url;

    @BeforeEach
    void server() {
        server = PostgresTestServer.get();
        Assumptions.assumeTrue(server != null, () -> "PostgreSQL unavailable: " + PostgresTestServer.unavailableReason());
    }

    @Override
    Registry openFresh(int maxAttempts) throws Exception {
        url = server.createDatabase();
        return Registries.openPostgresql(url, null, null, maxAttempts, 8, Duration.ofSeconds(60));
    }

    @Override
    Registry reopen(int maxAttempts) {
        Registry r = Registries.openPostgresql(url, null, null, maxAttempts, 2, Duration.ofSeconds(60));
        opened.add(r);
        return r;
    }

    @Override
    String lastUrl() {
        return url;
    }

    @Test
    void workersRetryThroughAServerRestartAndTheRunCompletes() throws Exception {
        Registry r = fresh(3);
        int n = 60;
        r.register(entries(n, "restart"));
        Map<String, Integer> runs = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        List<PullWorker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 3; i++) {
            PullWorker w = new PullWorker(r, CONFIG, req -> {
                runs.merge(req.simulationId(), 1, Integer::sum);
                try {
                    Thread.sleep(40);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.incrementAndGet();
                return SimulationOutcome.complete(Map.of("trajectory", 0.04));
            }, PullWorker.Options.defaults("w" + i, Duration.ofSeconds(3)).withFollow(true)
                    .withIdleBackoff(Duration.ofMillis(100), Duration.ofMillis(500)), log::add);
            workers.add(w);
            Thread t = new Thread(w::run, "worker-" + i);
            threads.add(t);
            t.start();
        }
        while (done.get() < 10) {
            Thread.sleep(10);
        }
        long t0 = System.nanoTime();
        server.restart();
        System.out.printf("PostgreSQL restarted in %.2f s after %d simulations%n", (System.nanoTime() - t0) / 1e9,
                done.get());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (r.counts().get(SimulationStatus.COMPLETE) < n && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        workers.forEach(PullWorker::stop);
        for (Thread t : threads) {
            t.join(15_000);
        }
        assertEquals(n, r.counts().get(SimulationStatus.COMPLETE), () -> "log: " + log);
        for (SimulationEntry e : entries(n, "restart")) {
            long completions = r.attempts(e.simulationId()).stream().filter(a -> "complete".equals(a.outcome())).count();
            assertEquals(1, completions, e.simulationId());
        }
        assertTrue(runs.values().stream().allMatch(v -> v >= 1));
    }
}
