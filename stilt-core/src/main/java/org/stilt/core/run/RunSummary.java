package org.stilt.core.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The result of running a project: one outcome per receptor, in {@code receptors.csv} order.
 *
 * @param outputDir the project's output folder ({@code out/})
 * @param outcomes  one per receptor
 * @param elapsed   wall time of the run
 * @param workers   simulations run at once
 * @param interrupted true when the run was cancelled (Ctrl-C) before every simulation ended
 *
 * <p>Thread-safety: immutable value.
 */
public record RunSummary(Path outputDir, List<SimulationOutcome> outcomes, Duration elapsed, int workers,
                         boolean interrupted) {

    public RunSummary {
        Objects.requireNonNull(outputDir, "outputDir");
        Objects.requireNonNull(elapsed, "elapsed");
        outcomes = List.copyOf(outcomes);
    }

    /** Simulations with this status. */
    public long count(SimulationStatus status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }

    /** Failed simulations per reason, in the enum's order. */
    public Map<FailureReason, Long> failuresByReason() {
        Map<FailureReason, Long> m = new EnumMap<>(FailureReason.class);
        for (SimulationOutcome o : outcomes) {
            if (o.reason() != null) {
                m.merge(o.reason(), 1L, Long::sum);
            }
        }
        return m;
    }

    /** True when some simulation failed (including ones not run because of an interruption). */
    public boolean anyFailed() {
        return count(SimulationStatus.FAILED) > 0;
    }

    /** Simulations computed in this run (done or empty, not skipped) per hour of wall time. */
    public double simulationsPerHour() {
        long computed = count(SimulationStatus.DONE) + count(SimulationStatus.EMPTY);
        double s = elapsed.toNanos() / 1e9;
        return s > 0 ? computed * 3600.0 / s : 0.0;
    }

    /** The summary table {@code stilt run} prints: counts by status, failures by reason. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-28s %6s%n", "simulations", "count"));
        row(sb, "done", count(SimulationStatus.DONE));
        row(sb, "empty (complete-empty)", count(SimulationStatus.EMPTY));
        row(sb, "skipped (already complete)", count(SimulationStatus.SKIPPED));
        row(sb, "failed", count(SimulationStatus.FAILED));
        failuresByReason().forEach((r, n) -> row(sb, "  " + r, n));
        row(sb, "total", outcomes.size());
        return sb.toString();
    }

    private static void row(StringBuilder sb, String label, long n) {
        sb.append(String.format(Locale.ROOT, "%-28s %6d%n", label, n));
    }
}
