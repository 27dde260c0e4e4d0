package org.stilt.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.stilt.core.InvalidInputException;
import org.stilt.core.registry.LocalPostgresCluster;
import org.stilt.core.registry.RegistryException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stilt bench registry}: the registry load benchmark ({@link RegistryLoadBenchmark}) on a
 * private PostgreSQL cluster (or SQLite): a baseline phase with one worker process and no kills, then
 * the load phase with {@code --workers} processes and a SIGKILL every {@code --kill-every} seconds;
 * prints claims per second, total time, the ratio against the baseline and the exactly-once proof.
 * A benchmark, not a unit test: it uses the stand-in executor, so it measures the registry.
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "Load benchmark of the simulation registry: N simulations, W pull-worker processes with a"
                + " stand-in executor (computes nothing), random SIGKILLs; claims/s, time, ratio to a 1-worker"
                + " baseline in the same run, and the exactly-once proof from the attempt history.")
final class BenchRegistryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--simulations", defaultValue = "10000", description = "Simulations (default ${DEFAULT-VALUE}).")
    int simulations;

    @Option(names = "--workers", defaultValue = "4", description = "Worker processes (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--kill-every", paramLabel = "SECONDS", defaultValue = "3",
            description = "Kill a random worker with SIGKILL this often, 0 = never (default ${DEFAULT-VALUE}).")
    double killEverySeconds;

    @Option(names = "--db", defaultValue = "postgresql",
            description = "postgresql (a private cluster on loopback, installed when missing) or sqlite"
                    + " (default ${DEFAULT-VALUE}).")
    String db;

    @Option(names = "--batch-size", defaultValue = "1", description = "Claim batch (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--sleep-ms", defaultValue = "0", description = "Stand-in run time per simulation, ms"
            + " (default ${DEFAULT-VALUE}).")
    long sleepMillis;

    @Option(names = "--lease-seconds", defaultValue = "5", description = "Lease (default ${DEFAULT-VALUE}).")
    int leaseSeconds;

    @Option(names = "--no-baseline", description = "Skip the 1-worker baseline phase.")
    boolean noBaseline;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (simulations < 1 || workers < 1 || killEverySeconds < 0 || batchSize < 1 || sleepMillis < 0
                || leaseSeconds < 3) {
            throw new InvalidInputException("expected --simulations >= 1, --workers >= 1, --kill-every >= 0,"
                    + " --batch-size >= 1, --sleep-ms >= 0, --lease-seconds >= 3 (got " + simulations + ", " + workers
                    + ", " + killEverySeconds + ", " + batchSize + ", " + sleepMillis + ", " + leaseSeconds + ")");
        }
        if (!db.equals("postgresql") && !db.equals("sqlite")) {
            throw new InvalidInputException("--db is \"" + db + "\"; expected postgresql or sqlite");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path work = Files.createTempDirectory("stilt-bench-registry-");
        LocalPostgresCluster cluster = null;
        try {
            Supplier<String> urls = null;
            if (db.equals("postgresql")) {
                out.println("starting a private PostgreSQL cluster on loopback (fsync=off) ...");
                out.flush();
                cluster = LocalPostgresCluster.start();
                LocalPostgresCluster c = cluster;
                urls = () -> {
                    try {
                        return c.createDatabase();
                    } catch (SQLException e) {
                        throw new RegistryException("cannot create a benchmark database: " + e.getMessage());
                    }
                };
            }
            RegistryLoadBenchmark bench = new RegistryLoadBenchmark(work, urls, out);
            Duration timeout = Duration.ofSeconds(Math.max(300, simulations / 20));
            RegistryLoadBenchmark.PhaseResult base = noBaseline ? null
                    : bench.run("baseline 1 worker", simulations, 1, null, sleepMillis, batchSize, leaseSeconds,
                            timeout);
            Duration kill = killEverySeconds == 0 ? null : Duration.ofMillis(Math.round(killEverySeconds * 1000));
            RegistryLoadBenchmark.PhaseResult load = bench.run(workers + (kill == null ? " workers" : " workers with kills"),
                    simulations, workers,
                    kill, sleepMillis, batchSize, leaseSeconds, timeout);
            out.println();
            out.println(String.format("%-26s %8s %8s %10s %10s %12s %6s", "phase (" + db + ", batch " + batchSize + ")",
                    "sims", "time s", "claims", "claims/s", "complete/s", "kills"));
            for (RegistryLoadBenchmark.PhaseResult r : base == null ? java.util.List.of(load)
                    : java.util.List.of(base, load)) {
                out.println(String.format("%-26s %8d %8.1f %10d %10.0f %12.0f %6d", r.label(), r.simulations(),
                        r.seconds(), r.claims(), r.claimsPerSecond(), r.completionsPerSecond(), r.kills()));
            }
            if (base != null) {
                out.println(String.format("ratio (%s / %s), completions per second: %.2f", load.label(), base.label(),
                        load.completionsPerSecond() / base.completionsPerSecond()));
            }
            boolean ok = true;
            for (RegistryLoadBenchmark.PhaseResult r : base == null ? java.util.List.of(load)
                    : java.util.List.of(base, load)) {
                out.println(r.label() + ": attempts by outcome " + r.outcomes() + "; completed exactly once: "
                        + r.completedOnce() + "/" + r.simulations() + ", more than once: " + r.completedTwice()
                        + ", not complete: " + r.notComplete() + ", attempts left open: " + r.openAttempts() + " -> " + (r.exactlyOnce() ? "EXACTLY ONCE: OK"
                                : "FAILED"));
                ok &= r.exactlyOnce();
            }
            out.flush();
            return ok ? ExitCodes.OK : ExitCodes.SIMULATIONS_FAILED;
        } finally {
            if (cluster != null) {
                cluster.close();
            }
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
