package org.stilt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stilt bench transport} runs both kernels, checks they agree and prints its table (no
 * timing is asserted).
 */
class BenchTransportCommandTest {

    @Test
    void printsThroughputAndRatio() {
        Path met = Path.of(System.getProperty("stilt.reference.dir", "../../shared/reference"),
                "e2e/e2e_b_shear_diurnal_24h/met_b_20210715.arl.gz");
        Assumptions.assumeTrue(Files.isRegularFile(met), "reference e2e_b met not found: " + met.toAbsolutePath());
        CliRun r = CliRun.of("bench", "transport", "--met-file", met.toString(), "--numpar", "20", "--hours", "2",
                "--warmup", "0", "--iterations", "1");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertTrue(r.out().contains("particle-minutes/s"), r.out());
        assertTrue(r.out().contains("native/java kernel speed ratio"), r.out());
        assertTrue(r.out().contains("identical particle tables"), r.out());
        r = CliRun.of("bench", "transport", "--iterations", "0");
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode());
    }

    /**
     * {@code --global}: writes its synthetic global file once, runs the seam and interior releases
     * (the benchmark itself fails if a particle stops or the seam run does not cross the seam) and
     * prints the ratio; a second invocation reuses the file.
     */
    @Test
    void globalGridPrintsSeamAgainstInterior(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("bench", "transport", "--global", "--dir", dir.toString(), "--numpar", "10", "--hours", "2",
                "--warmup", "0", "--iterations", "1");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertTrue(r.out().contains("seam/interior ratio: whole run"), r.out());
        assertTrue(r.out().contains("particles crossed the seam, none stopped"), r.out());
        Path file = dir.resolve("global-1deg-2x3h.arl");
        assertTrue(Files.isRegularFile(file), "the synthetic file is kept: " + file);
        long modified = Files.getLastModifiedTime(file).toMillis();
        r = CliRun.of("bench", "transport", "--global", "--dir", dir.toString(), "--numpar", "10", "--hours", "2",
                "--warmup", "0", "--iterations", "1");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertEquals(modified, Files.getLastModifiedTime(file).toMillis(), "the file is reused, not rewritten");
    }
}
