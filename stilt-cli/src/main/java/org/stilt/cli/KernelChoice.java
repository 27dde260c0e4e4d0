package org.stilt.cli;

import java.io.PrintWriter;

import org.stilt.core.StiltException;
import org.stilt.core.footprint.JavaKernelSpreader;
import org.stilt.core.footprint.KernelSpreader;
import org.stilt.ffi.NativeKernelSpreader;

/**
 * Which implementation of the footprint kernel accumulation (R-STILT's {@code permute}) to use.
 * Both give identical grids (one contract battery and the parity suite run against both).
 * {@link #AUTO}, the default, takes the Fortran kernel through FFM, measured 1.4–1.6× faster than
 * the Java one on the reference cases (docs/performance.md), and falls back to Java with a note
 * when the native library cannot be loaded.
 *
 * <p>Thread-safety: immutable enum.
 */
enum KernelChoice {
    /** Native if it loads, otherwise Java (with a one-line note on stderr). */
    AUTO,
    /** The pure-Java spreader. */
    JAVA,
    /** The Fortran spreader in libstilt_hysplit.so; fails if the library cannot be loaded. */
    NATIVE;

    /**
     * Creates the spreader.
     *
     * @param err where AUTO reports a fallback to Java
     * @throws StiltException (NATIVE_UNAVAILABLE) for NATIVE when the library cannot be loaded
     */
    KernelSpreader create(PrintWriter err) {
        return switch (this) {
            case JAVA -> new JavaKernelSpreader();
            case NATIVE -> NativeKernelSpreader.create();
            case AUTO -> {
                try {
                    yield NativeKernelSpreader.create();
                } catch (StiltException e) {
                    err.println("note: native kernel unavailable, using the Java one (same results): "
                            + e.getMessage().lines().findFirst().orElse(""));
                    err.flush();
                    yield new JavaKernelSpreader();
                }
            }
        };
    }
}
