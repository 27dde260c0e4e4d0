package org.stilt.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.InvalidInputException;
import org.stilt.core.hnf.PlumeDilution;
import org.stilt.core.netcdf.FootprintFile;
import org.stilt.core.netcdf.FootprintNetcdfReader;
import org.stilt.core.particles.ParticleFiles;
import org.stilt.core.particles.ParticleTable;
import org.stilt.core.project.ProjectConfig;
import org.stilt.core.transport.DelayedKernel;
import org.stilt.core.transport.JavaTransportKernel;
import org.stilt.core.transport.TransportKernel;

/**
 * End-to-end runs of whole projects on synthetic met with the Java transport kernel: outputs in R-STILT's layout,
 * skip/resume by fingerprint, failures as data, timeout, cancellation.
 */
@org.junit.jupiter.api.Timeout(180)
class StiltProjectRunTest {

    @TempDir
    static Path shared;

    static Path met;

    @BeforeAll
    static void writeMet() {
        met = shared.resolve("met");
        RunFixtures.writeMet(met);
    }

    private static RunOptions java(int workers) {
        return RunOptions.defaults().withWorkers(workers).withTransport(JavaTransportKernel::new);
    }

    @Test
    void severalReceptorsWriteRStiltLayoutAndSkipWhenComplete(@TempDir Path dir) throws IOException {
        RunFixtures.project(dir, RunFixtures.config(met.toString(), 50, ""),
                "2021-01-15T12:00:00Z,40.5,-110,5,", "2021-01-15T12:00:00Z,40.6,-110.2,0,1000",
                "2021-01-15T10:00:00Z,40.2,-109.8,10,");
        StiltProject project = StiltProject.open(dir);
        RunSummary s = project.run(java(2));
        assertEquals(3, s.outcomes().size());
        assertFalse(s.anyFailed(), s.outcomes().toString());
        assertEquals(3, s.count(SimulationStatus.DONE), s.table());
        String point = "202101151200_-110_40.5_5";
        String column = "202101151200_-110.2_40.6_X";
        assertEquals(List.of(point, column, "202101151000_-109.8_40.2_10"),
                s.outcomes().stream().map(SimulationOutcome::simulationId).toList());
        Path sim = dir.resolve("out/by-id").resolve(point);
        Path traj = sim.resolve(point + "_traj.nc");
        assertTrue(Files.isRegularFile(traj));
        assertTrue(Files.isRegularFile(sim.resolve("stilt.log")));
        assertTrue(Files.isRegularFile(sim.resolve(CompletionMarker.FILE)));
        Path link = dir.resolve("out/particles").resolve(point + "_traj.nc");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(Path.of("../by-id", point, point + "_traj.nc"), Files.readSymbolicLink(link));
        assertTrue(Files.isRegularFile(link), "link resolves");

        ParticleTable t = ParticleFiles.read(traj, null);
        assertEquals(50, (int) java.util.Arrays.stream(t.column("indx")).max().orElseThrow());
        Map<String, String> a = t.attributes();
        assertEquals(point, a.get("simulation_id"));
        assertEquals("2021-01-15T12:00:00Z", a.get("receptor_time"));
        assertEquals("40.5", a.get("receptor_latitude"));
        assertEquals(project.config().fingerprint(), a.get("config_fingerprint"));
        assertTrue(a.get("met_files").endsWith("met_a_20210115.arl"), a.get("met_files"));
        assertTrue(a.get("parameters").contains("numpar: 50"), a.get("parameters"));
        assertTrue(a.containsKey("engine_version"), a.keySet().toString());
        // R-STILT's particle table: the varsiwant columns in their order, then the undiluted foot
        List<String> expected = new java.util.ArrayList<>(ProjectConfig.DEFAULT_VARSIWANT);
        expected.add(PlumeDilution.FOOT_NO_HNF_DILUTION);
        assertEquals(expected, t.columnNames());
        String log = Files.readString(sim.resolve("stilt.log"));
        assertTrue(log.contains("hnf_plume: applied"), log);
        assertTrue(log.contains("turbulence on"), log);
        Path foot = sim.resolve(point + "_default_foot.nc");
        FootprintFile fp = FootprintNetcdfReader.read(foot);
        assertTrue(fp.total() > 0, "footprint total " + fp.total());
        assertEquals("40.5", fp.globalAttributes().get("receptor_lati"));
        assertEquals(point, fp.globalAttributes().get("simulation_id"));
        assertTrue(Files.isSymbolicLink(dir.resolve("out/footprints").resolve(point + "_default_foot.nc")));
        // the column receptor's particles start spread over 0..1000 m
        ParticleTable ct = ParticleFiles.read(dir.resolve("out/by-id").resolve(column).resolve(column + "_traj.nc"),
                null);
        // R-STILT merges the release heights by indx (indx first, xhgt last) before the dilution adds
        // the undiluted foot: the column order of sto_hrrr_column_5_1000m's reference table
        List<String> columnExpected = new java.util.ArrayList<>(List.of("indx", "time"));
        columnExpected.addAll(ProjectConfig.DEFAULT_VARSIWANT.subList(2, ProjectConfig.DEFAULT_VARSIWANT.size()));
        columnExpected.add(PlumeDilution.XHGT);
        columnExpected.add(PlumeDilution.FOOT_NO_HNF_DILUTION);
        assertEquals(columnExpected, ct.columnNames(), "a column receptor adds the release heights");
        assertEquals(0, RunFixtures.temporaryFiles(dir));

        // second run: everything skipped, nothing rewritten
        long modified = Files.getLastModifiedTime(traj).toMillis();
        RunSummary again = StiltProject.open(dir).run(java(2));
        assertEquals(3, again.count(SimulationStatus.SKIPPED));
        assertEquals(modified, Files.getLastModifiedTime(traj).toMillis());

        // --no-skip recomputes
        RunSummary forced = StiltProject.open(dir).run(java(2).withSkip(false));
        assertEquals(0, forced.count(SimulationStatus.SKIPPED));
        assertEquals(3, forced.count(SimulationStatus.DONE));

        // a changed configuration changes the fingerprint: recomputed, not skipped
        Files.writeString(dir.resolve("config.yaml"), RunFixtures.config(met.toString(), 40, ""));
        RunSummary changed = StiltProject.open(dir).run(java(2));
        assertEquals(0, changed.count(SimulationStatus.SKIPPED));
        assertEquals(40, (int) java.util.Arrays.stream(ParticleFiles.read(traj, List.of("indx")).column("indx"))
                .max().orElseThrow());
    }

