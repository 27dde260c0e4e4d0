package org.stilt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.stilt.core.project.ProjectConfig;
import org.stilt.core.project.ProjectConfigLoader;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stilt slurm submit DIR [--array-size N] [--cpus-per-task C] [--partition P] [--time T]
 * [--sbatch-option KEY=VALUE ...] [--wait]}: registers the project's receptors, writes
 * {@code DIR/slurm/stilt-array.sbatch} and submits it ({@link SlurmBackend}). This is what
 * {@code stilt run DIR --backend slurm} runs.
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Register the project's receptors, write DIR/slurm/stilt-array.sbatch (a job array of"
                + " 'stilt pull-worker' tasks) and submit it with sbatch; prints the job id. Use PostgreSQL"
                + " (STILT_DB_URL) when tasks run on more than one node (docs/hpc.md).")
final class SlurmSubmitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Project folder (on a file system the nodes share).")
    Path dir;

    @Option(names = "--receptors", paramLabel = "CSV", description = "Receptor table (default: DIR/receptors.csv).")
    Path receptors;

    @Option(names = "--scene-id", paramLabel = "ID", description = "Scene label of the registered simulations.")
    String sceneId;

    @Option(names = "--kernel", paramLabel = "KIND", description = "Transport kernel of the array tasks: native"
            + " (Fortran via FFM) or java (default: the config's transport).")
    String kernel;

    @Mixin
    SlurmOptions slurm = new SlurmOptions();

    @Mixin
    ExecutorOption executorOption = new ExecutorOption();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProjectConfig config = ProjectConfigLoader.load(dir);
        ExecutorOption.check(executorOption.spec());
        return slurm.submit(dir, receptors, sceneId, config, executorOption.spec(), kernel, out, err);
    }
}
