package org.stilt.core.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.stilt.core.InvalidInputException;
import org.stilt.core.footprint.JavaKernelSpreader;
import org.stilt.core.footprint.KernelSpreader;
import org.stilt.core.project.AltitudeReference;
import org.stilt.core.project.ProjectConfig;
import org.stilt.core.project.ProjectConfigLoader;
import org.stilt.core.project.Receptor;
import org.stilt.core.project.ReceptorTable;
import org.stilt.core.project.SetupParameter;
import org.stilt.core.project.TransportBackend;
import org.stilt.core.transport.JavaTransportKernel;

/**
 * A project folder ({@code config.yaml} + {@code receptors.csv}, docs/configuration.md) and how to run it: every
 * receptor on a local pool of workers, skipping simulations already complete for the same configuration
 * fingerprint, failures recorded as data (docs/run.md). What {@code stilt run} does:
 * <pre>{@code
 * RunSummary s = StiltProject.open(Path.of("myproject"))
 *         .run(RunOptions.defaults().withTransport(NativeTransportKernel::create));
 * }</pre>
 *
 * <p>Thread-safety: the loaded configuration is immutable; one {@link #run} at a time per instance (a second
 * concurrent call is refused); {@link #cancel()} may be called from any thread (e.g. a shutdown hook).
 */
public final class StiltProject {

    /** The output folder name inside the project (R-STILT's {@code output_wd}). */
    public static final String OUTPUT_DIR = "out";

    private final Path dir;
    private final ProjectConfig config;
    private final List<Receptor> receptors;
    private volatile boolean cancelled;
    private volatile ExecutorService pool;
    private final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean();

    private StiltProject(Path dir, ProjectConfig config, List<Receptor> receptors) {
        this.dir = dir;
        this.config = config;
        this.receptors = List.copyOf(receptors);
    }

    /**
     * Loads {@code dir/config.yaml} and {@code dir/receptors.csv}.
     *
     * @throws InvalidInputException    for an invalid key, value or receptor row (naming it)
     * @throws org.stilt.core.UnreadableInputException when a file is missing
     */
    public static StiltProject open(Path dir) {
        Objects.requireNonNull(dir, "dir");
        ProjectConfig config = ProjectConfigLoader.load(dir).requireRunnable();
        AltitudeReference ref = config.setup().integer(SetupParameter.KMSL) == 1 ? AltitudeReference.MSL
                : AltitudeReference.AGL;
        ReceptorTable table = ReceptorTable.read(dir, ref);
        return new StiltProject(dir, config, table.receptors());
    }

    /** A project from values already loaded (tests, programs that build the configuration themselves). */
    public static StiltProject of(Path dir, ProjectConfig config, List<Receptor> receptors) {
        return new StiltProject(Objects.requireNonNull(dir, "dir"), config.requireRunnable(), receptors);
    }

    /** The project folder. */
    public Path directory() {
        return dir;
    }

    /** The effective configuration. */
    public ProjectConfig config() {
        return config;
    }

    /** The receptors, in file order. */
    public List<Receptor> receptors() {
        return receptors;
    }

    /** The output folder, {@code <dir>/out}. */
    public Path outputDir() {
        return dir.resolve(OUTPUT_DIR);
    }

    /** The simulations of the project, in receptor order. */
    public List<SimulationSpec> simulations() {
        return receptors.stream().map(r -> new SimulationSpec(dir, config, r)).toList();
    }

    /** {@link #run(RunOptions, RunListener)} without a listener. */
    public RunSummary run(RunOptions options) {
        return run(options, RunListener.NONE);
    }

