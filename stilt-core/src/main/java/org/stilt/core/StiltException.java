package org.stilt.core;

/**
 * Root of every exception stilt-java throws on purpose. Unchecked; carries a machine-readable
 * {@link Kind} so that callers (the CLI's exit-code mapper, the simulation registry, tests) can
 * react without parsing messages. Messages name the offending value and what was expected.
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public class StiltException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What kind of failure this is. */
    public enum Kind {
        /** A value given by the user (argument, configuration, input table) is invalid. */
        INVALID_INPUT,
        /** An input file is missing, unreadable or malformed. */
        INPUT_UNREADABLE,
        /** An output could not be written. */
        OUTPUT_FAILED,
        /** The native kernel library could not be loaded or has the wrong ABI. */
        NATIVE_UNAVAILABLE,
        /**
         * The meteorology needed does not exist or does not cover the simulation: missing met
         * files for some times, or a receptor outside every met grid.
         */
        MET_UNAVAILABLE,
        /** A kernel (native or Java) reported a failure. */
        KERNEL_FAILED,
        /** The simulation registry (SQLite file or PostgreSQL server) could not be opened or reached. */
        REGISTRY_UNAVAILABLE,
        /** The work was cancelled (a timeout, Ctrl-C, an interrupted thread) before it finished. */
        CANCELLED,
        /** The batch scheduler (SLURM) could not be reached or refused a submission. */
        SCHEDULER_FAILED,
        /** A bug: an invariant of stilt-java itself did not hold. */
        INTERNAL
    }

    private final Kind kind;

    public StiltException(Kind kind, String message) {
        super(message);
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
    }

    public StiltException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
    }

    /** The machine-readable kind of this failure. */
    public Kind kind() {
        return kind;
    }
}
