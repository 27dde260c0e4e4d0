package org.stilt.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.stilt.core.OutputWriteException;
import org.stilt.core.StiltException;
import org.stilt.core.project.ProjectConfig;
import org.stilt.core.project.RegistryConfig;
import org.stilt.core.registry.Registries;
import org.stilt.core.registry.Registry;
import org.stilt.core.registry.SimulationStatus;
import org.stilt.core.registry.StatusCounts;

/**
 * The SLURM backend of {@code stilt run DIR --backend slurm} (for now {@code stilt slurm submit}):
 * writes a job-array script whose tasks are {@code stilt pull-worker}s against the project's registry
 * ({@link #writeScript}), submits it with {@code sbatch --parsable} ({@link #submit}) and follows it
 * with {@code squeue}/{@code sacct} while printing the registry's counts ({@link #follow}). The
 * registry, not SLURM, decides which task runs which simulation, so tasks may die, hit their time
 * limit or be requeued without losing or duplicating work ({@code docs/hpc.md}).
 *
 * <p>Thread-safety: immutable after construction; each method runs its own subprocesses.
 */
final class SlurmBackend {

    /** Folder of the script and logs inside the project. */
    static final String SLURM_DIR = "slurm";
    /** The generated script. */
    static final String SCRIPT = "stilt-array.sbatch";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    /** Consecutive squeue failures tolerated while following a job. */
    private static final int MAX_SQUEUE_FAILURES = 5;

    private final Map<String, String> env;

