package org.stilt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.registry.AttemptRecord;
import org.stilt.core.registry.Registries;
import org.stilt.core.registry.Registry;
import org.stilt.core.registry.SimulationStatus;

/**
 * A real SLURM job array (slurmctld + slurmd on loopback, {@link LocalSlurm}; no mocks) of 4 pull
 * workers completes a registered project: {@code stilt slurm submit DIR --array-size 4 --wait} in a
 * child JVM, then every simulation is complete exactly once according to the attempt history, done by
 * the array's worker ids {@code slurm-JOBID-TASK}. Skipped loudly only when SLURM cannot be installed.
 *
 * <p>The array of 24 uses the stand-in executor ({@code --executor sleep:300}) to stay within ~30 s; the
 * failure test runs the real {@code stilt run} pipeline ({@code PipelineExecutor}). A third
 * test completes a tiny real project (synthetic met, 50 particles, 6 h) through an array with the
 * pipeline.
 *
 * <p>Thread-safety: a JUnit test class.
 */
class SlurmArrayTest {

    private static final int SIMULATIONS = 24;

    @TempDir
    static Path tmp;

    private static LocalSlurm slurm;

    @BeforeAll
    static void startSlurm() throws IOException, InterruptedException {
        try {
            slurm = LocalSlurm.start(tmp.resolve("slurm"));
        } catch (LocalSlurm.Unavailable e) {
            System.err.println("*** SLURM tests SKIPPED: " + e.getMessage() + " ***");
            Assumptions.abort("SLURM unavailable: " + e.getMessage());
        }
    }

    @AfterAll
    static void stopSlurm() throws IOException, InterruptedException {
        if (slurm != null) {
            slurm.close();
        }
    }

    @Test
    void aJobArrayOfFourPullWorkersCompletesEverySimulationExactlyOnce() throws Exception {
        Path dir = tmp.resolve("proj");
        assertEquals(0, CliRun.of("init", dir.toString()).exitCode());
        StringBuilder csv = new StringBuilder("time,latitude,longitude,altitude,simulation_id\n");
        for (int i = 0; i < SIMULATIONS; i++) {
            csv.append("2021-01-15T18:00:00Z,").append(40 + i * 0.01).append(",-111,10,sim").append(i).append('\n');
        }
        Files.writeString(dir.resolve("receptors.csv"), csv);

        Path log = tmp.resolve("submit.log");
        Process p = ChildStilt.start(Map.of("SLURM_CONF", slurm.slurmConf().toString()), log, "slurm", "submit",
                dir.toString(), "--array-size", "4", "--time", "00:10:00", "--sbatch-option", "job-name=stilt-test",
                "--executor", "sleep:300", "--wait", "--poll-seconds", "0.5");
        boolean ended = p.waitFor(90, TimeUnit.SECONDS);
        String out = Files.readString(log);
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended, "stilt slurm submit --wait did not end within 90 s:\n" + out);
        assertEquals(0, p.exitValue(), out);
        System.out.println("--- stilt slurm submit --wait output:\n" + out);

        Matcher job = Pattern.compile("submitted job array (\\d+) \\(4 tasks\\)").matcher(out);
        assertTrue(job.find(), out);
        String jobId = job.group(1);
        assertTrue(out.contains("registered " + SIMULATIONS + " simulations"), out);
        assertTrue(out.contains("warning: the registry is the SQLite file"), out);
        assertTrue(Pattern.compile("(?m)^\\d\\d:\\d\\d:\\d\\d \\d+/" + SIMULATIONS + " done .*array tasks ").matcher(out)
                .find(), out);
        assertTrue(out.contains("job " + jobId + " finished"), out);
        assertTrue(out.contains("all " + SIMULATIONS + " simulations are complete"), out);

        String script = Files.readString(dir.resolve("slurm/stilt-array.sbatch"));
        assertTrue(script.contains("#SBATCH --array=0-3\n"), script);
        assertTrue(script.contains("#SBATCH --time=00:10:00\n"), script);
        assertTrue(script.contains("#SBATCH --job-name=stilt-test\n"), script);
        for (int task = 0; task < 4; task++) {
            Path taskLog = dir.resolve("slurm/logs/stilt-" + jobId + "_" + task + ".out");
            assertTrue(Files.isRegularFile(taskLog), "no log " + taskLog);
            assertTrue(Files.readString(taskLog).contains("worker slurm-" + jobId + "-" + task + " on sqlite:"),
                    Files.readString(taskLog));
        }

