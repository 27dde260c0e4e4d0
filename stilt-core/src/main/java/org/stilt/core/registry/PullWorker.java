package org.stilt.core.registry;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.stilt.core.StiltException;
import org.stilt.core.project.ProjectConfig;

/**
 * A pull worker: claims simulations from a {@link Registry}, runs each with a
 * {@link SimulationExecutor} and records the outcome, while a heartbeat thread renews the leases of
 * the claims it holds. Without {@code follow} it stops when nothing is pending; with it, it waits
 * with growing back-off ({@link Options#idleBackoffMin()} to {@link Options#idleBackoffMax()}) for
 * new work until {@link #stop()} or {@code maxSimulations}. Registry failures that persist after the
 * registry's own retries are retried here with bounded back-off before the worker gives up.
 *
 * <p>Thread-safety: {@link #run()} is called once, from one thread; {@link #stop()} may be called
 * from any thread.
 */
public final class PullWorker {

    /**
     * How a worker behaves.
     *
     * @param workerId           the name recorded as lease owner and in the attempt history
     * @param batchSize          simulations claimed at once (each is leased until it is run)
     * @param lease              lease length; renewed every third of it
     * @param follow             keep waiting for new work when the queue is empty
     * @param maxSimulations     stop after this many simulations (0 = no limit)
     * @param idleBackoffMin     first wait when the queue is empty ({@code follow})
     * @param idleBackoffMax     longest wait when the queue is empty ({@code follow})
     * @param maxRegistryFailures consecutive failed registry calls (each already retried for a minute) before giving up
     */
    public record Options(String workerId, int batchSize, Duration lease, boolean follow, long maxSimulations,
            Duration idleBackoffMin, Duration idleBackoffMax, int maxRegistryFailures) {

        public Options {
            if (workerId == null || workerId.isBlank()) {
                throw new IllegalArgumentException("worker id must be a non-blank name (got " + workerId + ")");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be >= 1 (got " + batchSize + ")");
            }
            if (lease == null || lease.toMillis() < 300) {
                throw new IllegalArgumentException("lease must be >= 300 ms (got " + lease + ")");
            }
            if (maxSimulations < 0) {
                throw new IllegalArgumentException("max simulations must be >= 0, 0 = no limit (got " + maxSimulations + ")");
            }
            if (idleBackoffMin.isNegative() || idleBackoffMax.compareTo(idleBackoffMin) < 0) {
                throw new IllegalArgumentException("idle back-off must satisfy 0 <= min <= max (got " + idleBackoffMin
                        + ", " + idleBackoffMax + ")");
            }
            if (maxRegistryFailures < 1) {
                throw new IllegalArgumentException("max registry failures must be >= 1 (got " + maxRegistryFailures + ")");
            }
        }

        /** Defaults: batch 1, the given lease, no follow, no limit, idle back-off 1–30 s, 5 registry failures. */
        public static Options defaults(String workerId, Duration lease) {
            return new Options(workerId, 1, lease, false, 0, Duration.ofSeconds(1), Duration.ofSeconds(30), 5);
        }

        public Options withFollow(boolean value) {
            return new Options(workerId, batchSize, lease, value, maxSimulations, idleBackoffMin, idleBackoffMax,
                    maxRegistryFailures);
        }

        public Options withMaxSimulations(long value) {
            return new Options(workerId, batchSize, lease, follow, value, idleBackoffMin, idleBackoffMax,
                    maxRegistryFailures);
        }

        public Options withBatchSize(int value) {
            return new Options(workerId, value, lease, follow, maxSimulations, idleBackoffMin, idleBackoffMax,
                    maxRegistryFailures);
        }

        public Options withIdleBackoff(Duration min, Duration max) {
            return new Options(workerId, batchSize, lease, follow, maxSimulations, min, max, maxRegistryFailures);
        }
    }

