package org.stilt.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.stilt.core.project.MetStreamConfig;
import org.stilt.core.project.ProjectConfig;
import org.stilt.core.project.ProjectConfigLoader;
import org.stilt.core.project.Receptor;
import org.stilt.core.project.ReceptorTable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stilt config check DIR}: loads and validates a project's {@code config.yaml} and
 * {@code receptors.csv}, then prints the configuration fingerprint, the receptors and the effective
 * configuration (defaults included). Exit 3 for an invalid value or unknown key, 4 for a missing file.
 * A met directory that does not exist yet is a warning on stderr, not an error.
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Load and validate a project (config.yaml, receptors.csv); print the fingerprint, the receptors"
                + " and the effective configuration.")
final class ConfigCheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Project folder.")
    Path dir;

    @Option(names = "--fingerprint", description = "Print only the configuration fingerprint.")
    boolean fingerprintOnly;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProjectConfig config = ProjectConfigLoader.load(dir);
        ReceptorTable receptors = ReceptorTable.read(dir);
        if (fingerprintOnly) {
            out.println(config.fingerprint());
            out.flush();
            return ExitCodes.OK;
        }
        long columns = receptors.receptors().stream().filter(Receptor::isColumn).count();
        out.println("config: " + dir.resolve(ProjectConfigLoader.CONFIG_FILE) + ": valid");
        out.println("fingerprint: " + config.fingerprint());
        out.println("receptors: " + receptors.size() + " (" + (receptors.size() - columns) + " point, " + columns
                + " column) in " + receptors.file() + "; first simulation id "
                + receptors.receptors().get(0).simulationId());
        out.println("effective configuration (defaults included):");
        for (Map.Entry<String, String> e : config.effectiveEntries().entrySet()) {
            out.println("  " + e.getKey() + ": " + e.getValue());
        }
        out.flush();
        for (MetStreamConfig m : config.met().values()) {
            Path d = m.toMetStream(dir).directory();
            if (!Files.isDirectory(d)) {
                err.println("warning: met." + m.name() + ".directory " + d + " does not exist (yet)");
            }
        }
        err.flush();
        return ExitCodes.OK;
    }
}
