package org.stilt.core.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.netcdf.FootprintFile;
import org.stilt.core.netcdf.FootprintNetcdfReader;
import org.stilt.core.particles.ParticleFiles;
import org.stilt.core.particles.ParticleNetcdfWriter;
import org.stilt.core.particles.ParticleTable;
import org.stilt.core.transport.JavaTransportKernel;

/**
 * The particle tables of the R-STILT end-to-end cases ({@code ../shared/reference/e2e/}) fed through the pipeline
 * ({@code run_trajec: false}: the particle file is taken as it is, as R-STILT does) give R-STILT's footprints.
 * Skipped loudly when the reference directory is absent.
 */
class E2eParticlesThroughPipelineTest {

    static Path reference() {
        String prop = System.getProperty("stilt.reference.dir");
        Path dir = prop != null ? Path.of(prop) : Path.of("..", "..", "shared", "reference");
        Assumptions.assumeTrue(Files.isDirectory(dir.resolve("e2e")),
                "SKIPPED LOUDLY: R-STILT reference data not found at " + dir.toAbsolutePath()
                        + " (set -Dstilt.reference.dir)");
        return dir;
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "e2e_a_uniform_6h;2021-01-15T12:00:00Z,40.5,-110,5,;{xmn: -112.5, xmx: -109.5, ymn: 39.5, ymx: 41.5, xres: 0.01, time_integrate: true};202101151200_-110_40.5_5",
            "e2e_b_shear_diurnal_24h;2021-07-16T00:00:00Z,40.5,-112,10,;{xmn: -118, xmx: -108, ymn: 36, ymx: 45, xres: 0.1};202107160000_-112_40.5_10",
            "e2e_c_column_pressure_12h;2021-03-01T18:00:00Z,40,-108,5,1000;{xmn: -116, xmx: -104, ymn: 36, ymx: 44, xres: 0.1, time_integrate: true};202103011800_-108_40_X"})
    void footprintMatchesRStilt(String name, String receptor, String grid, String simId, @TempDir Path dir)
            throws IOException {
        Path caseDir = reference().resolve("e2e").resolve(name);
        RunFixtures.project(dir, "n_hours: -6\nrun_trajec: false\nfootprints:\n  r: " + grid + "\n", receptor);
        ParticleTable particles = ParticleFiles.read(caseDir.resolve("particles.csv.gz"), null);
        Path simDir = dir.resolve("out/by-id").resolve(simId);
        ParticleNetcdfWriter.write(particles, simDir.resolve(simId + "_traj.nc"));

        RunSummary s = StiltProject.open(dir).run(RunOptions.defaults().withWorkers(1)
                .withTransport(JavaTransportKernel::new));
        SimulationOutcome o = s.outcomes().getFirst();
        assertEquals(SimulationStatus.DONE, o.status(), o.toString());
        Path foot = simDir.resolve(simId + "_r_foot.nc");
        assertTrue(Files.isSymbolicLink(dir.resolve("out/footprints").resolve(simId + "_r_foot.nc")));
        FootprintFile ours = FootprintNetcdfReader.read(foot);
        FootprintFile r = FootprintNetcdfReader.read(caseDir.resolve("foot.nc"));
        assertArrayEquals(r.timesEpochSeconds(), ours.timesEpochSeconds());
        assertEquals(r.values().length, ours.values().length);
        assertEquals(r.nonZeroCount(), ours.nonZeroCount());
        for (int i = 0; i < r.values().length; i++) {
            float a = r.values()[i];
            float b = ours.values()[i];
            assertTrue(Math.abs(a - b) <= 1e-6f * Math.abs(a) + 1e-30f, name + " cell " + i + ": R " + a + ", ours " + b);
        }
        // the footprint knows where it came from
        String log = Files.readString(simDir.resolve("stilt.log"));
        assertTrue(log.contains("run_trajec false: reusing"), log);
    }
}
