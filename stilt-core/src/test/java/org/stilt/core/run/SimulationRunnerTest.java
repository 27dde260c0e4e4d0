package org.stilt.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.footprint.JavaKernelSpreader;
import org.stilt.core.project.AltitudeReference;
import org.stilt.core.project.ProjectConfig;
import org.stilt.core.project.ProjectConfigLoader;
import org.stilt.core.project.Receptor;
import org.stilt.core.transport.JavaTransportKernel;
import org.stilt.core.transport.TrajectoryRequest;
import org.stilt.core.transport.TurbulenceOptions;

/** One simulation: the configuration → request mapping, met stream choice, typed failures. */
class SimulationRunnerTest {

    @TempDir
    static Path shared;

    static Path met;

    @BeforeAll
    static void writeMet() {
        met = shared.resolve("met");
        RunFixtures.writeMet(met);
    }

    private static final Receptor POINT = Receptor.point(Instant.parse("2021-01-15T12:00:00Z"), 40.5, -110, 5);

    private static SimulationSpec spec(Path dir, String extra, Receptor r) {
        ProjectConfig c = ProjectConfigLoader.parse(RunFixtures.config(met.toString(), 7, extra), "test");
        return new SimulationSpec(dir, c, r);
    }

    private static SimulationOutcome run(SimulationSpec spec, Path dir) {
        return new SimulationRunner(new JavaTransportKernel(spec.config().zTopMeters()), new JavaKernelSpreader())
                .run(spec, dir.resolve("out"));
    }

    @Test
    void requestCarriesTheConfigurationAndTurbulence(@TempDir Path dir) {
        SimulationSpec s = spec(dir, "seed: 42\nw_option: 1\nz_top: 20000\n"
                + "setup: {tlfrac: 0.2, hscale: 5000, veght: 0.4}\n", POINT);
        TrajectoryRequest r = SimulationRunner.trajectoryRequest(s);
        assertEquals(POINT.time(), r.runTime());
        assertEquals(-6, r.hours());
        assertEquals(7, r.particleCount());
        assertEquals(1, r.verticalMotion().code());
        assertEquals(20000.0, r.modelTopMeters());
        assertFalse(r.isColumn());
        TurbulenceOptions t = r.turbulence();
        assertTrue(t.enabled());
        assertEquals(42, t.seed());
        assertEquals(s.streamNumber(), t.simulationId());
        assertEquals(0.2, t.tlfrac());
        assertEquals(5000.0, t.hscaleSeconds());
        assertEquals(0.4, t.veght());

        assertEquals(TurbulenceOptions.OFF, SimulationRunner.trajectoryRequest(spec(dir, "setup: {nturb: 1}\n", POINT))
                .turbulence());
        Receptor column = new Receptor(POINT.time(), 40.6, -110.2, 0, 1000.0, AltitudeReference.AGL, null);
        TrajectoryRequest c = SimulationRunner.trajectoryRequest(spec(dir, "", column));
        assertTrue(c.isColumn());
        assertEquals(1000.0, c.zaglTopMeters());
        // stream numbers differ between simulations and do not depend on anything but the id
        assertNotEquals(spec(dir, "", column).streamNumber(), s.streamNumber());
        assertEquals(spec(dir, "seed: 3\n", POINT).streamNumber(), s.streamNumber());
    }

    @Test
    void theFirstMetStreamThatCoversTheRunIsUsed(@TempDir Path dir) throws IOException {
        String cfg = "n_hours: -6\nnumpar: 5\nmet:\n"
                + "  missing: {directory: " + dir.resolve("nothing") + ", file_format: \"met_a_%Y%m%d.arl\", file_tres: 1d}\n"
                + "  example: {directory: " + met + ", file_format: \"met_a_%Y%m%d.arl\", file_tres: 1d}\n"
                + "footprints:\n  default: {xmn: -112.5, xmx: -109.5, ymn: 39.5, ymx: 41.5, xres: 0.01}\n";
        SimulationSpec s = new SimulationSpec(dir, ProjectConfigLoader.parse(cfg, "test"), POINT);
        SimulationOutcome o = run(s, dir);
        assertTrue(o.complete(), o.toString());
        String log = Files.readString(dir.resolve("out/by-id").resolve(s.simulationId()).resolve("stilt.log"));
        assertTrue(log.contains("met files: " + met.resolve("met_a_20210115.arl")), log);
    }

