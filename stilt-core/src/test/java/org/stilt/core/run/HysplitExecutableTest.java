package org.stilt.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.footprint.JavaKernelSpreader;
import org.stilt.core.netcdf.FootprintFile;
import org.stilt.core.netcdf.FootprintNetcdfReader;
import org.stilt.core.particles.ParticleFiles;
import org.stilt.core.particles.ParticleTable;
import org.stilt.core.run.hysplit.HysplitInputsTest;

/**
 * {@code transport: hysplit-exe} with a stand-in {@code hycs_std}: a shell script that records the CONTROL and
 * SETUP.CFG it finds and writes the recorded {@code PARTICLE_STILT.DAT} of the R-STILT case e2e_a.
 */
@org.junit.jupiter.api.Timeout(120)
class HysplitExecutableTest {

    @TempDir
    static Path shared;

    static Path met;

    @BeforeAll
    static void writeMet() {
        met = shared.resolve("met");
        RunFixtures.writeMet(met);
    }

    private static Path script(Path dir, String body) throws IOException {
        Path exe = dir.resolve("exe/hycs_std");
        Files.createDirectories(exe.getParent());
        Files.writeString(exe, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("exe/ASCDATA.CFG"), "-90.0 -180.0\n1.0 1.0\n180 360\n2\n0.2\n'./'\n");
        return exe;
    }

    private static String config(Path caseDir, Path exe, String extra) throws IOException {
        String args = HysplitInputsTest.configFromArgs(caseDir.resolve("simulation_step_args.txt"));
        args = args.substring(0, args.indexOf("met: {m:"));   // keep run + SETUP arguments
        return args + "transport: hysplit-exe\nhysplit_exe: " + exe + "\n" + extra
                + "met: {example: {directory: " + met + ", file_format: \"met_a_%Y%m%d.arl\", file_tres: 1d}}\n"
                + "footprints: {default: {xmn: -112.5, xmx: -109.5, ymn: 39.5, ymx: 41.5, xres: 0.01,"
                + " time_integrate: true}}\n";
    }

    @Test
    void drivesHycsStdAsRStiltDoesAndGivesRStiltsFootprint(@TempDir Path dir) throws IOException {
        Path caseDir = HysplitInputsTest.caseDir("e2e_a_uniform_6h");
        Path recorded = Files.createDirectories(dir.resolve("recorded"));
        Path exe = script(dir, "cp CONTROL SETUP.CFG " + recorded + "/\n"
                + "test -f ASCDATA.CFG || exit 3\n"
                + "echo 'stand-in hycs_std: writing the recorded particles'\n"
                + "gzip -dc " + caseDir.resolve("PARTICLE_STILT.DAT.gz") + " > PARTICLE_STILT.DAT\n");
        Path project = dir.resolve("project");
        RunFixtures.project(project, config(caseDir, exe, ""), "2021-01-15T12:00:00Z,40.5,-110,5,");
        RunSummary s = StiltProject.open(project).run(RunOptions.defaults().withWorkers(1));
        SimulationOutcome o = s.outcomes().getFirst();
        assertEquals(SimulationStatus.DONE, o.status(), o.toString());

        // the inputs it saw: CONTROL byte for byte but for the met directory (R-STILT's was ./), SETUP.CFG exactly
        String control = Files.readString(dir.resolve("recorded/CONTROL"));
        assertEquals(Files.readString(caseDir.resolve("CONTROL")), control.replace(met.toAbsolutePath() + "/ ", "./ "));
        assertEquals(Files.readString(caseDir.resolve("SETUP.CFG")), Files.readString(dir.resolve("recorded/SETUP.CFG")));

        Path sim = project.resolve("out/by-id").resolve(o.simulationId());
        String log = Files.readString(sim.resolve("stilt.log"));
        assertTrue(log.contains("stand-in hycs_std: writing the recorded particles"), log);
        assertTrue(log.contains("kernel hysplit-exe") && log.contains("hnf_plume: applied"), log);
        assertFalse(Files.exists(sim.resolve("PARTICLE_STILT.DAT")), "rm_dat deletes it");

        // HNF on hycs_std's foot gives R-STILT's particle table, and the footprint R-STILT's foot.nc
        ParticleTable ours = ParticleFiles.read(sim.resolve(o.simulationId() + "_traj.nc"), null);
        ParticleTable r = ParticleFiles.read(caseDir.resolve("particles.csv.gz"), null);
        assertEquals(r.rowCount(), ours.rowCount());
        double sumR = Arrays.stream(r.column("foot")).sum();
        double sumOurs = Arrays.stream(ours.column("foot")).sum();
        assertEquals(sumR, sumOurs, 1e-12 * Math.abs(sumR));
        FootprintFile fr = FootprintNetcdfReader.read(caseDir.resolve("foot.nc"));
        FootprintFile fo = FootprintNetcdfReader.read(sim.resolve(o.simulationId() + "_default_foot.nc"));
        assertEquals(fr.nonZeroCount(), fo.nonZeroCount());
        assertEquals(fr.total(), fo.total(), 1e-6 * fr.total());
    }

