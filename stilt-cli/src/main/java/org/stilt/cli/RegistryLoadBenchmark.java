package org.stilt.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.stilt.core.StiltException;
import org.stilt.core.project.ProjectConfig;
import org.stilt.core.project.ProjectConfigLoader;
import org.stilt.core.project.ProjectTemplate;
import org.stilt.core.registry.AttemptRecord;
import org.stilt.core.registry.Registries;
import org.stilt.core.registry.Registry;
import org.stilt.core.registry.SimulationStatus;

/**
 * The registry load benchmark behind {@code stilt bench registry}: one phase registers {@code n}
 * simulations in a fresh project, runs {@code w} {@code stilt pull-worker} PROCESSES with the stand-in
 * executor ({@code --executor sleep:MILLIS}), kills a random worker with SIGKILL every
 * {@code killEvery} and starts a replacement (workers that run out of work while killed workers' leases
 * have not expired yet are restarted too), and ends when every simulation is complete. It then proves
 * from the attempt history that every simulation was completed exactly once.
 *
 * <p>Thread-safety: not thread-safe; one phase at a time.
 */
final class RegistryLoadBenchmark {

    /**
     * One phase's figures.
     *
     * @param label          what ran
     * @param simulations    simulations registered
     * @param workers        worker processes alive at a time
     * @param elapsed        first worker started → last simulation complete
     * @param claims         attempts in the history (every claim opens one)
     * @param kills          workers killed with SIGKILL
     * @param outcomes       attempts per outcome
     * @param completedOnce  simulations with exactly one {@code complete} attempt
     * @param completedTwice simulations with more than one (must be 0)
     * @param notComplete    simulations whose status is not complete (must be 0)
     * @param openAttempts   attempts never closed although every simulation is complete (must be 0)
     */
    record PhaseResult(String label, int simulations, int workers, Duration elapsed, long claims, int kills,
            Map<String, Long> outcomes, long completedOnce, long completedTwice, long notComplete, long openAttempts) {

        double claimsPerSecond() {
            return claims / seconds();
        }

        double completionsPerSecond() {
            return simulations / seconds();
        }

        double seconds() {
            return Math.max(1e-9, elapsed.toNanos() / 1e9);
        }

        boolean exactlyOnce() {
            return completedOnce == simulations && completedTwice == 0 && notComplete == 0 && openAttempts == 0;
        }
    }

    private final Path workDir;
    private final Supplier<String> databaseUrl;
    private final PrintWriter out;
    private final Random random = new Random(20260702L);

    /**
     * @param workDir     where the phases' projects and worker logs go
     * @param databaseUrl a new empty database's JDBC URL per phase, or null for each project's SQLite file
     */
    RegistryLoadBenchmark(Path workDir, Supplier<String> databaseUrl, PrintWriter out) {
        this.workDir = workDir;
        this.databaseUrl = databaseUrl;
        this.out = out;
    }

