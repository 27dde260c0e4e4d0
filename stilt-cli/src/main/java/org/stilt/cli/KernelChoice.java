package org.stilt.cli;

import org.stilt.core.footprint.JavaKernelSpreader;
import org.stilt.core.footprint.KernelSpreader;
import org.stilt.ffi.NativeKernelSpreader;

/**
 * Which implementation of the footprint kernel accumulation (R-STILT's {@code permute}) to use.
 * {@link #JAVA} is the default: measured faster than the Fortran one through FFM
 * (see docs/performance.md); {@link #NATIVE} runs the Fortran kernel from libstilt_hysplit.so.
 *
 * <p>Thread-safety: immutable enum.
 */
enum KernelChoice {
    JAVA, NATIVE;

    /** The default used when no {@code --kernel} option is given. */
    static final KernelChoice DEFAULT = JAVA;

    /** Creates the spreader; NATIVE loads the library (throws a NATIVE_UNAVAILABLE StiltException). */
    KernelSpreader create() {
        return switch (this) {
            case JAVA -> new JavaKernelSpreader();
            case NATIVE -> NativeKernelSpreader.create();
        };
    }
}
