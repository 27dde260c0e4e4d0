package org.stilt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.stilt.core.project.ProjectConfig;

import picocli.CommandLine.Option;

/**
 * The SLURM options of {@code stilt slurm submit} and (once merged) {@code stilt run --backend slurm},
 * as a picocli mixin, with {@link #submit}, the whole SLURM path: register, write the script, submit,
 * and with {@code --wait} follow. A run command delegates in one line:
 * {@code return slurm.submit(dir, receptors, sceneId, config, executorSpec, out, err);}
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
final class SlurmOptions {

    @Option(names = "--array-size", paramLabel = "N", defaultValue = "4",
            description = "SLURM array tasks = pull workers (default ${DEFAULT-VALUE}).")
    int arraySize = 4;

    @Option(names = "--cpus-per-task", paramLabel = "C", defaultValue = "1",
            description = "CPUs per array task (default ${DEFAULT-VALUE}).")
    int cpusPerTask = 1;

    @Option(names = "--partition", paramLabel = "P", description = "SLURM partition (default: the cluster's).")
    String partition;

    @Option(names = "--time", paramLabel = "HH:MM:SS",
            description = "Time limit per array task (default: the partition's).")
    String time;

    @Option(names = "--sbatch-option", paramLabel = "KEY=VALUE",
            description = "Further sbatch option, written as '#SBATCH --KEY=VALUE' (repeatable), e.g. account=proj.")
    List<String> sbatchOptions = new ArrayList<>();

    @Option(names = "--stilt-command", paramLabel = "CMD",
            description = "Command that runs stilt on the compute nodes, split on blanks (default: this JVM and"
                    + " class path, which the nodes must see).")
    String stiltCommand;

    @Option(names = "--wait", description = "Follow the array with squeue/sacct and print progress from the"
            + " registry until it ends; exit code " + ExitCodes.SIMULATIONS_FAILED
            + " when simulations are left failed or unfinished.")
    boolean waitForJob;

    @Option(names = "--poll-seconds", paramLabel = "S", defaultValue = "10", hidden = true,
            description = "Seconds between progress polls with --wait.")
    double pollSeconds = 10;

    /** The job these options describe, its workers on {@code kernel} (null: the config's transport). */
    SlurmJobSpec job(String executorSpec, String kernel) {
        List<String> command = stiltCommand == null ? SlurmBackend.currentStiltCommand()
                : Arrays.asList(stiltCommand.strip().split("\\s+"));
        return new SlurmJobSpec(arraySize, cpusPerTask, partition, time, sbatchOptions, executorSpec, command,
                kernel);
    }

    /**
     * Registers the receptors ({@code receptors} null: {@code DIR/receptors.csv}), writes
     * {@code DIR/slurm/stilt-array.sbatch}, submits it and, with {@code --wait}, follows it.
     *
     * @param executorSpec {@link ExecutorOption.PIPELINE} (the real executor once merged) or the stand-in
     * @param kernel       the workers' {@code --kernel} ({@code native}, {@code java}), or null for the config's
     *                     transport
     * @return the exit code
     */
    int submit(Path dir, Path receptors, String sceneId, ProjectConfig config, String executorSpec, String kernel,
            PrintWriter out, PrintWriter err) {
        if (!(pollSeconds > 0)) {
            throw new org.stilt.core.InvalidInputException("--poll-seconds must be > 0 (got " + pollSeconds + ")");
        }
        return new SlurmBackend(System.getenv()).registerAndSubmit(dir, receptors, sceneId, config,
                job(executorSpec, kernel), waitForJob, Duration.ofMillis(Math.round(pollSeconds * 1000)), out, err);
    }
}
