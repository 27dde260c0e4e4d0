package org.stilt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.stilt.core.project.ProjectConfigLoader;
import org.stilt.core.registry.FailureGroup;
import org.stilt.core.registry.Registry;
import org.stilt.core.registry.SimulationStatus;
import org.stilt.core.registry.StatusCounts;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stilt status DIR [--by-scene] [--failed]}: counts of the project's simulations per status,
 * optionally per scene, and a table of failures by reason.
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show how many of the project's simulations are pending, running, complete, complete-empty and"
                + " failed.")
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Project folder.")
    Path dir;

    @Option(names = "--by-scene", description = "One line of counts per scene id.")
    boolean byScene;

    @Option(names = "--failed", description = "A table of the failed simulations by reason, with an example each.")
    boolean failed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Registry registry = ProjectRegistry.open(dir, ProjectConfigLoader.load(dir))) {
            StatusCounts c = registry.counts();
            out.println("registry: " + registry.description());
            out.println(String.format("%-16s %8s %8s %8s %14s %8s %8s", "", "pending", "running", "complete",
                    "complete-empty", "failed", "total"));
            out.println(line("all", c));
            if (byScene) {
                for (Map.Entry<String, StatusCounts> e : registry.countsByScene().entrySet()) {
                    out.println(line(e.getKey().isEmpty() ? "(no scene)" : e.getKey(), e.getValue()));
                }
            }
            if (failed) {
                List<FailureGroup> groups = registry.failuresByReason();
                out.println();
                if (groups.isEmpty()) {
                    out.println("no failed simulations");
                } else {
                    out.println(String.format("%-20s %8s  %-32s %s", "failure reason", "count", "example", "message"));
                    for (FailureGroup g : groups) {
                        out.println(String.format("%-20s %8d  %-32s %s", g.reason(), g.count(), g.exampleId(),
                                g.exampleMessage() == null ? "" : g.exampleMessage()));
                    }
                    out.println("requeue them with: stilt requeue " + dir + " [--reason REASON]");
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String line(String label, StatusCounts c) {
        return String.format("%-16s %8d %8d %8d %14d %8d %8d", label, c.get(SimulationStatus.PENDING),
                c.get(SimulationStatus.RUNNING), c.get(SimulationStatus.COMPLETE),
                c.get(SimulationStatus.COMPLETE_EMPTY), c.get(SimulationStatus.FAILED), c.total());
    }
}
