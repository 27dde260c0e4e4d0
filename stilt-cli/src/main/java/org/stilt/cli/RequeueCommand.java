package org.stilt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.stilt.core.project.ProjectConfigLoader;
import org.stilt.core.registry.Registry;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stilt requeue DIR [--reason R]}: resets failed simulations (all, or those failed with one
 * reason) to pending with their attempt count at 0.
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
@Command(name = "requeue", mixinStandardHelpOptions = true,
        description = "Reset failed simulations to pending (attempts start again from 0).")
final class RequeueCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Project folder.")
    Path dir;

    @Option(names = "--reason", paramLabel = "R",
            description = "Only simulations failed with this reason (see 'stilt status DIR --failed').")
    String reason;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Registry registry = ProjectRegistry.open(dir, ProjectConfigLoader.load(dir))) {
            int n = registry.requeue(reason);
            out.println("requeued " + n + " failed simulations" + (reason == null ? "" : " with reason " + reason)
                    + " in " + registry.description());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
