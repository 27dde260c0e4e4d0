package org.stilt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.particles.ParticleCsvWriter;
import org.stilt.core.particles.ParticleTable;

/** {@code stilt bench particles} runs on a given table and prints its rows and ratios (no timing is asserted). */
class BenchParticlesCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsWriteAndReadRowsWithRatios() throws Exception {
        int n = 5000;
        Map<String, double[]> cols = new LinkedHashMap<>();
        double[] time = new double[n];
        double[] indx = new double[n];
        double[] lon = new double[n];
        for (int i = 0; i < n; i++) {
            time[i] = -(i / 10 + 1);
            indx[i] = i % 10 + 1;
            lon[i] = -112.0 + Math.sin(i) * 0.01;
        }
        cols.put("time", time);
        cols.put("indx", indx);
        cols.put("long", lon);
        Path table = dir.resolve("t.csv");
        ParticleCsvWriter.write(new ParticleTable(cols), table);
        Path work = dir.resolve("work");
        CliRun r = CliRun.of("bench", "particles", "--warmup", "0", "--iterations", "1", "--dir", work.toString(),
                table.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertTrue(r.out().contains("5000 rows × 3 columns"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("write ")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("read ")), r.out());
        assertTrue(r.out().contains("ratio"), r.out());
        // the benchmark's file is removed afterwards
        assertTrue(Files.isDirectory(work));
        assertEquals(0, Files.list(work).count());
        r = CliRun.of("bench", "particles", "--iterations", "0", table.toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode());
    }
}