    PhaseResult run(String label, int n, int workers, Duration killEvery, long sleepMillis, int batchSize,
            int leaseSeconds, Duration timeout) throws IOException, InterruptedException {
        Path dir = workDir.resolve(label.replaceAll("[^A-Za-z0-9]+", "-"));
        Files.createDirectories(dir.resolve("logs"));
        ProjectTemplate.write(dir, true);
        Path yaml = dir.resolve(ProjectConfigLoader.CONFIG_FILE);
        Files.writeString(yaml, Files.readString(yaml)
                .replaceFirst("(?m)^(\\s*lease_seconds:)\\s*\\d+", "$1 " + leaseSeconds)
                .replaceFirst("(?m)^(\\s*max_attempts:)\\s*\\d+", "$1 20"));
        StringBuilder csv = new StringBuilder("time,latitude,longitude,altitude,simulation_id\n");
        for (int i = 0; i < n; i++) {
            csv.append("2021-01-15T18:00:00Z,").append(String.format("%.4f", 20 + i * 0.0005)).append(",-111,10,b")
                    .append(String.format("%06d", i)).append('\n');
        }
        Files.writeString(dir.resolve("receptors.csv"), csv);
        Map<String, String> env = new HashMap<>();
        String url = databaseUrl == null ? null : databaseUrl.get();
        if (url != null) {
            env.put("STILT_DB_URL", url);
        }
        ProjectConfig config = ProjectConfigLoader.load(dir);
        try (Registry registry = Registries.open(dir, config.registry(), env)) {
            RegisterCommand.register(dir, null, null, config, registry);
            out.println(label + ": registered " + n + " simulations in " + registry.description() + "; " + workers
                    + " worker processes" + (killEvery == null ? "" : ", one killed (SIGKILL) every "
                            + killEvery.toMillis() / 1000.0 + " s") + ", lease " + leaseSeconds + " s");
            out.flush();
            List<Process> alive = new ArrayList<>();
            int[] generation = {0};
            Supplier<Process> startWorker = () -> startWorker(dir, env, label, generation[0]++, sleepMillis,
                    batchSize);
            long start = System.nanoTime();
            long deadline = start + timeout.toNanos();
            long nextKill = killEvery == null ? Long.MAX_VALUE : start + killEvery.toNanos();
            int kills = 0;
            for (int k = 0; k < workers; k++) {
                alive.add(startWorker.get());
            }
            long end;
            try {
                while (true) {
                    Thread.sleep(100);
                    long done = registry.counts().get(SimulationStatus.COMPLETE);
                    long now = System.nanoTime();
                    if (done == n) {
                        end = now;
                        break;
                    }
                    if (now > deadline) {
                        throw new StiltException(StiltException.Kind.INTERNAL, label + ": only " + done + " of " + n
                                + " simulations complete after " + timeout.toSeconds() + " s; worker logs in "
                                + dir.resolve("logs"));
                    }
                    if (now >= nextKill) {
                        Process victim = alive.remove(random.nextInt(alive.size()));
                        victim.destroyForcibly(); // SIGKILL: no release, the lease must expire
                        victim.waitFor();
                        kills++;
                        alive.add(startWorker.get());
                        nextKill = now + killEvery.toNanos();
                    }
                    for (int k = 0; k < alive.size(); k++) {
                        if (!alive.get(k).isAlive()) { // ran out of work while a killed worker's lease runs
                            alive.set(k, startWorker.get());
                        }
                    }
                }
            } finally {
                for (Process p : alive) {
                    p.destroy();
                }
                for (Process p : alive) {
                    p.waitFor();
                }
            }
            return verify(label, n, workers, Duration.ofNanos(end - start), kills, registry);
        }
    }

    private PhaseResult verify(String label, int n, int workers, Duration elapsed, int kills, Registry registry) {
        Map<String, Long> outcomes = new TreeMap<>();
        long claims = 0;
        long once = 0;
        long twice = 0;
        for (int i = 0; i < n; i++) {
            List<AttemptRecord> attempts = registry.attempts(String.format("b%06d", i));
            claims += attempts.size();
            long complete = 0;
            for (AttemptRecord a : attempts) {
                outcomes.merge(a.outcome() == null ? "running" : a.outcome(), 1L, Long::sum);
                if ("complete".equals(a.outcome())) {
                    complete++;
                }
            }
            if (complete == 1) {
                once++;
            } else if (complete > 1) {
                twice++;
            }
        }
        long notComplete = registry.counts().total() - registry.counts().get(SimulationStatus.COMPLETE);
        return new PhaseResult(label, n, workers, elapsed, claims, kills, outcomes, once, twice, notComplete,
                outcomes.getOrDefault("running", 0L));
    }

    private static Process startWorker(Path dir, Map<String, String> env, String label, int generation,
            long sleepMillis, int batchSize) {
        List<String> cmd = new ArrayList<>(SlurmBackend.currentStiltCommand());
        cmd.add(cmd.size() - 1, "-Xmx256m");
        String id = "bench-" + label.replaceAll("[^A-Za-z0-9]+", "-") + "-" + generation;
        cmd.addAll(List.of("pull-worker", dir.toString(), "--worker-id", id, "--executor", "sleep:" + sleepMillis,
                "--batch-size", Integer.toString(batchSize)));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("logs").resolve(id + ".log").toFile());
        pb.environment().putAll(env);
        try {
            return pb.start();
        } catch (IOException e) {
            throw new StiltException(StiltException.Kind.INTERNAL, "cannot start a worker process " + cmd.get(0) + ": "
                    + e.getMessage(), e);
        }
    }
}
