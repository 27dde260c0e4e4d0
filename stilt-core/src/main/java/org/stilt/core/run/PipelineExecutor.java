package org.stilt.core.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.stilt.core.registry.SimulationExecutor;
import org.stilt.core.registry.SimulationOutcome;
import org.stilt.core.registry.SimulationRequest;

/**
 * The {@code stilt run} pipeline as the registry's {@link SimulationExecutor} ({@code stilt pull-worker}): each
 * claimed simulation is run by a {@link SimulationRunner} into {@code <project>/out}, exactly as {@code stilt run}
 * does, and its outcome mapped to the registry's: done → complete, empty → complete-empty, failed → the
 * {@link FailureReason} name as the reason, retryable for {@code TIMEOUT}, {@code INTERRUPTED},
 * {@code OUTPUT_ERROR} and {@code INTERNAL} (a second try may succeed), not for bad met or input.
 *
 * <p>Thread-safety: safe for concurrent use (the runner is).
 */
public final class PipelineExecutor implements SimulationExecutor {

    private static final Set<FailureReason> RETRYABLE = EnumSet.of(FailureReason.TIMEOUT, FailureReason.INTERRUPTED,
            FailureReason.OUTPUT_ERROR, FailureReason.INTERNAL);

    private final Path projectDir;
    private final SimulationRunner runner;

    /** Runs simulations of the project in {@code projectDir} with {@code runner}. */
    public PipelineExecutor(Path projectDir, SimulationRunner runner) {
        this.projectDir = Objects.requireNonNull(projectDir, "projectDir");
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /** The simulation runner used. */
    public SimulationRunner runner() {
        return runner;
    }

    @Override
    public SimulationOutcome execute(SimulationRequest request) {
        SimulationSpec spec = new SimulationSpec(projectDir, request.config(), request.receptor());
        Path out = projectDir.resolve(StiltProject.OUTPUT_DIR);
        org.stilt.core.run.SimulationOutcome o = runner.run(spec, out);
        Map<String, Double> timings = Map.of("total", o.elapsed().toNanos() / 1e9);
        List<String> tail = logTail(SimulationRunner.simulationDir(out, spec.simulationId()).resolve(SimulationLog.FILE));
        return switch (o.status()) {
            case DONE, SKIPPED -> new SimulationOutcome(org.stilt.core.registry.SimulationStatus.COMPLETE, null,
                    o.message(), false, timings, tail);
            case EMPTY -> new SimulationOutcome(org.stilt.core.registry.SimulationStatus.COMPLETE_EMPTY, null,
                    o.message(), false, timings, tail);
            case FAILED -> new SimulationOutcome(org.stilt.core.registry.SimulationStatus.FAILED, o.reason().name(),
                    o.message(), RETRYABLE.contains(o.reason()), timings, tail);
        };
    }

    private static List<String> logTail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.subList(Math.max(0, lines.size() - SimulationOutcome.LOG_TAIL_LINES), lines.size());
        } catch (IOException e) {
            return List.of();
        }
    }
}
