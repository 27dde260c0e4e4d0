package org.stilt.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.stilt.core.InvalidInputException;
import org.stilt.core.project.ProjectConfig;
import org.stilt.core.run.FailureReason;
import org.stilt.core.run.SimulationRunner;
import org.stilt.core.run.RunListener;
import org.stilt.core.run.RunOptions;
import org.stilt.core.run.RunSummary;
import org.stilt.core.run.SimulationOutcome;
import org.stilt.core.run.SimulationStatus;
import org.stilt.core.run.StiltProject;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stilt run DIR}: every receptor of a project folder through the whole pipeline (met selection, transport,
 * hyper-near-field dilution, footprints, outputs in R-STILT's layout) on a local pool, with a progress bar and a
 * summary table (docs/run.md).
 *
 * <p>Thread-safety: one instance per invocation; the progress listener is called from worker threads and only
 * touches the thread-safe progress bar and a synchronized writer.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run every receptor of a project folder (config.yaml + receptors.csv): trajectories,"
                + " hyper-near-field dilution and footprints, written to DIR/out in R-STILT's layout (docs/run.md).",
                "Simulations already complete for the same configuration fingerprint are skipped; Ctrl-C stops"
                        + " cleanly and the next run resumes."})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The project folder (see 'stilt init').")
    Path dir;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "0",
            description = "Simulations run at once (default: the number of cores).")
    int workers;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Threads each simulation's transport splits its particles over (same results for any N;"
                    + " default: the cores left over by the workers, e.g. 2 for one receptor on 2 cores).")
    int threads;

    @Option(names = "--no-skip", description = "Recompute simulations that are already complete.")
    boolean noSkip;

    @Option(names = "--kernel", paramLabel = "KIND", description = "Transport kernel: native (Fortran via FFM) or"
            + " java (pure-Java reference); default: the config's transport (native).")
    String kernel;

    @Option(names = "--progress", paramLabel = "WHEN", defaultValue = "auto", description = "Progress bar: auto"
            + " (when stderr is a terminal), always, never (default: ${DEFAULT-VALUE}).")
    String progress;

    @Option(names = {"-q", "--quiet"}, description = "Print only the summary table and failures.")
    boolean quiet;

    @Option(names = "--backend", paramLabel = "local|slurm", defaultValue = "local", description = "local: a worker"
            + " pool in this process (default); slurm: register the receptors and submit a job array of pull"
            + " workers (docs/hpc.md; the options below).")
    String backend;

    @picocli.CommandLine.Mixin
    SlurmOptions slurm = new SlurmOptions();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!progress.equals("auto") && !progress.equals("always") && !progress.equals("never")) {
            throw new InvalidInputException("--progress must be auto, always or never (got '" + progress + "')");
        }
        if (backend.equals("slurm")) {
            if (kernel != null) {
                throw new InvalidInputException("--kernel applies to --backend local; SLURM tasks use the config's"
                        + " transport");
            }
            StiltProject p = StiltProject.open(dir);
            return slurm.submit(dir, null, null, p.config(), ExecutorOption.PIPELINE, kernel, out, err);
        }
        if (!backend.equals("local")) {
            throw new InvalidInputException("--backend must be local or slurm (got '" + backend + "')");
        }
        StiltProject project = StiltProject.open(dir);
        TransportKernelChoice choice = kernelChoice(project);
        RunOptions options = RunOptions.defaults().withWorkers(workers).withSkip(!noSkip)
                .withThreadsPerSimulation(threads);
        String kernelName;
        if (choice == null) {        // transport: hysplit-exe, no --kernel: drive the user's hycs_std
            options = options.withSpreader(KernelChoice.AUTO.create(err));
            kernelName = "hysplit-exe (" + project.config().hysplitExe() + ")";
        } else {
            options = options.withTransport(choice::create).withSpreader(KernelChoice.valueOf(choice.name()).create(err));
            kernelName = choice.name().toLowerCase(Locale.ROOT);
        }
        int n = project.receptors().size();
        if (!quiet) {
            int inUse = Math.min(options.effectiveWorkers(), Math.max(1, n));
            int perSimulation = choice == null ? 1 : options.effectiveThreadsPerSimulation(inUse);
            out.printf(Locale.ROOT, "stilt run %s: %d simulation%s, %d worker%s%s, kernel %s, output %s%n", dir, n,
                    n == 1 ? "" : "s", inUse, inUse == 1 ? "" : "s",
                    perSimulation > 1 ? " × " + perSimulation + " transport threads" : "", kernelName,
                    project.outputDir());
            out.flush();
        }
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            project.cancel();
            try {
                // give running simulations a moment to finish their current file (outputs are renamed into place,
                // so whatever is cut off leaves only a hidden temporary file that the next run removes)
                done.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stilt-run-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        Progress listener = new Progress(err, showBar());
        RunSummary summary;
        try {
            try {
                summary = project.run(options, listener);
            } finally {
                listener.close();
            }
            printSummary(summary, out, err);
        } finally {
            done.countDown();   // after the summary is printed: on Ctrl-C the JVM exits when the hook returns
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting (Ctrl-C): the hook runs
            }
        }
        if (summary.interrupted()) {
            return ExitCodes.INTERRUPTED;
        }
        return summary.anyFailed() ? ExitCodes.SIMULATIONS_FAILED : ExitCodes.OK;
    }

    /**
     * The simulation runner of a configuration, as {@code stilt run} builds it: {@code --kernel} (native or java) or
     * the config's transport (native, java, or hysplit-exe), with the matching footprint spreader.
     */
    static SimulationRunner runner(ProjectConfig config, String kernel, PrintWriter err) {
        TransportKernelChoice choice = kernelChoice(config, kernel);
        if (choice == null) {
            return SimulationRunner.hysplitExe(KernelChoice.AUTO.create(err));
        }
        return new SimulationRunner(choice.create(config.zTopMeters()), KernelChoice.valueOf(choice.name()).create(err));
    }

    private TransportKernelChoice kernelChoice(StiltProject project) {
        return kernelChoice(project.config(), kernel);
    }

    /** The kernel of {@code --kernel}, else of the config's transport; null for hysplit-exe. */
    private static TransportKernelChoice kernelChoice(ProjectConfig config, String kernel) {
        if (kernel != null) {
            return TransportKernelChoice.parse(kernel);
        }
        return switch (config.transport()) {
            case JAVA -> TransportKernelChoice.JAVA;
            case NATIVE -> TransportKernelChoice.NATIVE;
            case HYSPLIT_EXE -> null;
        };
    }

    private boolean showBar() {
        return switch (progress) {
            case "always" -> true;
            case "never" -> false;
            default -> !quiet && System.console() != null && System.console().isTerminal();
        };
    }

    private void printSummary(RunSummary s, PrintWriter out, PrintWriter err) {
        List<SimulationOutcome> failed = s.outcomes().stream().filter(o -> o.status() == SimulationStatus.FAILED
                && o.reason() != FailureReason.INTERRUPTED).toList();
        int shown = 0;
        for (SimulationOutcome o : failed) {
            if (shown++ == 20) {
                err.println("... and " + (failed.size() - 20) + " more failures (see each simulation's stilt.log)");
                break;
            }
            err.println("failed " + o.simulationId() + ": " + o.reason() + ": " + o.message().replace('\n', ' '));
        }
        err.flush();
        out.print(s.table());
        double seconds = s.elapsed().toMillis() / 1000.0;
        out.printf(Locale.ROOT, "%.1f s, %d worker%s, %.0f simulations/hour%n", seconds, s.workers(),
                s.workers() == 1 ? "" : "s", s.simulationsPerHour());
        out.println("outputs: " + s.outputDir().resolve("by-id") + " (links: " + s.outputDir().resolve("particles")
                + ", " + s.outputDir().resolve("footprints") + ")");
        if (s.interrupted()) {
            out.println("interrupted: complete simulations are kept; run the same command again to resume");
        }
        out.flush();
    }

    /** The progress bar (me.tongfei:progressbar): counts, rate, ETA; one line per failure. */
    private static final class Progress implements RunListener, AutoCloseable {
        private final PrintWriter err;
        private final boolean bar;
        private ProgressBar pb;

        Progress(PrintWriter err, boolean bar) {
            this.err = err;
            this.bar = bar;
        }

        @Override
        public synchronized void started(int total, int alreadyComplete) {
            if (!bar) {
                return;
            }
            ProgressBarBuilder b = new ProgressBarBuilder().setTaskName("simulations").setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).showSpeed()
                    .setSpeedUnit(ChronoUnit.MINUTES).setUnit(" sim", 1).setMaxRenderedLength(100)
                    .continuousUpdate();
            if (System.console() != null && System.console().isTerminal()) {
                b.setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true)));
            } else {
                b.setConsumer(new DelegatingProgressBarConsumer(line -> {
                    synchronized (err) {
                        err.println(line.strip());
                        err.flush();
                    }
                }, 100));
            }
            pb = b.build();
        }

        @Override
        public synchronized void finished(SimulationOutcome o) {
            if (pb != null) {
                pb.step();
                long failed = o.status() == SimulationStatus.FAILED ? 1 : 0;
                pb.setExtraMessage(" " + o.status().name().toLowerCase(Locale.ROOT) + (failed == 1 ? " " + o.reason() : ""));
            }
        }

        @Override
        public synchronized void close() {
            if (pb != null) {
                pb.close();
                pb = null;
            }
        }
    }
}