        Set<String> workers = new TreeSet<>();
        try (Registry registry = Registries.openSqlite(dir.resolve("stilt-registry.sqlite"), 3)) {
            assertEquals(SIMULATIONS, registry.counts().get(SimulationStatus.COMPLETE));
            for (int i = 0; i < SIMULATIONS; i++) {
                List<AttemptRecord> attempts = registry.attempts("sim" + i);
                List<AttemptRecord> complete = attempts.stream().filter(a -> "complete".equals(a.outcome())).toList();
                assertEquals(1, complete.size(), "sim" + i + " completed " + complete.size() + " times: " + attempts);
                assertTrue(complete.get(0).workerId().matches("slurm-" + jobId + "-[0-3]"), complete.get(0).workerId());
                workers.add(complete.get(0).workerId());
            }
        }
        System.out.println("simulations completed per SLURM worker: " + workers);
        assertTrue(workers.size() >= 2, "expected the work shared by several array tasks, got " + workers);
    }

    @Test
    void waitExitsWithSimulationsIncompleteWhenTheArrayLeavesFailures() throws Exception {
        Path dir = tmp.resolve("failing");
        assertEquals(0, CliRun.of("init", dir.toString()).exitCode());
        Path log = tmp.resolve("failing.log");
        // the real stilt run pipeline on the template project, which has no met files: every simulation
        // fails MET_MISSING; submitted the way users do, with stilt run --backend slurm
        Process p = ChildStilt.start(Map.of("SLURM_CONF", slurm.slurmConf().toString()), log, "run",
                dir.toString(), "--backend", "slurm", "--array-size", "2", "--wait", "--poll-seconds", "0.5");
        boolean ended = p.waitFor(90, TimeUnit.SECONDS);
        String out = Files.readString(log);
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended, out);
        assertEquals(ExitCodes.SIMULATIONS_FAILED, p.exitValue(), out);
        assertTrue(out.contains("registry: 0/2 done (0 empty), 0 running, 0 pending, 2 failed"), out);
        assertTrue(out.contains("2 of 2 simulations are not complete: see 'stilt status " + dir + " --failed'"), out);
        try (Registry registry = Registries.openSqlite(dir.resolve("stilt-registry.sqlite"), 3)) {
            assertEquals("MET_MISSING", registry.failuresByReason().get(0).reason());
            assertEquals(2, registry.failuresByReason().get(0).count());
        }
    }

    /** The text of every file in the array's log folder, for failure messages. */
    private static String taskLogs(Path logs) throws IOException {
        StringBuilder b = new StringBuilder();
        try (var files = Files.list(logs)) {
            for (Path f : files.sorted().toList()) {
                b.append("--- ").append(f.getFileName()).append('\n').append(Files.readString(f));
            }
        }
        return b.toString();
    }

    @Test
    void scancelMakesTheTasksReleaseTheirSimulations() throws Exception {
        // what happens at a time limit: SIGTERM, then SIGKILL after KillWait; the workers give their
        // simulations back at once instead of waiting for the leases to expire
        Path dir = tmp.resolve("cancelled");
        assertEquals(0, CliRun.of("init", dir.toString()).exitCode());
        Path log = tmp.resolve("cancelled.log");
        Map<String, String> env = Map.of("SLURM_CONF", slurm.slurmConf().toString());
        Process p = ChildStilt.start(env, log, "slurm", "submit", dir.toString(), "--array-size", "2", "--executor",
                "sleep:120000");
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), Files.readString(log));
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        String jobId = out.strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(jobId.matches("\\d+"), out);
        Path registryFile = dir.resolve("stilt-registry.sqlite");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (count(registryFile, SimulationStatus.RUNNING) < 2) {
            assertTrue(System.nanoTime() < deadline, "the array never ran both simulations");
            Thread.sleep(250);
        }
        ProcessBuilder pb = new ProcessBuilder("scancel", jobId).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process scancel = pb.start();
        assertTrue(scancel.waitFor(30, TimeUnit.SECONDS));
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (count(registryFile, SimulationStatus.PENDING) < 2) {
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("the cancelled tasks did not release their simulations; task logs:\n"
                        + taskLogs(dir.resolve(SlurmBackend.SLURM_DIR).resolve("logs")));
            }
            Thread.sleep(250);
        }
        try (Registry registry = Registries.openSqlite(registryFile, 3)) {
            for (AttemptRecord a : List.of(registry.attempts("202101151200_-110.2_40.6_X").getLast(),
                    registry.attempts("202101151200_-110_40.5_5").getLast())) {
                assertEquals(AttemptRecord.RELEASED, a.outcome(), a.toString());
                assertTrue(a.workerId().matches("slurm-" + jobId + "-[01]"), a.toString());
            }
        }
    }

    private static long count(Path registryFile, SimulationStatus status) {
        try (Registry registry = Registries.openSqlite(registryFile, 3)) {
            return registry.counts().get(status);
        }
    }

    @Test
    void aJobArrayRunsTheRealPipelineOnATinyProject() throws Exception {
        Path dir = tmp.resolve("real");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.yaml"), """
                n_hours: -6
                numpar: 50
                met:
                  example:
                    directory: met
                    file_format: "met_a_%Y%m%d.arl"
                    file_tres: 1d
                footprints:
                  default: {xmn: -112.5, xmx: -109.5, ymn: 39.5, ymx: 41.5, xres: 0.01}
                """);
        Files.writeString(dir.resolve("receptors.csv"), """
                time,latitude,longitude,altitude,altitude_top
                2021-01-15T12:00:00Z,40.5,-110,5,
                2021-01-15T12:00:00Z,40.8,-110.3,10,
                2021-01-15T12:00:00Z,40.2,-110.1,5,
                """);
        Path metYaml = Path.of(System.getProperty("user.dir")).resolveSibling("examples").resolve("met")
                .resolve("example-met.yaml");
        CliRun synth = CliRun.of("met", "synth", "--yaml", metYaml.toString(), "--output", dir.resolve("met") + "/");
        assertEquals(0, synth.exitCode(), synth.err());

        Path log = tmp.resolve("real.log");
        Process p = ChildStilt.start(Map.of("SLURM_CONF", slurm.slurmConf().toString()), log, "slurm", "submit",
                dir.toString(), "--array-size", "2", "--wait", "--poll-seconds", "0.5");
        boolean ended = p.waitFor(90, TimeUnit.SECONDS);
        String out = Files.readString(log);
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended, out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("all 3 simulations are complete"), out);
        try (var footprints = Files.list(dir.resolve("out/footprints"))) {
            assertEquals(3, footprints.filter(f -> f.getFileName().toString().endsWith("_foot.nc")).count());
        }
    }

}
