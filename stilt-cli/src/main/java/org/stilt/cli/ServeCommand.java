package org.stilt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.stilt.core.project.ProjectConfig;
import org.stilt.core.project.ProjectConfigLoader;
import org.stilt.core.registry.PullWorker;
import org.stilt.core.registry.Registry;
import org.stilt.core.registry.SimulationExecutor;
import org.stilt.core.registry.WorkerPool;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stilt serve DIR [--workers N]}: a long-lived pool of {@code N} pull workers in one process
 * ({@link WorkerPool}), each following the registry (waiting with back-off when the queue is empty),
 * until SIGTERM or Ctrl-C, which gives every held simulation back to the queue. The HTTP interface is
 * a later issue.
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run a long-lived pool of N pull workers in this process, following the project's registry"
                + " (new registrations are picked up) until SIGTERM or Ctrl-C, which releases every held"
                + " simulation. The HTTP interface comes in a later issue.")
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Project folder.")
    Path dir;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "2",
            description = "Pull workers (threads) in this process (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--worker-id", paramLabel = "ID",
            description = "Base name of the workers, numbered ID-1 … ID-N (default HOST:PID).")
    String workerId;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1", description = "Simulations claimed at once.")
    int batchSize;

    @Option(names = "--idle-max-seconds", paramLabel = "S", defaultValue = "30",
            description = "Longest wait between polls of an empty queue (default ${DEFAULT-VALUE}).")
    int idleMaxSeconds;

    @Option(names = "--kernel", paramLabel = "KIND", description = "Transport kernel: native or java (default: the"
            + " config's transport).")
    String kernel;

    @Mixin
    ExecutorOption executorOption = new ExecutorOption();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (workers < 1) {
            throw new org.stilt.core.InvalidInputException("--workers must be >= 1 (got " + workers + ")");
        }
        if (idleMaxSeconds < 1) {
            throw new org.stilt.core.InvalidInputException("--idle-max-seconds must be >= 1 (got " + idleMaxSeconds
                    + ")");
        }
        ProjectConfig config = ProjectConfigLoader.load(dir);
        SimulationExecutor executor = executorOption.create(dir, config, kernel, err, workers);
        String base = workerId == null ? PullWorker.defaultWorkerId() : workerId;
        PullWorker.Options options = PullWorker.Options
                .defaults(base, Duration.ofSeconds(config.registry().leaseSeconds()))
                .withFollow(true).withBatchSize(batchSize)
                .withIdleBackoff(Duration.ofMillis(Math.min(1000, idleMaxSeconds * 1000L)),
                        Duration.ofSeconds(idleMaxSeconds));
        Object lock = new Object();
        try (Registry registry = ProjectRegistry.open(dir, config)) {
            WorkerPool pool = new WorkerPool(workers, registry, config, executor, options, line -> {
                synchronized (lock) {
                    out.println(line);
                    out.flush();
                }
            });
            CountDownLatch finished = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                int released = pool.abandon();
                synchronized (lock) {
                    out.println("stilt serve: stopping on signal; released " + released + " simulation(s)");
                    out.flush();
                }
                try {
                    // let the workers record their last lines before the JVM (and the registry) goes
                    finished.await(java.util.concurrent.TimeUnit.SECONDS.toMillis(10),
                            java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "stilt-serve-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            out.println("stilt serve: " + workers + " workers " + base + "-1.." + workers + " following "
                    + registry.description() + " (SIGTERM or Ctrl-C to stop; no HTTP interface yet)");
            out.flush();
            pool.start();
            pool.await(Duration.ofDays(36_500));
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already stopping
            }
            long complete = pool.reports().stream().mapToLong(PullWorker.Report::complete).sum();
            out.println("stilt serve: stopped; " + complete + " simulations completed");
            out.flush();
        }
        return ExitCodes.OK;
    }
}