    @Test
    void failuresAreDataWithTypedReasonsAndTheOthersComplete(@TempDir Path dir) throws IOException {
        RunFixtures.project(dir, RunFixtures.config(met.toString(), 20, ""),
                "2021-01-15T12:00:00Z,40.5,-110,5,",
                "2021-01-15T12:00:00Z,30.0,-110,5,",     // south of the met grid (37..44 N)
                "2021-03-01T12:00:00Z,40.5,-110,5,",     // no met file for March
                "2021-01-15T03:00:00Z,40.5,-110,5,");    // needs 2021-01-14 21 UTC: the file starts at 00 UTC
        RunSummary s = StiltProject.open(dir).run(java(2));
        List<SimulationOutcome> o = s.outcomes();
        assertEquals(SimulationStatus.DONE, o.get(0).status(), o.get(0).toString());
        assertEquals(FailureReason.OUTSIDE_MET, o.get(1).reason(), o.get(1).toString());
        assertEquals(FailureReason.MET_MISSING, o.get(2).reason(), o.get(2).toString());
        assertEquals(FailureReason.MET_MISSING, o.get(3).reason(), o.get(3).toString());
        assertTrue(o.get(2).message().contains("met_a_20210301.arl") || o.get(2).message().contains("2021-03-01"),
                o.get(2).message());
        assertTrue(s.anyFailed());
        assertEquals(Map.of(FailureReason.OUTSIDE_MET, 1L, FailureReason.MET_MISSING, 2L), s.failuresByReason());
        String log = Files.readString(dir.resolve("out/by-id/202101151200_-110_30_5/stilt.log"));
        assertTrue(log.contains("FAILED OUTSIDE_MET"), log);
        assertFalse(Files.exists(dir.resolve("out/by-id/202101151200_-110_30_5").resolve(CompletionMarker.FILE)));
        assertTrue(s.table().contains("MET_MISSING"), s.table());
        // a rerun retries only the failed ones
        RunSummary again = StiltProject.open(dir).run(java(2));
        assertEquals(1, again.count(SimulationStatus.SKIPPED));
        assertEquals(3, again.count(SimulationStatus.FAILED));
    }

