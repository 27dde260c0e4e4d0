package org.stilt.core.run;

/**
 * Receives a run's progress (the CLI draws its progress bar from it).
 *
 * <p>Thread-safety: {@link #finished} is called from the worker threads, possibly at once: implementations must be
 * thread-safe.
 */
public interface RunListener {

    /** No-op listener. */
    RunListener NONE = new RunListener() {
    };

    /** Called once before any simulation with the number of simulations and how many are already complete. */
    default void started(int total, int alreadyComplete) {
    }

    /** Called once per simulation when it ends (also for skipped ones). */
    default void finished(SimulationOutcome outcome) {
    }
}
