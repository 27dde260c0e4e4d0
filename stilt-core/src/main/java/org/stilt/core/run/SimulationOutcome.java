package org.stilt.core.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The result of one simulation.
 *
 * @param simulationId R-STILT's simulation id (the folder name under {@code out/by-id})
 * @param status       done, empty, skipped or failed
 * @param reason       why it failed; null unless {@code status} is {@link SimulationStatus#FAILED}
 * @param message      one line for people: the failure message, or what was written
 * @param elapsed      wall time spent on it in this run (zero when skipped)
 * @param files        the output files of the simulation folder (particle file, footprints, log)
 *
 * <p>Thread-safety: immutable value.
 */
public record SimulationOutcome(String simulationId, SimulationStatus status, FailureReason reason, String message,
                                Duration elapsed, List<Path> files) {

    public SimulationOutcome {
        Objects.requireNonNull(simulationId, "simulationId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(message, "message");
        files = List.copyOf(files);
        if ((status == SimulationStatus.FAILED) != (reason != null)) {
            throw new IllegalArgumentException("a failed outcome needs a reason and only a failed one has one (status "
                    + status + ", reason " + reason + ")");
        }
    }

    /** A failure. */
    public static SimulationOutcome failed(String simulationId, FailureReason reason, String message,
                                           Duration elapsed) {
        return new SimulationOutcome(simulationId, SimulationStatus.FAILED, reason, message, elapsed, List.of());
    }

    /** True when the simulation is complete now (done, empty or skipped as complete). */
    public boolean complete() {
        return status != SimulationStatus.FAILED;
    }
}
