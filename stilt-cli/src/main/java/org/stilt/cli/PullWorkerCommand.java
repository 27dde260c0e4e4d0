package org.stilt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import org.stilt.core.project.ProjectConfig;
import org.stilt.core.project.ProjectConfigLoader;
import org.stilt.core.registry.PullWorker;
import org.stilt.core.registry.Registry;
import org.stilt.core.registry.SimulationExecutor;
import org.stilt.core.run.PipelineExecutor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stilt pull-worker DIR [--follow] [--max-simulations N] [--worker-id ID]}: claims the
 * project's pending simulations from its registry and runs them until the queue is empty (or, with
 * {@code --follow}, forever with back-off). Each simulation is run by the {@code stilt run} pipeline
 * ({@link PipelineExecutor}: outputs in {@code DIR/out}, failures with {@code stilt run}'s typed reasons); the hidden
 * {@code --executor sleep:MILLIS} selects the test/benchmark stand-in ({@link ExecutorOption}).
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
@Command(name = "pull-worker", mixinStandardHelpOptions = true,
        description = "Claim and run the project's pending simulations from its registry until none is left (or"
                + " forever with --follow), with the stilt run pipeline (outputs in DIR/out, docs/run.md).")
final class PullWorkerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Project folder.")
    Path dir;

    @Option(names = "--follow", description = "Keep waiting for new simulations (back-off 1 s to 30 s) instead of"
            + " stopping when the queue is empty.")
    boolean follow;

    @Option(names = "--max-simulations", paramLabel = "N", defaultValue = "0",
            description = "Stop after N simulations (default 0 = no limit).")
    long maxSimulations;

    @Option(names = "--worker-id", paramLabel = "ID",
            description = "Name of this worker in leases and the attempt history (default HOST:PID).")
    String workerId;

    @Option(names = "--kernel", paramLabel = "KIND", description = "Transport kernel: native or java (default: the"
            + " config's transport).")
    String kernel;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1",
            description = "Simulations claimed at once (default 1).")
    int batchSize;

    @Mixin
    ExecutorOption executorOption = new ExecutorOption();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProjectConfig config = ProjectConfigLoader.load(dir);
        SimulationExecutor executor = executorOption.create(dir, config, kernel, err, 1);
        String id = workerId == null ? PullWorker.defaultWorkerId() : workerId;
        PullWorker.Options options = PullWorker.Options
                .defaults(id, Duration.ofSeconds(config.registry().leaseSeconds()))
                .withFollow(follow).withMaxSimulations(maxSimulations).withBatchSize(batchSize);
        PullWorker.Report r;
        try (Registry registry = ProjectRegistry.open(dir, config)) {
            PullWorker worker = new PullWorker(registry, config, executor, options, line -> {
                out.println(line);
                out.flush();
            });
            // SIGTERM (e.g. a job time limit): give the held simulations back at once
            Thread hook = new Thread(worker::abandon, "stilt-pull-worker-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                r = worker.run();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is already stopping
                }
            }
            out.println("worker " + id + " on " + registry.description() + ": " + r.claimed() + " claimed, "
                    + r.complete() + " complete, " + r.completeEmpty() + " complete-empty, " + r.failed() + " failed, "
                    + r.leaseLost() + " lease lost, in " + r.elapsed().toMillis() / 1000.0 + " s");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
