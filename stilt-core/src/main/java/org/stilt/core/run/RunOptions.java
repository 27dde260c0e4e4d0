package org.stilt.core.run;

import java.util.Objects;

import org.stilt.core.InvalidInputException;
import org.stilt.core.footprint.KernelSpreader;

/**
 * How a project is run ({@code stilt run} options).
 *
 * @param workers              simulations run at once; 0 = the number of available processors
 * @param skip                 skip simulations already complete for the same fingerprint (false = {@code --no-skip})
 * @param transport            the transport kernel factory, or null for the configuration's {@code transport}, which
 *                             from core alone can only be {@code java} (the native kernel lives in stilt-native:
 *                             pass {@code NativeTransportKernel::create})
 * @param spreader             the footprint kernel accumulation, or null for the pure-Java one
 *                             ({@code NativeKernelSpreader} from stilt-native is faster, same results)
 * @param threadsPerSimulation threads each simulation's transport splits its particles over (particle chunks,
 *                             {@code TrajectoryRunner.withThreads}; results are identical for any count);
 *                             0 = automatic: the cores left over by the workers in use, at least 1
 *
 * <p>Thread-safety: immutable value (the factory and spreader are thread-safe by their contracts).
 */
public record RunOptions(int workers, boolean skip, TransportKernelFactory transport, KernelSpreader spreader,
                         int threadsPerSimulation) {

    /** Largest {@link #threadsPerSimulation}. */
    public static final int MAX_THREADS_PER_SIMULATION = 256;

    public RunOptions {
        if (workers < 0 || workers > 4096) {
            throw new InvalidInputException("workers " + workers + "; expected 1..4096, or 0 for the number of cores");
        }
        if (threadsPerSimulation < 0 || threadsPerSimulation > MAX_THREADS_PER_SIMULATION) {
            throw new InvalidInputException("threads per simulation " + threadsPerSimulation + "; expected 1.."
                    + MAX_THREADS_PER_SIMULATION + ", or 0 for the cores left over by the workers");
        }
    }

    /** All cores, skip complete simulations, the configuration's kernel, the Java spreader, automatic threads. */
    public static RunOptions defaults() {
        return new RunOptions(0, true, null, null, 0);
    }

    /** With {@code n} workers (0 = the number of cores). */
    public RunOptions withWorkers(int n) {
        return new RunOptions(n, skip, transport, spreader, threadsPerSimulation);
    }

    /** With or without skipping simulations complete for the same fingerprint. */
    public RunOptions withSkip(boolean value) {
        return new RunOptions(workers, value, transport, spreader, threadsPerSimulation);
    }

    /** With this transport kernel factory (overrides the configuration's {@code transport}). */
    public RunOptions withTransport(TransportKernelFactory factory) {
        return new RunOptions(workers, skip, Objects.requireNonNull(factory, "factory"), spreader,
                threadsPerSimulation);
    }

    /** With this footprint spreader. */
    public RunOptions withSpreader(KernelSpreader value) {
        return new RunOptions(workers, skip, transport, Objects.requireNonNull(value, "value"), threadsPerSimulation);
    }

    /** With {@code n} transport threads per simulation (0 = automatic). */
    public RunOptions withThreadsPerSimulation(int n) {
        return new RunOptions(workers, skip, transport, spreader, n);
    }

    /** The worker count to use: {@link #workers()} or the number of available processors. */
    public int effectiveWorkers() {
        return workers > 0 ? workers : Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The transport threads of each simulation when {@code workersInUse} simulations run at once:
     * {@link #threadsPerSimulation()}, or when it is 0 the available processors divided among the
     * workers (a one-receptor project on a 2-core laptop: 2; as many workers as cores: 1).
     */
    public int effectiveThreadsPerSimulation(int workersInUse) {
        return effectiveThreadsPerSimulation(workersInUse, Runtime.getRuntime().availableProcessors());
    }

    /** As {@link #effectiveThreadsPerSimulation(int)} on a machine with {@code cores} processors. */
    public int effectiveThreadsPerSimulation(int workersInUse, int cores) {
        if (threadsPerSimulation > 0) {
            return threadsPerSimulation;
        }
        return Math.max(1, Math.min(MAX_THREADS_PER_SIMULATION, cores / Math.max(1, workersInUse)));
    }
}
