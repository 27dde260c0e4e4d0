package org.stilt.core.run;

/**
 * What became of one simulation in a run.
 *
 * <p>Thread-safety: immutable enum.
 */
public enum SimulationStatus {
    /** Complete: particle file and at least one non-empty footprint (or footprints not requested). */
    DONE,
    /**
     * Complete, but every footprint grid was empty (no particle with {@code foot > 0} inside it): a valid result,
     * recorded as "complete-empty", not a failure (R-STILT writes no file and logs "No non-zero footprint ...").
     */
    EMPTY,
    /** Skipped: already complete for the same configuration fingerprint (from an earlier run). */
    SKIPPED,
    /** Failed with a {@link FailureReason}. */
    FAILED
}
