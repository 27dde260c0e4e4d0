package org.stilt.core.run;

/**
 * Why a simulation failed: a typed reason recorded in its {@code stilt.log}, in the run summary
 * and by {@code stilt run}'s summary table (docs/run.md).
 *
 * <p>Thread-safety: immutable enum.
 */
public enum FailureReason {
    /** The met catalog found too few files, or none for some required time (R-STILT's "Insufficient number ..."). */
    MET_MISSING,
    /** A met file is unreadable or malformed. */
    MET_UNREADABLE,
    /** The receptor lies outside the met grid, or the met files end before the run does. */
    OUTSIDE_MET,
    /**
     * The transport kernel (native or Java) reported a failure, or {@code hysplit_exe} wrote no (or a malformed)
     * {@code PARTICLE_STILT.DAT}.
     */
    KERNEL_ERROR,
    /** The trajectory run took longer than {@code timeout} seconds. */
    TIMEOUT,
    /** A value of the configuration or the receptor was invalid for this simulation. */
    INVALID_INPUT,
    /** An output file could not be written. */
    OUTPUT_ERROR,
    /** The run was interrupted (Ctrl-C) while this simulation was in progress; rerunning resumes it. */
    INTERRUPTED,
    /** A bug in stilt-java: the message and stack trace are in the simulation's stilt.log. */
    INTERNAL
}
