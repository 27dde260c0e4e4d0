package org.stilt.cli;

import java.util.Locale;

import org.stilt.core.InvalidInputException;
import org.stilt.core.transport.JavaTransportKernel;
import org.stilt.core.transport.TransportKernel;
import org.stilt.ffi.NativeTransportKernel;

/**
 * Which transport kernel {@code stilt trajectory} uses: the Fortran kernel through FFM (default) or the pure-Java
 * reference. Both give identical particle tables (KernelAgreementTest, TrajectoryCommandTest).
 *
 * <p>Thread-safety: immutable enum.
 */
enum TransportKernelChoice {
    /** The Fortran {@code stilt_transport_advance} in libstilt_hysplit.so. */
    NATIVE,
    /** The pure-Java reference kernel. */
    JAVA;

    /**
     * Creates the kernel for a model top.
     *
     * @throws org.stilt.core.StiltException (NATIVE_UNAVAILABLE) for NATIVE when the library cannot be loaded
     */
    TransportKernel create(double modelTopMeters) {
        return switch (this) {
            case NATIVE -> NativeTransportKernel.create(modelTopMeters);
            case JAVA -> new JavaTransportKernel(modelTopMeters);
        };
    }

    /** Parses {@code native} or {@code java} (any case). */
    static TransportKernelChoice parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--kernel must be native or java (got '" + text + "')");
        }
    }
}
