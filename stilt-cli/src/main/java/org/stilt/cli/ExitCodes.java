package org.stilt.cli;

/**
 * Exit codes of the {@code stilt} command.
 *
 * <p>Thread-safety: constants only.
 */
public final class ExitCodes {

    /** Success (also for an empty footprint, which is a valid result). */
    public static final int OK = 0;
    /** Unexpected internal error (a bug): the message says so. */
    public static final int INTERNAL = 1;
    /** Usage error: unknown option, missing or malformed argument (picocli's default). */
    public static final int USAGE = 2;
    /** Invalid input data or values: NaN coordinates, xmx == xmn, negative resolution, ... */
    public static final int INVALID_INPUT = 3;
    /** An input file is missing, unreadable or malformed. */
    public static final int INPUT_UNREADABLE = 4;
    /** An output could not be written. */
    public static final int OUTPUT_FAILED = 5;
    /** The native kernel library could not be loaded (try {@code --kernel java}). */
    public static final int NATIVE_UNAVAILABLE = 6;
    /** A computational kernel reported a failure. */
    public static final int KERNEL_FAILED = 7;
    /** The meteorology needed is missing or does not cover the simulation. */
    public static final int MET_UNAVAILABLE = 8;
    /** The simulation registry (SQLite file or PostgreSQL server) could not be opened or reached. */
    public static final int REGISTRY_UNAVAILABLE = 9;
    /**
     * {@code stilt run}: at least one simulation failed (the summary lists them by reason); the others completed.
     * {@code stilt slurm submit --wait}: the array ended with simulations failed or unfinished.
     */
    public static final int SIMULATIONS_FAILED = 10;
    /** {@code stilt run} was interrupted (Ctrl-C); complete simulations are kept and a rerun resumes (128 + SIGINT). */
    public static final int INTERRUPTED = 130;
    /** The batch scheduler (SLURM: sbatch, squeue) could not be run or refused the job. */
    public static final int SCHEDULER_FAILED = 11;

    private ExitCodes() {
    }
}
