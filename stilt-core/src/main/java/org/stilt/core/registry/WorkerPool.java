package org.stilt.core.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.stilt.core.project.ProjectConfig;

/**
 * {@code n} {@link PullWorker}s sharing one {@link Registry} in one process, each on its own platform
 * thread (the engine of {@code stilt serve}). Workers are named {@code BASE-1 … BASE-n}.
 *
 * <p>Thread-safety: {@link #start}, {@link #abandon}, {@link #stop} and {@link #await} may be called
 * from any thread (e.g. {@link #abandon} from a shutdown hook); {@link #start} once.
 */
public final class WorkerPool {

    private final List<PullWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<PullWorker.Report> reports = new ArrayList<>();
    private final Consumer<String> log;
    private boolean started;

    /**
     * @param options options of every worker; worker {@code k} gets the id {@code options.workerId() + "-" + k}
     * @param log     receives the workers' lines, each prefixed with the worker id
     */
    public WorkerPool(int n, Registry registry, ProjectConfig config, SimulationExecutor executor,
            PullWorker.Options options, Consumer<String> log) {
        if (n < 1) {
            throw new IllegalArgumentException("worker count must be >= 1 (got " + n + ")");
        }
        Objects.requireNonNull(options, "options");
        this.log = log == null ? s -> { } : log;
        for (int k = 1; k <= n; k++) {
            String id = options.workerId() + "-" + k;
            PullWorker.Options o = new PullWorker.Options(id, options.batchSize(), options.lease(), options.follow(),
                    options.maxSimulations(), options.idleBackoffMin(), options.idleBackoffMax(),
                    options.maxRegistryFailures());
            workers.add(new PullWorker(registry, config, executor, o, line -> this.log.accept(id + ": " + line)));
        }
    }

    /** Starts every worker on its own thread. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("worker pool already started");
        }
        started = true;
        for (PullWorker w : workers) {
            Thread t = new Thread(() -> {
                PullWorker.Report r;
                try {
                    r = w.run();
                } catch (RuntimeException e) {
                    log.accept("worker stopped by an error: " + e.getMessage());
                    return;
                }
                synchronized (reports) {
                    reports.add(r);
                }
            }, "stilt-serve-worker-" + (threads.size() + 1));
            threads.add(t);
            t.start();
        }
    }

    /** Asks every worker to stop after its current simulation (unstarted claims are released). */
    public void stop() {
        workers.forEach(PullWorker::stop);
    }

    /**
     * Stops every worker at once and gives back everything they hold, running simulations included
     * (SIGTERM, Ctrl-C).
     *
     * @return how many simulations were released
     */
    public int abandon() {
        int n = 0;
        for (PullWorker w : workers) {
            n += w.abandon();
        }
        return n;
    }

    /**
     * Waits up to {@code timeout} for every worker thread to end.
     *
     * @return true when all ended
     */
    public boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Thread> ts;
        synchronized (this) {
            ts = List.copyOf(threads);
        }
        for (Thread t : ts) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            t.join(Duration.ofNanos(left));
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }

    /** Reports of the workers that have ended, in the order they ended. */
    public List<PullWorker.Report> reports() {
        synchronized (reports) {
            return List.copyOf(reports);
        }
    }

    /** How many workers the pool has. */
    public int size() {
        return workers.size();
    }
}
