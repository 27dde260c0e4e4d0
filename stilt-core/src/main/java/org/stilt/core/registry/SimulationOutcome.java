package org.stilt.core.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What became of one run of a simulation, as an executor reports it and the registry records it.
 *
 * @param status         {@link SimulationStatus#COMPLETE}, {@link SimulationStatus#COMPLETE_EMPTY} or {@link SimulationStatus#FAILED}
 * @param reason         for a failure, a short machine-readable reason in upper case (e.g. {@code MET_UNAVAILABLE},
 *                       {@code KERNEL_ERROR}, {@code MET_MISSING}); null otherwise
 * @param message        a one-line human explanation (failure message, or why the footprint is empty); may be null
 * @param retryable      for a failure: whether trying again may succeed (a crash, a time-out) rather than fail the
 *                       same way (invalid input); non-retryable failures are failed at once, without using up
 *                       {@code max_attempts}
 * @param timingsSeconds wall time per phase, s, in phase order (e.g. {@code met}, {@code trajectory}, {@code footprint})
 * @param logTail        the last lines of the simulation's log (the registry keeps at most {@link #LOG_TAIL_LINES})
 *
 * <p>Thread-safety: immutable value.
 */
public record SimulationOutcome(SimulationStatus status, String reason, String message, boolean retryable,
        Map<String, Double> timingsSeconds, List<String> logTail) {

    /** Lines of log kept per simulation. */
    public static final int LOG_TAIL_LINES = 40;

    public SimulationOutcome {
        Objects.requireNonNull(status, "status");
        if (!status.isFinal()) {
            throw new IllegalArgumentException("an outcome status must be complete, complete-empty or failed (got "
                    + status.key() + ")");
        }
        if (status == SimulationStatus.FAILED && (reason == null || !reason.matches("[A-Z][A-Z0-9_]*"))) {
            throw new IllegalArgumentException("a failure needs a reason in upper case such as KERNEL_FAILED (got "
                    + reason + ")");
        }
        Map<String, Double> t = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : (timingsSeconds == null ? Map.<String, Double>of() : timingsSeconds).entrySet()) {
            if (e.getKey() == null || !e.getKey().matches("[A-Za-z0-9_.-]+") || e.getValue() == null
                    || !(e.getValue() >= 0) || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("timing " + e.getKey() + "=" + e.getValue()
                        + " must be a phase name (letters, digits, _ . -) with a finite number of seconds >= 0");
            }
            t.put(e.getKey(), e.getValue());
        }
        timingsSeconds = Collections.unmodifiableMap(t);
        List<String> lines = logTail == null ? List.of() : List.copyOf(logTail);
        logTail = lines.size() > LOG_TAIL_LINES ? lines.subList(lines.size() - LOG_TAIL_LINES, lines.size()) : lines;
    }

    /** A completed simulation. */
    public static SimulationOutcome complete(Map<String, Double> timingsSeconds) {
        return new SimulationOutcome(SimulationStatus.COMPLETE, null, null, false, timingsSeconds, List.of());
    }

    /** A simulation that finished without a footprint, with the reason in {@code message}. */
    public static SimulationOutcome completeEmpty(String message, Map<String, Double> timingsSeconds) {
        return new SimulationOutcome(SimulationStatus.COMPLETE_EMPTY, null, message, false, timingsSeconds, List.of());
    }

    /** A failure. */
    public static SimulationOutcome failed(String reason, String message, boolean retryable) {
        return new SimulationOutcome(SimulationStatus.FAILED, reason, message, retryable, Map.of(), List.of());
    }

    /** This outcome with a log tail. */
    public SimulationOutcome withLogTail(List<String> lines) {
        return new SimulationOutcome(status, reason, message, retryable, timingsSeconds, lines);
    }
}
