package org.stilt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stilt register}, {@code status}, {@code pull-worker} and {@code requeue} in-process on a
 * project's SQLite registry (the PostgreSQL dialect is covered by stilt-core's registry tests).
 *
 * <p>Thread-safety: a JUnit test class.
 */
class RegistryCommandsTest {

    @TempDir
    Path tmp;

    private Path project() {
        Path dir = tmp.resolve("proj");
        assertEquals(0, CliRun.of("init", dir.toString()).exitCode());
        return dir;
    }

    private static long count(String statusOut, String column) {
        // header: "pending running complete complete-empty failed total"; line "all ..."
        String[] header = statusOut.lines().filter(l -> l.contains("pending")).findFirst().orElseThrow().trim()
                .split("\\s+");
        String[] all = statusOut.lines().filter(l -> l.startsWith("all ")).findFirst().orElseThrow().trim()
                .split("\\s+");
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(column)) {
                return Long.parseLong(all[i + 1]);
            }
        }
        throw new AssertionError("no column " + column + " in " + statusOut);
    }

    @Test
    void registerIsIdempotentAndStatusCountsByScene() throws IOException {
        Path dir = project();
        CliRun first = CliRun.of("register", dir.toString());
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("registered 2 simulations"), first.out());
        assertTrue(first.out().contains(": 2 new, 0 updated, 0 unchanged"), first.out());
        assertTrue(Files.isRegularFile(dir.resolve("stilt-registry.sqlite")));
        CliRun again = CliRun.of("register", dir.toString());
        assertTrue(again.out().contains(": 0 new, 0 updated, 2 unchanged"), again.out());

        Path more = tmp.resolve("overpass.csv");
        Files.writeString(more, """
                time,latitude,longitude,altitude
                2021-01-15T18:00:00Z,40.1,-111,10
                2021-01-15T18:00:00Z,40.2,-111,10
                2021-01-15T18:00:00Z,40.3,-111,10
                """);
        CliRun scene = CliRun.of("register", dir.toString(), "--receptors", more.toString(), "--scene-id", "overpass-1");
        assertTrue(scene.out().contains(": 3 new, 0 updated, 0 unchanged"), scene.out());
        assertTrue(scene.out().contains("scene overpass-1"), scene.out());

        CliRun status = CliRun.of("status", dir.toString(), "--by-scene");
        assertEquals(0, status.exitCode(), status.err());
        assertEquals(5, count(status.out(), "pending"));
        assertEquals(5, count(status.out(), "total"));
        assertTrue(Pattern.compile("(?m)^overpass-1\\s+3\\s+0\\s+0\\s+0\\s+0\\s+3$").matcher(status.out()).find(),
                status.out());
        assertTrue(Pattern.compile("(?m)^\\(no scene\\)\\s+2\\s").matcher(status.out()).find(), status.out());
    }

    @Test
    void theWorkerRunsThePipelineFailuresAreTypedAndRequeueResetsThem() {
        Path dir = project();       // stilt init's project: its met folder does not exist
        CliRun.of("register", dir.toString());
        CliRun one = CliRun.of("pull-worker", dir.toString(), "--max-simulations", "1", "--worker-id", "w1",
                "--kernel", "java");
        assertEquals(0, one.exitCode(), one.err());
        assertTrue(one.out().contains("worker w1 on sqlite:"), one.out());
        assertTrue(one.out().contains("1 claimed, 0 complete, 0 complete-empty, 1 failed, 0 lease lost"), one.out());
        CliRun rest = CliRun.of("pull-worker", dir.toString(), "--worker-id", "w2", "--kernel", "java");
        assertTrue(rest.out().contains("1 claimed"), rest.out());

        CliRun failed = CliRun.of("status", dir.toString(), "--failed");
        assertEquals(2, count(failed.out(), "failed"));
        Matcher m = Pattern.compile("(?m)^MET_MISSING\\s+2\\s+\\S+\\s+Insufficient number of meteorological files found")
                .matcher(failed.out());
        assertTrue(m.find(), failed.out());

        CliRun none = CliRun.of("requeue", dir.toString(), "--reason", "KERNEL_ERROR");
        assertTrue(none.out().contains("requeued 0 failed simulations with reason KERNEL_ERROR"), none.out());
        CliRun requeue = CliRun.of("requeue", dir.toString(), "--reason", "MET_MISSING");
        assertEquals(0, requeue.exitCode(), requeue.err());
        assertTrue(requeue.out().contains("requeued 2 failed simulations"), requeue.out());
        assertEquals(2, count(CliRun.of("status", dir.toString()).out(), "pending"));
    }

    @Test
    void theWorkerCompletesTheAcceptanceProject() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("acc"));
        RunCommandTest.acceptanceProject(dir);
        assertEquals(0, CliRun.of("register", dir.toString()).exitCode());
        CliRun w = CliRun.of("pull-worker", dir.toString());
        assertEquals(0, w.exitCode(), w.err());
        assertTrue(w.out().contains("1 claimed, 1 complete"), w.out());
        assertTrue(Files.isRegularFile(dir.resolve("out/footprints").resolve(RunCommandTest.SIM + "_default_foot.nc")));
        assertEquals(1, count(CliRun.of("status", dir.toString()).out(), "complete"));
        // stilt run sees the same outputs as complete
        CliRun run = CliRun.of("run", dir.toString(), "--quiet");
        assertTrue(run.out().matches("(?s).*skipped \\(already complete\\)\\s+1\\n.*"), run.out());
    }

    @Test
    void aBadRegistryUrlOrAMissingProjectIsOneClearLine() throws IOException {
        Path dir = project();
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, Files.readString(config).replace("  url: ~", "  url: mysql://db/stilt"));
        CliRun bad = CliRun.of("status", dir.toString());
        assertEquals(ExitCodes.INVALID_INPUT, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("registry.url is \"mysql://db/stilt\"; expected jdbc:postgresql://"), bad.err());
        assertEquals(1, bad.errLines());
        CliRun missing = CliRun.of("status", tmp.resolve("nothing").toString());
        assertEquals(ExitCodes.INPUT_UNREADABLE, missing.exitCode(), missing.err());
        Files.writeString(config, Files.readString(config).replace("url: mysql://db/stilt",
                "url: \"jdbc:postgresql://127.0.0.1:1/stilt?connectTimeout=2\""));
        CliRun unreachable = CliRun.of("status", dir.toString());
        assertEquals(ExitCodes.REGISTRY_UNAVAILABLE, unreachable.exitCode(), unreachable.err());
        assertTrue(unreachable.err().contains("cannot connect to the PostgreSQL registry"), unreachable.err());
    }
}