    /**
     * What a worker did.
     *
     * @param claimed        simulations claimed
     * @param complete       recorded complete
     * @param completeEmpty  recorded complete-empty
     * @param failed         recorded failed (including retryable failures returned to the queue)
     * @param leaseLost      outcomes rejected (or runs skipped) because the lease was lost
     * @param registryErrors registry calls that failed and were retried by the worker
     * @param elapsed        wall time of {@link #run()}
     */
    public record Report(long claimed, long complete, long completeEmpty, long failed, long leaseLost,
            long registryErrors, Duration elapsed) {

        /** Simulations whose outcome was recorded. */
        public long recorded() {
            return complete + completeEmpty + failed;
        }
    }

    private final Registry registry;
    private final ProjectConfig config;
    private final SimulationExecutor executor;
    private final Options options;
    private final Consumer<String> log;
    private final String fingerprint;
    private final Set<ClaimedSimulation> held = ConcurrentHashMap.newKeySet();
    private final Set<String> lost = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;
    private long registryErrors;

    /**
     * @param log receives one line per notable event (claims, outcomes, lost leases, retries)
     */
    public PullWorker(Registry registry, ProjectConfig config, SimulationExecutor executor, Options options,
            Consumer<String> log) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.config = Objects.requireNonNull(config, "config");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.options = Objects.requireNonNull(options, "options");
        this.log = log == null ? s -> { } : log;
        this.fingerprint = config.fingerprint();
    }

    /** A worker id unique enough for a cluster: {@code host:pid}. */
    public static String defaultWorkerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        return host + ":" + ProcessHandle.current().pid();
    }

    /**
     * Asks the worker to stop after the simulation it is running (or at once when idle); simulations
     * claimed in the same batch but not started are released.
     */
    public void stop() {
        stopped = true;
    }

    /**
     * Stops at once and gives every simulation this worker holds back to the queue
     * ({@link Registry#release}), including the one running now, whose outcome will then be rejected.
     * For a process that is being terminated (SIGTERM at a job time limit): other workers can take the
     * simulations without waiting for the leases to expire.
     *
     * @return how many simulations were released
     */
    public int abandon() {
        stopped = true;
        return releaseQuietly(List.copyOf(held));
    }

    private int releaseQuietly(List<ClaimedSimulation> claims) {
        List<ClaimedSimulation> mine = claims.stream().filter(held::contains).toList();
        if (mine.isEmpty()) {
            return 0;
        }
        try {
            int n = registry.release(mine);
            mine.forEach(held::remove);
            log.accept("released " + n + " unfinished simulation(s): "
                    + mine.stream().map(ClaimedSimulation::simulationId).toList());
            return n;
        } catch (RuntimeException e) {
            log.accept("could not release " + mine.size() + " simulation(s); their leases will expire: " + e.getMessage());
            return 0;
        }
    }

    /** Runs until the queue is empty (or, following, until stopped) or {@code maxSimulations} is reached. */
    public Report run() {
        long start = System.nanoTime();
        long claimed = 0;
        long complete = 0;
        long completeEmpty = 0;
        long failed = 0;
        long leaseLost = 0;
        long processed = 0;
        Duration idle = options.idleBackoffMin();
        ScheduledExecutorService heart = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stilt-heartbeat-" + options.workerId());
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(100, options.lease().toMillis() / 3);
        heart.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
        try {
            while (!stopped && (options.maxSimulations() == 0 || processed < options.maxSimulations())) {
                int n = options.batchSize();
                if (options.maxSimulations() > 0) {
                    n = (int) Math.min(n, options.maxSimulations() - processed);
                }
                final int batch = n;
                List<ClaimedSimulation> claims = withRegistryRetry("claim",
                        () -> registry.claim(options.workerId(), batch, options.lease()));
                if (claims.isEmpty()) {
                    if (!options.follow()) {
                        break;
                    }
                    pause(idle);
                    idle = idle.multipliedBy(2).compareTo(options.idleBackoffMax()) > 0 ? options.idleBackoffMax()
                            : idle.multipliedBy(2);
                    continue;
                }
                idle = options.idleBackoffMin();
                claimed += claims.size();
                held.addAll(claims);
                for (int i = 0; i < claims.size(); i++) {
                    ClaimedSimulation c = claims.get(i);
                    if (stopped) {
                        releaseQuietly(claims.subList(i, claims.size()));
                        break;
                    }
                    if (lost.remove(c.simulationId())) {
                        held.remove(c);
                        leaseLost++;
                        log.accept("lease lost before start: " + c.simulationId());
                        continue;
                    }
                    SimulationOutcome outcome = execute(c);
                    held.remove(c);
                    processed++;
                    try {
                        withRegistryRetry("record outcome", () -> {
                            registry.recordOutcome(c, outcome);
                            return null;
                        });
                        switch (outcome.status()) {
                            case COMPLETE -> complete++;
                            case COMPLETE_EMPTY -> completeEmpty++;
                            default -> failed++;
                        }
                        log.accept(c.simulationId() + ": " + outcome.status().key()
                                + (outcome.reason() == null ? "" : " " + outcome.reason())
                                + (outcome.message() == null ? "" : " (" + outcome.message() + ")"));
                    } catch (LeaseLostException e) {
                        leaseLost++;
                        log.accept("outcome rejected: " + e.getMessage());
                    } finally {
                        lost.remove(c.simulationId());
                    }
                }
            }
        } finally {
            heart.shutdownNow();
        }
        return new Report(claimed, complete, completeEmpty, failed, leaseLost, registryErrors,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private SimulationOutcome execute(ClaimedSimulation c) {
        if (!fingerprint.equals(c.configFingerprint())) {
            return SimulationOutcome.failed("CONFIG_CHANGED", "simulation " + c.simulationId()
                    + " was registered with configuration fingerprint " + c.configFingerprint()
                    + " but this worker's config.yaml has " + fingerprint + "; run 'stilt register' again", false);
        }
        try {
            SimulationOutcome o = executor.execute(new SimulationRequest(c.simulationId(), c.sceneId(), c.receptor(),
                    config, c.attempt(), options.workerId()));
            if (o == null) {
                return SimulationOutcome.failed("INTERNAL_ERROR", "the executor returned no outcome", true);
            }
            return o;
        } catch (StiltException e) {
            boolean retryable = e.kind() == StiltException.Kind.INTERNAL
                    || e.kind() == StiltException.Kind.REGISTRY_UNAVAILABLE;
            return SimulationOutcome.failed(e.kind().name(), e.getMessage(), retryable);
        } catch (RuntimeException e) {
            return SimulationOutcome.failed("INTERNAL_ERROR", e.getClass().getSimpleName() + ": " + e.getMessage(), true);
        }
    }

    private void beat() {
        if (held.isEmpty()) {
            return;
        }
        try {
            Set<String> gone = registry.heartbeat(List.copyOf(held), options.lease());
            if (!gone.isEmpty()) {
                lost.addAll(gone);
                log.accept("lease lost (expired or superseded): " + gone);
            }
        } catch (RuntimeException e) {
            log.accept("heartbeat failed (will retry): " + e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T call();
    }

    private <T> T withRegistryRetry(String what, Call<T> call) {
        int failures = 0;
        long backoffMs = 1_000;
        while (true) {
            try {
                return call.call();
            } catch (RegistryException e) {
                failures++;
                registryErrors++;
                if (!e.isTransient() || failures >= options.maxRegistryFailures()) {
                    throw e;
                }
                log.accept(what + " failed (" + failures + "/" + options.maxRegistryFailures() + "), retrying in "
                        + backoffMs + " ms: " + e.getMessage());
                pause(Duration.ofMillis(backoffMs));
                backoffMs = Math.min(backoffMs * 2, 30_000);
            }
        }
    }

    private void pause(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        try {
            while (!stopped && System.nanoTime() < end) {
                Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }
}
