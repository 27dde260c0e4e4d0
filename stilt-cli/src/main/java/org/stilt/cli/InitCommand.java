package org.stilt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.stilt.core.project.ProjectTemplate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stilt init DIR}: writes a project folder's commented {@code config.yaml} (every key with
 * R-STILT's default) and an example {@code receptors.csv}; refuses to overwrite without
 * {@code --force} (exit 3), and prints what it wrote and the next command.
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create a project folder: a commented config.yaml (every key with R-STILT's default) and an"
                + " example receptors.csv.")
final class InitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Project folder (created if needed).")
    Path dir;

    @Option(names = "--force", description = "Overwrite existing config.yaml and receptors.csv.")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> written = ProjectTemplate.write(dir, force);
        out.println("wrote " + written.get(0) + " (every key with R-STILT's default and a comment)");
        out.println("wrote " + written.get(1) + " (two example receptors: a point and a column)");
        out.println("next: edit the met: and footprints: sections and the receptors, then check the project with");
        out.println("  stilt config check " + dir);
        out.println("and run it with");
        out.println("  stilt run " + dir);
        out.flush();
        return ExitCodes.OK;
    }
}