    @Test
    void typedFailures(@TempDir Path dir) throws IOException {
        // an altitude above sea level below the terrain (the fixture's met is flat at 1300 m)
        Receptor msl = new Receptor(POINT.time(), 40.5, -110, 1000, null, AltitudeReference.MSL, null);
        SimulationOutcome m = run(spec(dir, "", msl), dir);
        assertEquals(FailureReason.INVALID_INPUT, m.reason(), m.toString());
        assertTrue(m.message().contains("below the terrain"), m.message());

        SimulationSpec exe = spec(dir, "transport: hysplit-exe\nhysplit_exe: /nonexistent/hycs_std\n", POINT);
        SimulationOutcome h = SimulationRunner.hysplitExe(new JavaKernelSpreader()).run(exe, dir.resolve("out"));
        assertEquals(FailureReason.INVALID_INPUT, h.reason(), h.toString());
        assertTrue(h.message().contains("is not an executable file"), h.message());

        SimulationOutcome r = run(spec(dir, "run_trajec: false\n", POINT), dir);
        assertEquals(FailureReason.INVALID_INPUT, r.reason(), r.toString());
        assertTrue(r.message().contains("run_trajec is false"), r.message());

        // out/by-id/<sim_id> cannot be created: a file stands in the way
        Path blocked = dir.resolve("blocked");
        Files.createDirectories(blocked.resolve("out"));
        Files.writeString(blocked.resolve("out/by-id"), "not a folder");
        SimulationOutcome w = run(spec(blocked, "", POINT), blocked);
        assertEquals(FailureReason.OUTPUT_ERROR, w.reason(), w.toString());

        String log = Files.readString(dir.resolve("out/by-id").resolve(POINT.simulationId()).resolve("stilt.log"));
        assertTrue(log.contains("FAILED INVALID_INPUT") && log.contains("kernel hysplit-exe"), log);
    }

    @Test
    void transportErrorRunAndZicontrolReachTheKernel(@TempDir Path dir) throws IOException {
        SimulationSpec s = spec(dir, "zicontroltf: true\nziscale: [1.2, 1.2]\n"
                + "transport_error: {siguverr: 1.5, tluverr: 60, zcoruverr: 500, horcoruverr: 40}\n", POINT);
        assertEquals(2, SimulationRunner.trajectoryRequest(s).turbulence().ziScale().length);
        assertFalse(SimulationRunner.trajectoryRequest(s).turbulence().errors().any(), "the main run has no errors");
        TrajectoryRequest err = SimulationRunner.errorRequest(s);
        assertTrue(err.turbulence().errors().wind() && !err.turbulence().errors().mixedLayer());
        assertEquals(null, SimulationRunner.errorRequest(spec(dir, "", POINT)));

        SimulationOutcome o = run(s, dir);
        assertEquals(SimulationStatus.DONE, o.status(), o.toString());
        Path sim = dir.resolve("out/by-id").resolve(s.simulationId());
        String log = Files.readString(sim.resolve("stilt.log"));
        assertTrue(log.contains("ZICONTROL") && log.contains("transport-error run (WINDERRTF=1)"), log);
        assertTrue(Files.isRegularFile(sim.resolve(s.simulationId() + "_error_traj.nc")));
        assertTrue(o.files().contains(sim.resolve(s.simulationId() + "_error_traj.nc")), o.files().toString());
    }
}
