package org.stilt.core.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.particles.ParticleNetcdfReader;
import org.stilt.core.particles.ParticleTable;
import org.stilt.core.transport.JavaTransportKernel;

/**
 * Reproducibility (issue 5 "Tests"): the same project with the same seed gives identical particle
 * tables, column by column and bit for bit, whether its simulations run on one worker thread or on
 * two at once, and in any order (each particle's random stream depends only on the seed, the
 * simulation's stream number and the particle index), and whether each simulation's particles are split
 * over several threads ({@code RunOptions.withThreadsPerSimulation}).
 */
class ReproducibilityTest {

    @TempDir
    static Path shared;

    static Path met;

    @BeforeAll
    static void writeMet() {
        met = shared.resolve("met");
        RunFixtures.writeMet(met);
    }

    @Test
    void sameSeedSameTablesOnOneAndTwoThreads(@TempDir Path dir) throws IOException {
        String[] receptors = {"2021-01-15T12:00:00Z,40.5,-110,5,", "2021-01-15T12:00:00Z,40.6,-110.2,0,1000",
            "2021-01-15T11:00:00Z,40.2,-109.8,10,"};
        Path one = RunFixtures.project(dir.resolve("one"), RunFixtures.config(met.toString(), 100, ""), receptors);
        String[] reversed = {receptors[2], receptors[1], receptors[0]};
        Path two = RunFixtures.project(dir.resolve("two"), RunFixtures.config(met.toString(), 100, ""), reversed);
        RunSummary a = StiltProject.open(one).run(RunOptions.defaults().withWorkers(1)
                .withTransport(JavaTransportKernel::new));
        RunSummary b = StiltProject.open(two).run(RunOptions.defaults().withWorkers(2)
                .withTransport(JavaTransportKernel::new));
        // one worker, each simulation's particles split over 3 threads
        Path three = RunFixtures.project(dir.resolve("three"), RunFixtures.config(met.toString(), 100, ""), receptors);
        RunSummary c = StiltProject.open(three).run(RunOptions.defaults().withWorkers(1).withThreadsPerSimulation(3)
                .withTransport(JavaTransportKernel::new));
        assertFalse(c.anyFailed(), c.table());
        assertFalse(a.anyFailed(), a.table());
        assertFalse(b.anyFailed(), b.table());
        for (String id : List.of("202101151200_-110_40.5_5", "202101151200_-110.2_40.6_X",
                "202101151100_-109.8_40.2_10")) {
            ParticleTable ta = ParticleNetcdfReader.read(one.resolve("out/by-id").resolve(id).resolve(id + "_traj.nc"),
                    null);
            ParticleTable tb = ParticleNetcdfReader.read(two.resolve("out/by-id").resolve(id).resolve(id + "_traj.nc"),
                    null);
            ParticleTable tc = ParticleNetcdfReader.read(three.resolve("out/by-id").resolve(id).resolve(id + "_traj.nc"),
                    null);
            assertEquals(ta.columnNames(), tb.columnNames(), id);
            assertEquals(ta.columnNames(), tc.columnNames(), id);
            for (String col : ta.columnNames()) {
                assertArrayEquals(ta.column(col), tb.column(col), 0.0, id + " column " + col);
                assertArrayEquals(ta.column(col), tc.column(col), 0.0, id + " column " + col + ", 3 threads");
            }
            String log = java.nio.file.Files.readString(three.resolve("out/by-id").resolve(id).resolve("stilt.log"));
            assertTrue(log.contains("3 particle chunks on as many threads"), log);
        }
    }
}
