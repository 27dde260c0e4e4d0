package org.stilt.cli;

import java.io.PrintWriter;

import org.stilt.core.InvalidInputException;
import org.stilt.core.registry.SimulationExecutor;

import picocli.CommandLine.Option;

/**
 * The executor a pull worker runs simulations with (a picocli mixin of {@code pull-worker},
 * {@code serve} and {@code slurm submit}). The visible default is the placeholder
 * {@link NotImplementedExecutor} until the {@code stilt run} pipeline is merged (the lead wires the
 * real executor in {@link #create}). The hidden option {@code --executor sleep:MILLIS} selects the
 * benchmark/test stand-in {@link SleepExecutor}, which completes every simulation after sleeping and
 * computes nothing; it exists for the SLURM test, {@code stilt serve}'s test and
 * {@code stilt bench registry}.
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
final class ExecutorOption {

    /** The default spec. */
    static final String NOT_IMPLEMENTED = "not-implemented";
    /** Prefix of the stand-in spec. */
    static final String SLEEP_PREFIX = "sleep:";

    @Option(names = "--executor", paramLabel = "SPEC", hidden = true, defaultValue = NOT_IMPLEMENTED,
            description = "Test/benchmark stand-in: 'sleep:MILLIS' completes each simulation after sleeping"
                    + " (computes nothing). Default: " + NOT_IMPLEMENTED + ".")
    String spec = NOT_IMPLEMENTED;

    /** The spec as given (to pass on to SLURM array tasks). */
    String spec() {
        return spec;
    }

    /** Checks the spec and returns the executor; prints a warning naming the placeholder or stand-in. */
    SimulationExecutor create(PrintWriter err) {
        SimulationExecutor executor = parse(spec);
        if (executor instanceof SleepExecutor s) {
            err.println("warning: --executor " + spec + ": BENCHMARK/TEST STAND-IN, every simulation is recorded"
                    + " complete after " + s.sleepMillis() + " ms and nothing is computed");
        } else {
            // TODO(lead): wire the stilt run pipeline's executor here when run-pipeline is merged.
            err.println("warning: the stilt run pipeline is not merged yet: this worker fails every simulation with"
                    + " reason " + NotImplementedExecutor.REASON);
        }
        err.flush();
        return executor;
    }

    /** Parses {@code not-implemented} or {@code sleep:MILLIS}. */
    static SimulationExecutor parse(String spec) {
        if (spec == null || spec.equals(NOT_IMPLEMENTED)) {
            return new NotImplementedExecutor();
        }
        if (spec.startsWith(SLEEP_PREFIX)) {
            String ms = spec.substring(SLEEP_PREFIX.length());
            try {
                long millis = Long.parseLong(ms);
                if (millis >= 0) {
                    return new SleepExecutor(millis);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new InvalidInputException("--executor is \"" + spec + "\"; expected " + NOT_IMPLEMENTED
                + " or sleep:MILLIS with MILLIS >= 0 (a test/benchmark stand-in)");
    }
}
