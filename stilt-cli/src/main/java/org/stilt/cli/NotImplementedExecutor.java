package org.stilt.cli;

import org.stilt.core.registry.SimulationExecutor;
import org.stilt.core.registry.SimulationOutcome;
import org.stilt.core.registry.SimulationRequest;

/**
 * PLACEHOLDER executor of {@code stilt pull-worker} until the {@code stilt run} pipeline is merged:
 * it fails every simulation, non-retryably, with reason {@value #REASON}, so that nothing pretends
 * to work. {@code stilt requeue DIR --reason NOT_IMPLEMENTED} puts them back once the real pipeline
 * is wired in ({@code PullWorkerCommand}).
 *
 * <p>Thread-safety: stateless.
 */
final class NotImplementedExecutor implements SimulationExecutor {

    /** The failure reason it records. */
    static final String REASON = "NOT_IMPLEMENTED";

    @Override
    public SimulationOutcome execute(SimulationRequest request) {
        return SimulationOutcome.failed(REASON, "stilt run pipeline not merged yet; simulation " + request.simulationId()
                + " was not run", false);
    }
}
