package org.stilt.core;

/**
 * A computational kernel (Fortran through FFM, or its Java twin) reported a failure.
 * Carries the kernel's status code and the name of the failed function.
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public class KernelException extends StiltException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String function;

    public KernelException(int status, String function, String message) {
        super(Kind.KERNEL_FAILED, function + " failed with status " + status + ": " + message);
        this.status = status;
        this.function = function;
    }

    /** The kernel's non-zero status code. */
    public int status() {
        return status;
    }

    /** The name of the kernel function that failed, e.g. {@code stilt_footprint_spread}. */
    public String function() {
        return function;
    }
}
