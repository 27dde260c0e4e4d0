package org.stilt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.registry.AttemptRecord;
import org.stilt.core.registry.Registries;
import org.stilt.core.registry.Registry;
import org.stilt.core.registry.SimulationStatus;
import org.stilt.core.registry.StatusCounts;

/**
 * {@code stilt serve} in a child JVM (so that it can be stopped with SIGTERM): its pool processes a
 * registered project, picks up simulations registered while it runs, and on SIGTERM gives back the
 * simulations it is running (attempts closed as {@code released}, simulations pending again).
 *
 * <p>Thread-safety: a JUnit test class.
 */
class ServeCommandTest {

    @TempDir
    Path tmp;

    private Path project(int n, String prefix) throws IOException {
        Path dir = tmp.resolve("proj");
        if (!Files.exists(dir)) {
            assertEquals(0, CliRun.of("init", dir.toString()).exitCode());
        }
        StringBuilder csv = new StringBuilder("time,latitude,longitude,altitude,simulation_id\n");
        for (int i = 0; i < n; i++) {
            csv.append("2021-01-15T18:00:00Z,").append(40 + i * 0.01).append(",-111,10,").append(prefix).append(i)
                    .append('\n');
        }
        Path file = tmp.resolve(prefix + ".csv");
        Files.writeString(file, csv);
        CliRun r = CliRun.of("register", dir.toString(), "--receptors", file.toString());
        assertEquals(0, r.exitCode(), r.err());
        return dir;
    }

    private static StatusCounts counts(Path dir) {
        try (Registry registry = Registries.openSqlite(dir.resolve("stilt-registry.sqlite"), 3)) {
            return registry.counts();
        }
    }

    private static void await(String what, BooleanSupplier condition, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; serve printed:\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
    }

    @Test
    void aPoolProcessesTheProjectFollowsNewRegistrationsAndStopsOnSigterm() throws Exception {
        Path dir = project(12, "a");
        Path log = tmp.resolve("serve.log");
        Process serve = ChildStilt.start(Map.of(), log, "serve", dir.toString(), "--workers", "3", "--worker-id", "srv",
                "--idle-max-seconds", "1", "--executor", "sleep:100");
        try {
            await("12 complete", () -> counts(dir).get(SimulationStatus.COMPLETE) == 12, log);
            project(5, "b"); // registered while serve runs: picked up by the following workers
            await("17 complete", () -> counts(dir).get(SimulationStatus.COMPLETE) == 17, log);
            assertTrue(serve.isAlive(), "serve must keep running with an empty queue");
        } finally {
            serve.destroy(); // SIGTERM
        }
        assertTrue(serve.waitFor(30, TimeUnit.SECONDS), Files.readString(log));
        String out = Files.readString(log);
        assertTrue(out.contains("stilt serve: 3 workers srv-1..3 following sqlite:"), out);
        assertTrue(out.contains("stilt serve: stopping on signal; released 0 simulation(s)"), out);
        assertTrue(out.contains("BENCHMARK/TEST STAND-IN"), out);
        try (Registry registry = Registries.openSqlite(dir.resolve("stilt-registry.sqlite"), 3)) {
            for (String id : List.of("a0", "a11", "b0", "b4")) {
                List<AttemptRecord> attempts = registry.attempts(id);
                assertEquals(1, attempts.size(), attempts.toString());
                assertTrue(attempts.get(0).workerId().matches("srv-[123]"), attempts.toString());
            }
        }
    }

    @Test
    void sigtermReleasesTheRunningSimulations() throws Exception {
        Path dir = project(2, "long");
        Path log = tmp.resolve("serve-long.log");
        Process serve = ChildStilt.start(Map.of(), log, "serve", dir.toString(), "--workers", "2", "--worker-id", "srv",
                "--executor", "sleep:60000");
        try {
            await("2 running", () -> counts(dir).get(SimulationStatus.RUNNING) == 2, log);
        } finally {
            serve.destroy(); // SIGTERM, as at a job time limit or on Ctrl-C
        }
        assertTrue(serve.waitFor(30, TimeUnit.SECONDS), Files.readString(log));
        String out = Files.readString(log);
        assertTrue(out.contains("released 2 simulation(s)"), out);
        assertEquals(2, counts(dir).get(SimulationStatus.PENDING), out);
        try (Registry registry = Registries.openSqlite(dir.resolve("stilt-registry.sqlite"), 3)) {
            for (String id : List.of("long0", "long1")) {
                List<AttemptRecord> attempts = registry.attempts(id);
                assertEquals(AttemptRecord.RELEASED, attempts.get(attempts.size() - 1).outcome(), attempts.toString());
            }
        }
    }
}
