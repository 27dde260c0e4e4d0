package org.stilt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.InvalidInputException;

/**
 * The generated sbatch script and the validation of the SLURM options, without SLURM.
 *
 * <p>Thread-safety: a JUnit test class.
 */
class SlurmJobSpecTest {

    @TempDir
    Path tmp;

    private static SlurmJobSpec spec(int n, String time, List<String> options) {
        return new SlurmJobSpec(n, 2, "short", time, options, "pipeline", List.of("/opt/stilt/stilt"), null);
    }

    @Test
    void theScriptIsAnArrayOfPullWorkersWithPerTaskLogs() {
        Path project = tmp.resolve("my project");
        String s = SlurmBackend.script(project, new SlurmJobSpec(16, 4, "normal", "1-02:00:00",
                List.of("account=proj", "mem-per-cpu=4G", "requeue"), "sleep:10", List.of("/opt/stilt/stilt"), "Java"));
        assertTrue(s.startsWith("#!/bin/bash\n"), s);
        for (String line : List.of("#SBATCH --array=0-15", "#SBATCH --cpus-per-task=4", "#SBATCH --partition=normal",
                "#SBATCH --time=1-02:00:00", "#SBATCH --account=proj", "#SBATCH --mem-per-cpu=4G", "#SBATCH --requeue",
                "#SBATCH --output=\"" + project.resolve("slurm/logs/stilt-%A_%a.out") + "\"",
                "#SBATCH --error=\"" + project.resolve("slurm/logs/stilt-%A_%a.err") + "\"",
                "worker_id=\"slurm-${SLURM_ARRAY_JOB_ID}-${SLURM_ARRAY_TASK_ID}\"",
                "exec /opt/stilt/stilt pull-worker '" + project + "' --worker-id \"$worker_id\" --kernel java"
                        + " --executor sleep:10")) {
            assertTrue(s.contains(line + "\n"), "missing '" + line + "' in\n" + s);
        }
        assertEquals("'it'\\''s'", SlurmBackend.quote("it's"));
        String plain = SlurmBackend.script(project, spec(1, null, List.of()));
        assertTrue(!plain.contains("--executor") && !plain.contains("#SBATCH --time") && plain.contains("--array=0-0\n"), plain);
        assertTrue(!plain.contains("--kernel"), "no --kernel: the tasks use the config's transport\n" + plain);
        org.stilt.core.InvalidInputException bad = org.junit.jupiter.api.Assertions.assertThrows(
                org.stilt.core.InvalidInputException.class, () -> new SlurmJobSpec(1, 1, null, null, List.of(),
                        "pipeline", List.of("/opt/stilt/stilt"), "fortran"));
        assertTrue(bad.getMessage().contains("'fortran'"), bad.getMessage());
    }

    @Test
    void badOptionsAreOneClearMessage() {
        assertEquals("--time is \"4h\"; expected HH:MM:SS or D-HH:MM:SS, e.g. 04:00:00",
                assertThrows(InvalidInputException.class, () -> spec(4, "4h", List.of())).getMessage());
        assertEquals("--array-size must be between 1 and 1000000 (got 0)",
                assertThrows(InvalidInputException.class, () -> spec(0, null, List.of())).getMessage());
        assertTrue(assertThrows(InvalidInputException.class, () -> spec(4, null, List.of("array=0-9"))).getMessage()
                .contains("sets --array, which stilt writes itself"));
        assertTrue(assertThrows(InvalidInputException.class, () -> spec(4, null, List.of("--mem=4G"))).getMessage()
                .contains("expected KEY=VALUE with KEY an sbatch long option without the dashes"));
        assertEquals("--executor is \"sleep:soon\"; expected pipeline or sleep:MILLIS with MILLIS >= 0"
                + " (a test/benchmark stand-in)",
                assertThrows(InvalidInputException.class, () -> ExecutorOption.check("sleep:soon")).getMessage());

        Path dir = tmp.resolve("proj");
        assertEquals(0, CliRun.of("init", dir.toString()).exitCode());
        CliRun bad = CliRun.of("slurm", "submit", dir.toString(), "--time", "90min");
        assertEquals(ExitCodes.INVALID_INPUT, bad.exitCode(), bad.err());
        assertEquals(1, bad.errLines(), bad.err());
        assertTrue(bad.err().contains("--time is \"90min\"; expected HH:MM:SS"), bad.err());
    }
}
