package org.stilt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code ./stilt run} midway (SIGTERM, which runs the same shutdown hook as Ctrl-C) and reruns it:
 * no partial file under a final name, nothing complete recomputed, the rest completed.
 */
@Timeout(300)
class RunInterruptIT {

    @TempDir
    Path dir;

    @Test
    void killedRunLeavesNoPartialFilesAndResumes() throws IOException, InterruptedException {
        RunCommandTest.acceptanceProject(dir);
        Files.writeString(dir.resolve("config.yaml"), RunCommandTest.ACCEPTANCE_CONFIG
                .replace("numpar: 200", "numpar: 3000").replace("n_hours: -6", "n_hours: -10"));
        StringBuilder receptors = new StringBuilder("time,latitude,longitude,altitude\n");
        for (int i = 1; i <= 6; i++) {
            receptors.append("2021-01-15T12:00:00Z,40.").append(i).append(",-110,5\n");
        }
        Files.writeString(dir.resolve("receptors.csv"), receptors);
        Path byId = dir.resolve("out/by-id");

        Process p = start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (markers(byId) < 1 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(p.isAlive(), "the run ended before it could be interrupted; make it longer");
        p.destroy();                                  // SIGTERM: the shutdown hook cancels the run
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = Files.readString(dir.resolve("run1.out"));
        long complete = markers(byId);
        assertTrue(complete >= 1 && complete < 6, complete + " complete; " + out);
        assertTrue(out.contains("interrupted"), out);
        for (Path sim : list(byId)) {
            if (!Files.exists(sim.resolve("stilt-complete.properties"))) {
                // an interrupted simulation: at most a hidden temporary file, never a half file under a final name
                for (Path f : list(sim)) {
                    String n = f.getFileName().toString();
                    assertTrue(n.equals("stilt.log") || n.startsWith("."), "left behind: " + f);
                }
            }
        }

        Process again = start();
        assertTrue(again.waitFor(180, TimeUnit.SECONDS));
        String out2 = Files.readString(dir.resolve("run1.out"));
        assertEquals(0, again.exitValue(), out2 + Files.readString(dir.resolve("run1.err")));
        assertTrue(out2.matches("(?s).*skipped \\(already complete\\)\\s+" + complete + "\\n.*"), out2);
        assertEquals(6, markers(byId));
        try (Stream<Path> s = Files.walk(dir.resolve("out"))) {
            assertEquals(List.of(), s.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList());
        }
    }

    private Process start() throws IOException {
        return new ProcessBuilder(StiltLauncherIT.ROOT.resolve("stilt").toString(), "run", dir.toString(),
                "--workers", "1").redirectOutput(dir.resolve("run1.out").toFile())
                .redirectError(dir.resolve("run1.err").toFile()).start();
    }

    private static long markers(Path byId) throws IOException {
        return list(byId).stream().filter(d -> Files.exists(d.resolve("stilt-complete.properties"))).count();
    }

    private static List<Path> list(Path d) throws IOException {
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.toList();
        }
    }
}
