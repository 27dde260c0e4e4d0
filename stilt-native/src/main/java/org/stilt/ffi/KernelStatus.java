package org.stilt.ffi;

import java.util.Optional;

/**
 * Status codes returned by every entry point of libstilt_hysplit.so, mirroring the named constants
 * of {@code hysplit/src/core/stilt_status.f90} ({@code STILT_OK = 0}, ...). The ordinal is the
 * code; {@code KernelStatusTest} checks the mapping both ways against the library's
 * {@code stilt_status_count()} and the Fortran source.
 *
 * <p>Thread-safety: immutable enum.
 */
public enum KernelStatus {
    /** {@code STILT_OK}: success. */
    OK,
    /** {@code STILT_ERR_ARGUMENT}: an invalid argument (size, range, NaN where not allowed). */
    ERR_ARGUMENT,
    /** {@code STILT_ERR_DOMAIN}: outside the grid or the met domain. */
    ERR_DOMAIN,
    /** {@code STILT_ERR_NUMERIC}: a numerical failure (overflow, NaN produced). */
    ERR_NUMERIC,
    /** {@code STILT_ERR_INTERNAL}: a broken invariant of the kernel itself. */
    ERR_INTERNAL;

    private static final KernelStatus[] VALUES = values();

    /** The integer code returned by the library. */
    public int code() {
        return ordinal();
    }

    /** The name of the Fortran constant, e.g. {@code STILT_ERR_ARGUMENT}. */
    public String fortranName() {
        return "STILT_" + name();
    }

    /** The status for {@code code}, or empty for a code this version does not know. */
    public static Optional<KernelStatus> fromCode(int code) {
        return code >= 0 && code < VALUES.length ? Optional.of(VALUES[code]) : Optional.empty();
    }

    /** {@code fortranName()} for known codes, else {@code "unknown status <code>"}. */
    public static String describe(int code) {
        return fromCode(code).map(KernelStatus::fortranName).orElse("unknown status " + code);
    }
}
