package org.stilt.ffi;

import org.stilt.core.StiltException;

/**
 * libstilt_hysplit.so could not be loaded, lacks a symbol, or has a different ABI version than
 * this build of stilt-java expects. Always of kind {@link StiltException.Kind#NATIVE_UNAVAILABLE};
 * the message lists every place that was tried and why each failed, so {@code stilt doctor} can
 * print it as is. The pure-Java kernels ({@code --kernel java}) still work.
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public final class NativeLibraryException extends StiltException {

    private static final long serialVersionUID = 1L;

    /** @param message what was tried and why it failed */
    public NativeLibraryException(String message) {
        super(Kind.NATIVE_UNAVAILABLE, message);
    }

    /**
     * @param message what was tried and why it failed
     * @param cause   the underlying failure
     */
    public NativeLibraryException(String message, Throwable cause) {
        super(Kind.NATIVE_UNAVAILABLE, message, cause);
    }
}
