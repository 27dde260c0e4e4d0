package org.stilt.core.registry;

/**
 * Runs one simulation for a {@link PullWorker}: receptor + configuration → outcome. The real one is
 * the {@code stilt run} pipeline; it must write outputs under a temporary name and rename them when
 * complete, so a killed worker never leaves a half output that looks finished. An executor may throw:
 * the worker then records a failure ({@code StiltException} kinds become the reason, anything else
 * the retryable reason {@code INTERNAL_ERROR}).
 *
 * <p>Thread-safety: a worker calls its executor from one thread at a time; an executor shared by
 * several workers must be safe for concurrent use.
 */
@FunctionalInterface
public interface SimulationExecutor {

    /** Runs the simulation and reports what became of it. */
    SimulationOutcome execute(SimulationRequest request);
}
