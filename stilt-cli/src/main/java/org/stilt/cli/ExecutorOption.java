package org.stilt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import org.stilt.core.InvalidInputException;
import org.stilt.core.project.ProjectConfig;
import org.stilt.core.registry.SimulationExecutor;
import org.stilt.core.run.PipelineExecutor;

import picocli.CommandLine.Option;

/**
 * The executor a pull worker runs simulations with (a picocli mixin of {@code pull-worker},
 * {@code serve} and {@code slurm submit}). The default is the {@code stilt run} pipeline
 * ({@link PipelineExecutor}). The hidden option {@code --executor sleep:MILLIS} selects the
 * benchmark/test stand-in {@link SleepExecutor}, which completes every simulation after sleeping and
 * computes nothing; it exists for the SLURM and serve tests and {@code stilt bench registry}.
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
final class ExecutorOption {

    /** The default spec: the stilt run pipeline. */
    static final String PIPELINE = "pipeline";
    /** Prefix of the stand-in spec. */
    static final String SLEEP_PREFIX = "sleep:";

    @Option(names = "--executor", paramLabel = "SPEC", hidden = true, defaultValue = PIPELINE,
            description = "Test/benchmark stand-in: 'sleep:MILLIS' completes each simulation after sleeping"
                    + " (computes nothing). Default: " + PIPELINE + " (the stilt run pipeline).")
    String spec = PIPELINE;

    /** The spec as given (to pass on to SLURM array tasks). */
    String spec() {
        return spec;
    }

    /**
     * Checks the spec and returns the executor; the stand-in prints a warning saying so. The
     * pipeline splits each simulation's particles over the cores left to each of the process's
     * {@code workers} (a pull worker alone in a SLURM task with {@code --cpus-per-task 4}: 4
     * threads; identical results for any count).
     *
     * @param kernel  {@code --kernel} of the command (null: the config's transport)
     * @param workers simulations this process runs at once
     */
    SimulationExecutor create(Path dir, ProjectConfig config, String kernel, PrintWriter err, int workers) {
        Long sleepMillis = check(spec);
        if (sleepMillis == null) {
            int threads = org.stilt.core.run.RunOptions.defaults().effectiveThreadsPerSimulation(workers);
            return new PipelineExecutor(dir, RunCommand.runner(config, kernel, err).withTransportThreads(threads));
        }
        err.println("warning: --executor " + spec + ": BENCHMARK/TEST STAND-IN, every simulation is recorded"
                + " complete after " + sleepMillis + " ms and nothing is computed");
        err.flush();
        return new SleepExecutor(sleepMillis);
    }

    /**
     * Checks {@code pipeline} or {@code sleep:MILLIS}.
     *
     * @return the stand-in's sleep in ms, or null for the pipeline
     */
    static Long check(String spec) {
        if (spec == null || spec.equals(PIPELINE)) {
            return null;
        }
        if (spec.startsWith(SLEEP_PREFIX)) {
            try {
                long millis = Long.parseLong(spec.substring(SLEEP_PREFIX.length()));
                if (millis >= 0) {
                    return millis;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new InvalidInputException("--executor is \"" + spec + "\"; expected " + PIPELINE
                + " or sleep:MILLIS with MILLIS >= 0 (a test/benchmark stand-in)");
    }
}
