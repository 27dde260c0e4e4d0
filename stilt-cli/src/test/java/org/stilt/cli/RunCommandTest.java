package org.stilt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.particles.ParticleFiles;
import org.stilt.core.particles.ParticleTable;

/**
 * {@code stilt run} on the acceptance project of issue 6, exactly as written there, with met from
 * {@code stilt met synth --yaml examples/met/example-met.yaml}.
 */
class RunCommandTest {

    /** issue 6's config.yaml, byte for byte. */
    static final String ACCEPTANCE_CONFIG = """
            # config.yaml
            n_hours: -6
            numpar: 200
            met:
              example:
                directory: met              # relative to the project folder
                file_format: "met_a_%Y%m%d.arl"
                file_tres: 1d
            footprints:
              default: {xmn: -112.5, xmx: -109.5, ymn: 39.5, ymx: 41.5, xres: 0.01}
            """;

    /** issue 6's receptors.csv (the "# receptors.csv" line is a comment, which the reader skips). */
    static final String ACCEPTANCE_RECEPTORS = """
            # receptors.csv
            time,latitude,longitude,altitude
            2021-01-15T12:00:00Z,40.5,-110,5
            """;

    static final String SIM = "202101151200_-110_40.5_5";

    static Path acceptanceProject(Path dir) throws IOException {
        Files.writeString(dir.resolve("config.yaml"), ACCEPTANCE_CONFIG);
        Files.writeString(dir.resolve("receptors.csv"), ACCEPTANCE_RECEPTORS);
        CliRun synth = CliRun.of("met", "synth", "--yaml", MetSynthCommandTest.EXAMPLE.toString(), "--output",
                dir.resolve("met").toString());
        assertEquals(0, synth.exitCode(), synth.err());
        assertTrue(Files.isRegularFile(dir.resolve("met/met_a_20210115.arl")), synth.out());
        return dir;
    }

    @Test
    void acceptanceProjectRunsAsWrittenWithTheNativeKernel(@TempDir Path dir) throws IOException {
        acceptanceProject(dir);
        CliRun r = CliRun.of("run", dir.toString(), "--progress", "always");
        assertEquals(ExitCodes.OK, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("kernel native"), r.out());
        assertTrue(r.err().contains("simulations"), "progress bar on stderr: " + r.err());
        Path sim = dir.resolve("out/by-id").resolve(SIM);
        Path traj = sim.resolve(SIM + "_traj.nc");
        assertTrue(Files.isRegularFile(traj));
        assertTrue(Files.isRegularFile(sim.resolve("stilt.log")));
        assertTrue(Files.isSymbolicLink(dir.resolve("out/particles").resolve(SIM + "_traj.nc")));
        ParticleTable t = ParticleFiles.read(traj, null);
        assertEquals(200, (int) java.util.Arrays.stream(t.column("indx")).max().orElseThrow());
        assertEquals(6 * 60, (int) -java.util.Arrays.stream(t.column("time")).min().orElseThrow());
        assertTrue(t.hasColumn("foot"), t.columnNames().toString());
        assertTrue(Files.isRegularFile(sim.resolve(SIM + "_default_foot.nc")), r.out());
        assertTrue(Files.isSymbolicLink(dir.resolve("out/footprints").resolve(SIM + "_default_foot.nc")));
        assertTrue(r.out().matches("(?s).*done\\s+1\n.*"), r.out());
        // the footprint is what stilt plot draws (receptor from the file's attributes)
        CliRun plot = CliRun.of("plot", dir.resolve("out/footprints").resolve(SIM + "_default_foot.nc").toString(),
                "-o", dir.resolve("map.png").toString(), "--quiet");
        assertEquals(ExitCodes.OK, plot.exitCode(), plot.err());
        assertTrue(Files.size(dir.resolve("map.png")) > 1000);
        assertTrue(r.out().matches("(?s).*failed\\s+0.*"), r.out());

        CliRun again = CliRun.of("run", dir.toString(), "--kernel", "java");
        assertEquals(ExitCodes.OK, again.exitCode(), again.out() + again.err());
        assertTrue(again.out().matches("(?s).*skipped \\(already complete\\)\\s+1.*"), again.out());
    }

    @Test
    void failedSimulationGivesExitCodeAndSummaryByReason(@TempDir Path dir) throws IOException {
        acceptanceProject(dir);
        Files.writeString(dir.resolve("receptors.csv"), ACCEPTANCE_RECEPTORS + "2021-01-15T12:00:00Z,30,-110,5\n"
                + "2021-02-15T12:00:00Z,40.5,-110,5\n");
        Files.writeString(dir.resolve("config.yaml"), ACCEPTANCE_CONFIG.replace("numpar: 200", "numpar: 20"));
        CliRun r = CliRun.of("run", dir.toString(), "--kernel", "java", "--workers", "2");
        assertEquals(ExitCodes.SIMULATIONS_FAILED, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().matches("(?s).*OUTSIDE_MET\\s+1.*"), r.out());
        assertTrue(r.out().matches("(?s).*MET_MISSING\\s+1.*"), r.out());
        assertTrue(r.err().contains("failed 202101151200_-110_30_5: OUTSIDE_MET: receptor 30.0N"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void hysplitExeFromTheConfigIsDriven(@TempDir Path dir) throws IOException {
        acceptanceProject(dir);
        Files.writeString(dir.resolve("config.yaml"), ACCEPTANCE_CONFIG + "transport: hysplit-exe\n"
                + "hysplit_exe: exe/hycs_std\n");
        Path exe = Files.createDirectories(dir.resolve("exe")).resolve("hycs_std");
        Files.writeString(exe, "#!/bin/sh\necho 'stand-in: no particles'\n");
        Files.setPosixFilePermissions(exe, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        CliRun r = CliRun.of("run", dir.toString());
        assertEquals(ExitCodes.SIMULATIONS_FAILED, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("kernel hysplit-exe (exe/hycs_std)"), r.out());
        assertTrue(r.err().contains("KERNEL_ERROR: Failed to output  "), r.err());
        assertTrue(Files.readString(dir.resolve("out/by-id").resolve(SIM).resolve("stilt.log"))
                .contains("stand-in: no particles"));
        // --kernel overrides the config's transport
        assertEquals(ExitCodes.OK, CliRun.of("run", dir.toString(), "--kernel", "java", "--quiet").exitCode());
    }

    @Test
    void badOptionsAndMissingProject(@TempDir Path dir) {
        assertEquals(ExitCodes.INPUT_UNREADABLE, CliRun.of("run", dir.resolve("nope").toString()).exitCode());
        CliRun k = CliRun.of("run", dir.toString(), "--kernel", "fast");
        assertTrue(k.exitCode() == ExitCodes.INVALID_INPUT || k.exitCode() == ExitCodes.INPUT_UNREADABLE, k.err());
    }
}