    @Test
    void withoutTurbulenceFootIsZeroAndTheSimulationIsCompleteEmpty(@TempDir Path dir) throws IOException {
        RunFixtures.project(dir, RunFixtures.config(met.toString(), 10, "setup: {nturb: 1}\n"),
                "2021-01-15T12:00:00Z,40.5,-110,5,");
        // first with turbulence: a footprint and its link; then nturb 1 recomputes, and neither may remain
        Files.writeString(dir.resolve("config.yaml"), RunFixtures.config(met.toString(), 10, ""));
        assertEquals(SimulationStatus.DONE, StiltProject.open(dir).run(java(1)).outcomes().getFirst().status());
        Path link = dir.resolve("out/footprints/202101151200_-110_40.5_5_default_foot.nc");
        assertTrue(Files.isSymbolicLink(link));
        Files.writeString(dir.resolve("config.yaml"), RunFixtures.config(met.toString(), 10, "setup: {nturb: 1}\n"));
        RunSummary s = StiltProject.open(dir).run(java(1));
        SimulationOutcome o = s.outcomes().getFirst();
        assertEquals(SimulationStatus.EMPTY, o.status(), o.toString());
        assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS), "stale link removed");
        assertFalse(s.anyFailed());
        Path sim = dir.resolve("out/by-id").resolve(o.simulationId());
        String log = Files.readString(sim.resolve("stilt.log"));
        assertTrue(log.contains("turbulence off") && log.contains("complete-empty"), log);
        assertTrue(log.contains("foot, samt, sigw, tlgr are 0 in every row"), log);
        ParticleTable t = ParticleFiles.read(sim.resolve(o.simulationId() + "_traj.nc"), null);
        assertEquals(ProjectConfig.DEFAULT_VARSIWANT, t.columnNames(), "no dilution without turbulence");
        assertTrue(log.contains("hnf_plume: not applied: turbulence off"), log);
        for (String zero : List.of("foot", "samt", "sigw", "tlgr")) {
            for (double v : t.column(zero)) {
                assertEquals(0.0, v, zero + " with turbulence off, as hycs_std prints it");
            }
        }
        assertFalse(Files.exists(sim.resolve(o.simulationId() + "_default_foot.nc")));
        assertEquals(SimulationStatus.SKIPPED, StiltProject.open(dir).run(java(1)).outcomes().getFirst().status(),
                "complete-empty is complete");
    }

    @Test
    void timeoutFailsOnlyThatSimulation(@TempDir Path dir) throws IOException {
        RunFixtures.project(dir, RunFixtures.config(met.toString(), 5, "timeout: 1\n"),
                "2021-01-15T12:00:00Z,40.5,-110,5,");
        TransportKernelFactory slow = ztop -> new DelayedKernel(new JavaTransportKernel(ztop), 2000, false);
        RunSummary s = StiltProject.open(dir).run(RunOptions.defaults().withWorkers(1).withTransport(slow));
        SimulationOutcome o = s.outcomes().getFirst();
        assertEquals(FailureReason.TIMEOUT, o.reason(), o.toString());
        assertTrue(o.message().contains("timeout = 1 s"), o.message());
        assertFalse(Files.exists(dir.resolve("out/by-id").resolve(o.simulationId()).resolve(o.simulationId()
                + "_traj.nc")));
    }

    @Test
    void cancelledRunLeavesNoPartialFilesAndTheNextRunResumes(@TempDir Path dir) throws IOException {
        RunFixtures.project(dir, RunFixtures.config(met.toString(), 20, ""),
                "2021-01-15T12:00:00Z,40.5,-110,5,", "2021-01-15T12:00:00Z,40.6,-110,5,",
                "2021-01-15T12:00:00Z,40.7,-110,5,", "2021-01-15T12:00:00Z,40.8,-110,5,");
        StiltProject project = StiltProject.open(dir);
        AtomicInteger finished = new AtomicInteger();
        RunSummary s = project.run(java(1), new RunListener() {
            @Override
            public void finished(SimulationOutcome outcome) {
                if (finished.incrementAndGet() == 1) {
                    project.cancel();      // what the CLI's shutdown hook does on Ctrl-C
                }
            }
        });
        assertTrue(s.interrupted());
        assertEquals(1, s.count(SimulationStatus.DONE), s.outcomes().toString());
        assertEquals(3, s.failuresByReason().get(FailureReason.INTERRUPTED));
        assertEquals(0, RunFixtures.temporaryFiles(dir));
        // a simulation killed mid-way (a folder with a particle file but no marker) is recomputed
        Path second = dir.resolve("out/by-id/202101151200_-110_40.6_5");
        Files.createDirectories(second);
        Files.writeString(second.resolve("202101151200_-110_40.6_5_traj.nc"), "half");
        Files.writeString(second.resolve(".202101151200_-110_40.6_5_traj.nc.1234.tmp"), "half");
        RunSummary resumed = StiltProject.open(dir).run(java(2));
        assertEquals(1, resumed.count(SimulationStatus.SKIPPED));
        assertEquals(3, resumed.count(SimulationStatus.DONE));
        assertFalse(resumed.interrupted());
        assertEquals(0, RunFixtures.temporaryFiles(dir));
        assertTrue(Files.size(second.resolve("202101151200_-110_40.6_5_traj.nc")) > 100);
    }

    @Test
    void nativeTransportMustBePassedInFromCore(@TempDir Path dir) throws IOException {
        RunFixtures.project(dir, RunFixtures.config(met.toString(), 5, ""), "2021-01-15T12:00:00Z,40.5,-110,5,");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> StiltProject.open(dir).run(RunOptions.defaults()));
        assertTrue(e.getMessage().contains("NativeTransportKernel::create"), e.getMessage());
        Files.writeString(dir.resolve("config.yaml"), RunFixtures.config(met.toString(), 5, "transport: java\n"));
        assertFalse(StiltProject.open(dir).run(RunOptions.defaults().withWorkers(1)).anyFailed());
    }

    @Test
    void fingerprintDependsOnConfigAndReceptor(@TempDir Path dir) throws IOException {
        RunFixtures.project(dir, RunFixtures.config(met.toString(), 5, ""),
                "2021-01-15T12:00:00Z,40.5,-110,5,", "2021-01-15T12:00:00Z,40.5,-110,6,");
        List<SimulationSpec> specs = StiltProject.open(dir).simulations();
        assertNotEquals(specs.get(0).fingerprint(), specs.get(1).fingerprint());
        assertEquals(specs.get(0).fingerprint(), StiltProject.open(dir).simulations().get(0).fingerprint());
        Files.writeString(dir.resolve("config.yaml"), "# a comment\n" + RunFixtures.config(met.toString(), 5,
                "setup: {kmix0: 150}\n"));
        assertEquals(specs.get(0).fingerprint(), StiltProject.open(dir).simulations().get(0).fingerprint(),
                "comments and defaults written out do not change it");
    }

    /**
     * The particle file has exactly the configured {@code varsiwant} columns in their order (met
     * columns the kernel samples included), as R-STILT's, plus the undiluted foot.
     */
    @Test
    void particleFileHasTheVarsiwantColumnsInTheirOrder(@TempDir Path dir) throws IOException {
        List<String> varsiwant = List.of("time", "indx", "long", "lati", "foot", "zagl", "wout", "pres", "zsfc",
                "temp", "shtf", "sphu", "dswf", "mlht", "dens", "samt", "sigw", "tlgr");
        RunFixtures.project(dir, RunFixtures.config(met.toString(), 20, "varsiwant: [" + String.join(", ", varsiwant)
                + "]\n"), "2021-01-15T12:00:00Z,40.5,-110,5,");
        RunSummary s = StiltProject.open(dir).run(java(1));
        assertFalse(s.anyFailed(), s.outcomes().toString());
        String id = "202101151200_-110_40.5_5";
        ParticleTable t = ParticleFiles.read(dir.resolve("out/by-id").resolve(id).resolve(id + "_traj.nc"), null);
        List<String> expected = new java.util.ArrayList<>(varsiwant);
        expected.add(PlumeDilution.FOOT_NO_HNF_DILUTION);
        assertEquals(expected, t.columnNames());
        double[] p = t.column("pres");
        double[] zs = t.column("zsfc");
        for (int r = 0; r < t.rowCount(); r++) {
            assertTrue(p[r] > 500 && p[r] < 1100, "pres " + p[r] + " hPa in row " + r);
            assertTrue(Double.isFinite(zs[r]), "zsfc in row " + r);
        }
    }
}