    @Test
    void transportErrorRunsHycsStdAgainWithWinderrAndZierr(@TempDir Path dir) throws IOException {
        Path caseDir = HysplitInputsTest.caseDir("e2e_a_uniform_6h");
        Path recorded = Files.createDirectories(dir.resolve("recorded"));
        Path exe = script(dir, "n=$(ls " + recorded + " | wc -l)\n"
                + "cp SETUP.CFG " + recorded + "/SETUP.CFG.$n\n"
                + "test -f WINDERR && cp WINDERR ZIERR " + recorded + "/\n"
                + "gzip -dc " + caseDir.resolve("PARTICLE_STILT.DAT.gz") + " > PARTICLE_STILT.DAT\n");
        Path project = dir.resolve("project");
        RunFixtures.project(project, config(caseDir, exe, "transport_error: {siguverr: 1.5, tluverr: 60,"
                + " zcoruverr: 500, horcoruverr: 40, sigzierr: 20, tlzierr: 60, horcorzierr: 40}\n"),
                "2021-01-15T12:00:00Z,40.5,-110,5,");
        SimulationOutcome o = StiltProject.open(project).run(RunOptions.defaults().withWorkers(1)).outcomes()
                .getFirst();
        assertEquals(SimulationStatus.DONE, o.status(), o.toString());
        assertTrue(Files.readString(recorded.resolve("SETUP.CFG.0")).contains("\nWINDERRTF=0,\n"));
        assertTrue(Files.readString(recorded.resolve("SETUP.CFG.1")).contains("\nWINDERRTF=3,\n"));
        assertEquals("1.5\n60\n500\n40\n", Files.readString(recorded.resolve("WINDERR")));
        assertEquals("20\n60\n40\n", Files.readString(recorded.resolve("ZIERR")));
        Path sim = project.resolve("out/by-id").resolve(o.simulationId());
        ParticleTable err = ParticleFiles.read(sim.resolve(o.simulationId() + "_error_traj.nc"), null);
        assertEquals("3", err.attributes().get("winderrtf"));
        assertTrue(err.hasColumn("foot_no_hnf_dilution"));
        assertTrue(Files.readString(sim.resolve("stilt.log")).contains("transport-error run, WINDERRTF=3"));
    }

    @Test
    void noParticleFileAndTimeoutAreTypedFailures(@TempDir Path dir) throws IOException {
        Path caseDir = HysplitInputsTest.caseDir("e2e_a_uniform_6h");
        Path quiet = script(dir.resolve("a"), "echo 'ERROR: start point not within (x,y,t) any data file'\n");
        Path project = dir.resolve("pa");
        RunFixtures.project(project, config(caseDir, quiet, ""), "2021-01-15T12:00:00Z,40.5,-110,5,");
        SimulationOutcome o = StiltProject.open(project).run(RunOptions.defaults().withWorkers(1)).outcomes().getFirst();
        assertEquals(FailureReason.KERNEL_ERROR, o.reason(), o.toString());
        assertTrue(o.message().startsWith("Failed to output  "), o.message());
        String log = Files.readString(project.resolve("out/by-id").resolve(o.simulationId()).resolve("stilt.log"));
        assertTrue(log.contains("start point not within"), log);

        Path slow = script(dir.resolve("b"), "sleep 30 &\nwait\n");
        Path project2 = dir.resolve("pb");
        RunFixtures.project(project2, config(caseDir, slow, "timeout: 1\n"), "2021-01-15T12:00:00Z,40.5,-110,5,");
        long t0 = System.nanoTime();
        SimulationOutcome t = StiltProject.open(project2).run(RunOptions.defaults().withWorkers(1)).outcomes()
                .getFirst();
        assertEquals(FailureReason.TIMEOUT, t.reason(), t.toString());
        assertTrue(System.nanoTime() - t0 < 15e9, "killed at the timeout, with its child");
    }
}
