package org.stilt.cli;

import java.util.Map;

import org.stilt.core.StiltException;
import org.stilt.core.registry.SimulationExecutor;
import org.stilt.core.registry.SimulationOutcome;
import org.stilt.core.registry.SimulationRequest;

/**
 * BENCHMARK/TEST STAND-IN, not a STILT simulation: sleeps {@code sleepMillis} and records the
 * simulation as complete (with one timing phase {@code "sleep"}), producing no output. It lets the
 * registry, the SLURM backend, {@code stilt serve} and {@code stilt bench registry} be exercised
 * without the cost of real simulations. Chosen only by the hidden option
 * {@code --executor sleep:MILLIS} ({@link ExecutorOption}).
 *
 * @param sleepMillis how long each "simulation" takes, ms (0 = return at once)
 *
 * <p>Thread-safety: immutable; safe for concurrent use.
 */
record SleepExecutor(long sleepMillis) implements SimulationExecutor {

    SleepExecutor {
        if (sleepMillis < 0) {
            throw new IllegalArgumentException("sleep must be >= 0 ms (got " + sleepMillis + ")");
        }
    }

    @Override
    public SimulationOutcome execute(SimulationRequest request) {
        long start = System.nanoTime();
        if (sleepMillis > 0) {
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StiltException(StiltException.Kind.INTERNAL, "stand-in executor interrupted while sleeping"
                        + " in simulation " + request.simulationId(), e);
            }
        }
        return SimulationOutcome.complete(Map.of("sleep", (System.nanoTime() - start) / 1e9));
    }
}
