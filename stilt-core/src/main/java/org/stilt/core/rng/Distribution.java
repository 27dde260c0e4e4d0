package org.stilt.core.rng;

/**
 * What a draw is turned into; {@link #code()} is the {@code kind} argument of the C entry point
 * {@code stilt_rng_fill}.
 *
 * <p>Thread-safety: immutable enum.
 */
public enum Distribution {
    /** Uniform in (0, 1). */
    UNIFORM(0),
    /** Standard normal. */
    NORMAL(1);

    private final int code;

    Distribution(int code) {
        this.code = code;
    }

    /** The code used across the C boundary. */
    public int code() {
        return code;
    }
}
