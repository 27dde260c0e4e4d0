package org.stilt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.stilt.core.project.ProjectConfig;
import org.stilt.core.project.ProjectConfigLoader;
import org.stilt.core.registry.Registry;

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

    @Option(names = "--array-size", paramLabel = "N", defaultValue = "4",
            description = "Array tasks = pull workers (default ${DEFAULT-VALUE}).")
    int arraySize;

    @Option(names = "--cpus-per-task", paramLabel = "C", defaultValue = "1",
            description = "CPUs per task (default ${DEFAULT-VALUE}).")
    int cpusPerTask;

    @Option(names = "--partition", paramLabel = "P", description = "SLURM partition (default: the cluster's).")
    String partition;

    @Option(names = "--time", paramLabel = "HH:MM:SS", description = "Time limit per task (default: the partition's).")
    String time;

    @Option(names = "--sbatch-option", paramLabel = "KEY=VALUE",
            description = "Further sbatch option, written as '#SBATCH --KEY=VALUE' (repeatable), e.g. account=proj.")
    List<String> sbatchOptions = new ArrayList<>();

    @Option(names = "--stilt-command", paramLabel = "CMD",
            description = "Command that runs stilt on the compute nodes, split on spaces (default: this JVM and"
                    + " class path, which the nodes must see).")
    String stiltCommand;

    @Option(names = "--wait", description = "Follow the array with squeue/sacct and print progress from the"
            + " registry until it ends; exit code " + ExitCodes.SIMULATIONS_INCOMPLETE
            + " when simulations are left failed or unfinished.")
    boolean waitForJob;

    @Option(names = "--poll-seconds", paramLabel = "S", defaultValue = "10", hidden = true,
            description = "Seconds between progress polls with --wait.")
    double pollSeconds;

    @Mixin
    ExecutorOption executorOption = new ExecutorOption();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProjectConfig config = ProjectConfigLoader.load(dir);
        ExecutorOption.parse(executorOption.spec());
        List<String> command = stiltCommand == null ? SlurmBackend.currentStiltCommand()
                : Arrays.asList(stiltCommand.strip().split("\\s+"));
        SlurmJobSpec job = new SlurmJobSpec(arraySize, cpusPerTask, partition, time, sbatchOptions,
                executorOption.spec(), command);
        SlurmBackend slurm = new SlurmBackend(System.getenv());
        return submit(slurm, dir, receptors, sceneId, config, job, waitForJob,
                Duration.ofMillis(Math.round(pollSeconds * 1000)), out, err);
    }

    /**
     * Registers, writes the script, submits and optionally follows: the whole of
     * {@code stilt run DIR --backend slurm}.
     */
    static int submit(SlurmBackend slurm, Path dir, Path receptors, String sceneId, ProjectConfig config,
            SlurmJobSpec job, boolean waitForJob, Duration poll, PrintWriter out, PrintWriter err) {
        if (slurm.usesSqlite(dir, config.registry())) {
            err.println("warning: the registry is the SQLite file in " + dir + ": every array task must run on"
                    + " the machine that holds it on a local disk (SQLite locking fails on NFS/Lustre/GPFS); for"
                    + " several nodes set STILT_DB_URL to a PostgreSQL database (docs/hpc.md)");
            err.flush();
        }
        try (Registry registry = ProjectRegistry.open(dir, config)) {
            out.println(RegisterCommand.register(dir, receptors, sceneId, config, registry));
        }
        Path script = slurm.writeScript(dir, job);
        out.println("wrote " + script);
        String jobId = slurm.submit(script);
        out.println("submitted job array " + jobId + " (" + job.arraySize() + " tasks); logs in "
                + script.getParent().resolve("logs"));
        out.println(jobId);
        out.flush();
        if (!waitForJob) {
            return ExitCodes.OK;
        }
        return slurm.follow(jobId, dir, config, poll, out);
    }
}
