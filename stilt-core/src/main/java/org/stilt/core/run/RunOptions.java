package org.stilt.core.run;

import java.util.Objects;

import org.stilt.core.InvalidInputException;
import org.stilt.core.footprint.KernelSpreader;

/**
 * How a project is run ({@code stilt run} options).
 *
 * @param workers   simulations run at once; 0 = the number of available processors
 * @param skip      skip simulations already complete for the same fingerprint (false = {@code --no-skip})
 * @param transport the transport kernel factory, or null for the configuration's {@code transport}, which from
 *                  core alone can only be {@code java} (the native kernel lives in stilt-native: pass
 *                  {@code NativeTransportKernel::create})
 * @param spreader  the footprint kernel accumulation, or null for the pure-Java one ({@code NativeKernelSpreader}
 *                  from stilt-native is faster, same results)
 *
 * <p>Thread-safety: immutable value (the factory and spreader are thread-safe by their contracts).
 */
public record RunOptions(int workers, boolean skip, TransportKernelFactory transport, KernelSpreader spreader) {

    public RunOptions {
        if (workers < 0 || workers > 4096) {
            throw new InvalidInputException("workers " + workers + "; expected 1..4096, or 0 for the number of cores");
        }
    }

    /** All cores, skip complete simulations, the configuration's kernel, the Java spreader. */
    public static RunOptions defaults() {
        return new RunOptions(0, true, null, null);
    }

    /** With {@code n} workers (0 = the number of cores). */
    public RunOptions withWorkers(int n) {
        return new RunOptions(n, skip, transport, spreader);
    }

    /** With or without skipping simulations complete for the same fingerprint. */
    public RunOptions withSkip(boolean value) {
        return new RunOptions(workers, value, transport, spreader);
    }

    /** With this transport kernel factory (overrides the configuration's {@code transport}). */
    public RunOptions withTransport(TransportKernelFactory factory) {
        return new RunOptions(workers, skip, Objects.requireNonNull(factory, "factory"), spreader);
    }

    /** With this footprint spreader. */
    public RunOptions withSpreader(KernelSpreader value) {
        return new RunOptions(workers, skip, transport, Objects.requireNonNull(value, "value"));
    }

    /** The worker count to use: {@link #workers()} or the number of available processors. */
    public int effectiveWorkers() {
        return workers > 0 ? workers : Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