    /**
     * Runs every simulation and waits for them. Failures of single simulations are in the summary; the call
     * itself throws only when the run cannot start.
     *
     * @throws InvalidInputException                 when the configuration's transport cannot be provided by
     *                                               {@code options} (see {@link RunOptions#transport()})
     * @throws org.stilt.core.StiltException (NATIVE_UNAVAILABLE) when the kernel factory cannot load its library
     */
    public RunSummary run(RunOptions options, RunListener listener) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(listener, "listener");
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("this project is already running");
        }
        try {
            return runOnce(options, listener);
        } finally {
            pool = null;
            running.set(false);
        }
    }

    private RunSummary runOnce(RunOptions options, RunListener listener) {
        long started = System.nanoTime();
        cancelled = false;
        KernelSpreader spreader = options.spreader() != null ? options.spreader() : new JavaKernelSpreader();
        SimulationRunner base = options.transport() == null && config.transport() == TransportBackend.HYSPLIT_EXE
                ? SimulationRunner.hysplitExe(spreader)
                : new SimulationRunner(transportFactory(options).create(config.zTopMeters()), spreader);
        Path out = outputDir();
        List<SimulationSpec> specs = simulations();
        int workers = Math.min(options.effectiveWorkers(), Math.max(1, specs.size()));
        // the cores the workers leave over go to each simulation's particle chunks (same results)
        SimulationRunner runner = base.withTransportThreads(options.effectiveThreadsPerSimulation(workers));
        int complete = 0;
        boolean[] skip = new boolean[specs.size()];
        if (options.skip()) {
            for (int i = 0; i < specs.size(); i++) {
                skip[i] = SimulationRunner.isComplete(specs.get(i), out);
                complete += skip[i] ? 1 : 0;
            }
        }
        listener.started(specs.size(), complete);
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "stilt-worker-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool = executor;
        List<Future<SimulationOutcome>> futures = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            SimulationSpec spec = specs.get(i);
            boolean skipIt = skip[i];
            futures.add(executor.submit(() -> {
                SimulationOutcome o;
                if (skipIt) {
                    o = new SimulationOutcome(spec.simulationId(), SimulationStatus.SKIPPED, null,
                            "already complete for fingerprint " + spec.fingerprint().substring(0, 12), Duration.ZERO,
                            List.of());
                } else if (cancelled) {
                    o = notStarted(spec);
                } else {
                    o = runner.run(spec, out);
                }
                listener.finished(o);
                return o;
            }));
        }
        executor.shutdown();
        List<SimulationOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            try {
                outcomes.add(futures.get(i).get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel();
                outcomes.add(notStarted(specs.get(i)));
            } catch (java.util.concurrent.CancellationException | ExecutionException e) {
                outcomes.add(notStarted(specs.get(i)));
            }
        }
        return new RunSummary(out, outcomes, Duration.ofNanos(System.nanoTime() - started), workers, cancelled);
    }

    private static SimulationOutcome notStarted(SimulationSpec spec) {
        return SimulationOutcome.failed(spec.simulationId(), FailureReason.INTERRUPTED,
                "not run: the run was interrupted; rerun to resume", Duration.ZERO);
    }

    /**
     * Stops a run in progress: no new simulation starts, running ones are interrupted (an interrupted simulation
     * writes no completion marker, so the next run recomputes it; finished ones are kept). Returns at once.
     */
    public void cancel() {
        cancelled = true;
        ExecutorService p = pool;
        if (p != null) {
            // queued simulations never start; their futures are cancelled so that run() does not wait for them
            for (Runnable queued : p.shutdownNow()) {
                if (queued instanceof Future<?> f) {
                    f.cancel(false);
                }
            }
        }
    }

    /**
     * Waits up to {@code timeout} for the workers of a cancelled run to stop.
     *
     * @return true when no worker is running any more
     */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        ExecutorService p = pool;
        return p == null || p.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private TransportKernelFactory transportFactory(RunOptions options) {
        if (options.transport() != null) {
            return options.transport();
        }
        return switch (config.transport()) {
            case JAVA -> JavaTransportKernel::new;
            case NATIVE -> throw new InvalidInputException("config.yaml has transport: native, which lives in"
                    + " stilt-native: pass RunOptions.withTransport(NativeTransportKernel::create), or set"
                    + " transport: java");
            case HYSPLIT_EXE -> throw new IllegalStateException("hysplit-exe has no in-process kernel");
        };
    }

    /** The configuration's transport backend. */
    public TransportBackend transport() {
        return config.transport();
    }
}