    /**
     * @param env the environment of this process (tests pass {@code SLURM_CONF}); sbatch, squeue and
     *            sacct inherit it, and the array tasks inherit it from sbatch ({@code --export=ALL})
     */
    SlurmBackend(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The default command for array tasks: this JVM, its class path and {@code org.stilt.cli.StiltCommand}. */
    static List<String> currentStiltCommand() {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
                "java").toString());
        List<String> cp = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                cp.add(Path.of(entry).toAbsolutePath().normalize().toString());
            }
        }
        return List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", String.join(File.pathSeparator, cp),
                StiltCommand.class.getName());
    }

    /**
     * Registers, writes the script, submits and optionally follows: the whole of
     * {@code stilt run DIR --backend slurm}.
     */
    int registerAndSubmit(Path dir, Path receptors, String sceneId, ProjectConfig config,
            SlurmJobSpec job, boolean waitForJob, Duration poll, PrintWriter out, PrintWriter err) {
        if (usesSqlite(dir, config.registry())) {
            err.println("warning: the registry is the SQLite file in " + dir + ": every array task must run on"
                    + " the machine that holds it on a local disk (SQLite locking fails on NFS/Lustre/GPFS); for"
                    + " several nodes set STILT_DB_URL to a PostgreSQL database (docs/hpc.md)");
            err.flush();
        }
        try (Registry registry = ProjectRegistry.open(dir, config)) {
            out.println(RegisterCommand.register(dir, receptors, sceneId, config, registry));
        }
        Path script = writeScript(dir, job);
        out.println("wrote " + script);
        String jobId = submit(script);
        out.println("submitted job array " + jobId + " (" + job.arraySize() + " tasks); logs in "
                + script.getParent().resolve("logs"));
        out.println(jobId);
        out.flush();
        if (!waitForJob) {
            return ExitCodes.OK;
        }
        return follow(jobId, dir, config, poll, out);
    }

    /** Whether the project's registry is the SQLite file (then all tasks must share one machine's disk). */
    boolean usesSqlite(Path dir, RegistryConfig registry) {
        return Registries.resolveUrl(dir, registry, env).startsWith("jdbc:sqlite:");
    }

    /** Writes {@code DIR/slurm/stilt-array.sbatch} (and creates {@code DIR/slurm/logs}); returns its path. */
    Path writeScript(Path dir, SlurmJobSpec job) {
        Path project = dir.toAbsolutePath().normalize();
        Path slurm = project.resolve(SLURM_DIR);
        Path logs = slurm.resolve("logs");
        Path script = slurm.resolve(SCRIPT);
        try {
            Files.createDirectories(logs);
            Files.writeString(script, script(project, job), StandardCharsets.UTF_8);
            script.toFile().setExecutable(true);
        } catch (IOException e) {
            throw new OutputWriteException("cannot write the sbatch script " + script + ": " + e.getMessage(), e);
        }
        return script;
    }

    static String script(Path project, SlurmJobSpec job) {
        Path logs = project.resolve(SLURM_DIR).resolve("logs");
        String name = project.getFileName() == null ? "stilt" : "stilt-" + project.getFileName();
        StringBuilder b = new StringBuilder();
        b.append("#!/bin/bash\n");
        b.append("# Generated by `stilt slurm submit` (docs/hpc.md) at ").append(Instant.now()).append(".\n");
        b.append("# A job array of pull workers: each task claims the project's pending simulations from its\n");
        b.append("# registry until none is left. The registry, not the task index, decides who runs what, so\n");
        b.append("# tasks can fail, hit --time or be resubmitted (sbatch this file again) without losing or\n");
        b.append("# duplicating work. At the time limit SLURM sends SIGTERM: the worker gives its simulations\n");
        b.append("# back at once. The registry is STILT_DB_URL from the submitting environment (sbatch exports\n");
        b.append("# it), else registry.url in config.yaml, else the SQLite file in the project, which works only\n");
        b.append("# when every task runs on the machine that holds the file on a local disk.\n");
        b.append("#SBATCH --job-name=").append(name.replaceAll("[^A-Za-z0-9_.-]", "_")).append('\n');
        b.append("#SBATCH --array=0-").append(job.arraySize() - 1).append('\n');
        b.append("#SBATCH --ntasks=1\n");
        b.append("#SBATCH --cpus-per-task=").append(job.cpusPerTask()).append('\n');
        if (job.partition() != null) {
            b.append("#SBATCH --partition=").append(job.partition()).append('\n');
        }
        if (job.timeLimit() != null) {
            b.append("#SBATCH --time=").append(job.timeLimit()).append('\n');
        }
        b.append("#SBATCH --output=").append(directiveValue(logs.resolve("stilt-%A_%a.out").toString())).append('\n');
        b.append("#SBATCH --error=").append(directiveValue(logs.resolve("stilt-%A_%a.err").toString())).append('\n');
        for (String o : job.sbatchOptions()) {
            b.append("#SBATCH --").append(o).append('\n');
        }
        b.append("set -euo pipefail\n");
        b.append("cd ").append(quote(project.toString())).append('\n');
        b.append("worker_id=\"slurm-${SLURM_ARRAY_JOB_ID}-${SLURM_ARRAY_TASK_ID}\"\n");
        b.append("echo \"stilt pull-worker $worker_id on $(hostname) at $(date -u +%FT%TZ)\" >&2\n");
        b.append("exec");
        for (String w : job.stiltCommand()) {
            b.append(' ').append(quote(w));
        }
        b.append(" pull-worker ").append(quote(project.toString())).append(" --worker-id \"$worker_id\"");
        if (job.kernel() != null) {
            b.append(" --kernel ").append(job.kernel());
        }
        if (!job.executorSpec().equals(ExecutorOption.PIPELINE)) {
            b.append(" --executor ").append(quote(job.executorSpec()));
        }
        b.append('\n');
        return b.toString();
    }

    /** A {@code #SBATCH} value: in double quotes when it has blanks (sbatch's directive parser honours them). */
    static String directiveValue(String value) {
        if (value.contains("\"")) {
            throw new org.stilt.core.InvalidInputException("the project path " + value + " contains a double quote,"
                    + " which #SBATCH directives cannot carry; expected a path without '\"'");
        }
        return value.matches(".*\\s.*") ? "\"" + value + "\"" : value;
    }

    /** Single-quotes a word for bash. */
    static String quote(String word) {
        if (word.matches("[A-Za-z0-9_./:=@%+,-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Submits {@code script} with {@code sbatch --parsable}; returns the job id. */
    String submit(Path script) {
        Result r = run(List.of("sbatch", "--parsable", script.toString()), script.getParent());
        if (r.exitCode() != 0) {
            throw new StiltException(StiltException.Kind.SCHEDULER_FAILED, "sbatch refused " + script + " (exit "
                    + r.exitCode() + "): " + r.output().strip());
        }
        String last = r.output().strip().lines().reduce((a, c) -> c).orElse("");
        String id = last.split(";")[0].strip();
        if (!id.matches("\\d+")) {
            throw new StiltException(StiltException.Kind.SCHEDULER_FAILED, "sbatch --parsable printed \""
                    + r.output().strip() + "\"; expected a job id such as 12345 or 12345;cluster");
        }
        return id;
    }

    /**
     * Follows job array {@code jobId} until no task of it is queued or running, printing a line whenever
     * the registry's counts or the tasks' states change.
     *
     * @return {@link ExitCodes#OK} when every simulation is complete or complete-empty, else
     *         {@link ExitCodes#SIMULATIONS_FAILED}
     */
    int follow(String jobId, Path dir, ProjectConfig config, Duration poll, PrintWriter out) {
        String last = "";
        try (Registry registry = Registries.open(dir, config.registry(), env)) {
            int squeueFailures = 0;
            while (true) {
                Map<String, Integer> tasks;
                try {
                    tasks = queuedTasks(jobId);
                    squeueFailures = 0;
                } catch (StiltException e) {
                    // a busy or restarting slurmctld: keep following for a while before giving up
                    if (++squeueFailures > MAX_SQUEUE_FAILURES) {
                        throw e;
                    }
                    out.println("squeue failed (" + squeueFailures + " of " + MAX_SQUEUE_FAILURES + " tolerated): "
                            + e.getMessage());
                    out.flush();
                    sleep(poll);
                    continue;
                }
                String line = progress(registry.counts()) + "; array tasks " + (tasks.isEmpty() ? "none queued or running"
                        : tasks.toString().replaceAll("[{}]", ""));
                if (!line.equals(last)) {
                    out.println(Instant.now().toString().substring(11, 19) + " " + line);
                    out.flush();
                    last = line;
                }
                if (tasks.isEmpty()) {
                    break;
                }
                sleep(poll);
            }
            out.println("job " + jobId + " finished: " + accounting(jobId));
            StatusCounts c = registry.counts();
            long done = c.get(SimulationStatus.COMPLETE) + c.get(SimulationStatus.COMPLETE_EMPTY);
            out.println("registry: " + progress(c));
            if (done == c.total()) {
                out.println("all " + c.total() + " simulations are complete");
                out.flush();
                return ExitCodes.OK;
            }
            out.println((c.total() - done) + " of " + c.total() + " simulations are not complete: see 'stilt status "
                    + dir + " --failed'; requeue failures with 'stilt requeue " + dir + "' and resubmit");
            out.flush();
            return ExitCodes.SIMULATIONS_FAILED;
        }
    }

    static String progress(StatusCounts c) {
        return c.get(SimulationStatus.COMPLETE) + c.get(SimulationStatus.COMPLETE_EMPTY) + "/" + c.total()
                + " done (" + c.get(SimulationStatus.COMPLETE_EMPTY) + " empty), " + c.get(SimulationStatus.RUNNING)
                + " running, " + c.get(SimulationStatus.PENDING) + " pending, " + c.get(SimulationStatus.FAILED)
                + " failed";
    }

    /** Tasks of the job still known to squeue, counted per state (e.g. PENDING=2, RUNNING=2). */
    Map<String, Integer> queuedTasks(String jobId) {
        Result r = run(List.of("squeue", "-h", "-r", "-j", jobId, "-o", "%T"), null);
        Map<String, Integer> states = new TreeMap<>();
        if (r.exitCode() != 0) {
            if (r.output().contains("Invalid job id")) {
                return states; // the job has left the controller's memory
            }
            throw new StiltException(StiltException.Kind.SCHEDULER_FAILED, "squeue failed for job " + jobId + " (exit "
                    + r.exitCode() + "): " + r.output().strip());
        }
        for (String s : r.output().strip().split("\\R")) {
            if (!s.isBlank() && !s.strip().equals("COMPLETED")) {
                states.merge(s.strip(), 1, Integer::sum);
            }
        }
        return states;
    }

    /** The task states from sacct, or why they are unavailable (accounting disabled is common on small clusters). */
    String accounting(String jobId) {
        Result r = run(List.of("sacct", "-n", "-X", "-P", "-j", jobId, "-o", "State"), null);
        if (r.exitCode() != 0 || r.output().contains("accounting storage is disabled")) {
            return "task states unavailable from sacct (" + r.output().strip().lines().findFirst().orElse("exit "
                    + r.exitCode()) + ")";
        }
        Map<String, Integer> states = new TreeMap<>();
        r.output().strip().lines().filter(l -> !l.isBlank()).forEach(l -> states.merge(l.strip(), 1, Integer::sum));
        return "sacct task states " + states.toString().replaceAll("[{}]", "");
    }

    /**
     * Output and exit code of a finished command.
     *
     * @param exitCode its exit code
     * @param output   stdout and stderr together
     */
    record Result(int exitCode, String output) {
    }

    private Result run(List<String> command, Path workDir) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        try {
            Process p = pb.start();
            byte[] bytes = p.getInputStream().readAllBytes();
            if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new StiltException(StiltException.Kind.SCHEDULER_FAILED, String.join(" ", command)
                        + " did not answer within " + COMMAND_TIMEOUT.toSeconds() + " s");
            }
            return new Result(p.exitValue(), new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StiltException(StiltException.Kind.SCHEDULER_FAILED, "cannot run " + command.get(0) + " ("
                    + e.getMessage() + "); is SLURM installed and on the PATH of this machine?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StiltException(StiltException.Kind.SCHEDULER_FAILED, "interrupted while running " + command.get(0),
                    e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StiltException(StiltException.Kind.INTERNAL, "interrupted while following the SLURM job", e);
        }
    }
}
