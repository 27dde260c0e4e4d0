package org.stilt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.footprint.EmptyFootprint;
import org.stilt.core.footprint.Footprint;
import org.stilt.core.footprint.FootprintCalculator;
import org.stilt.core.footprint.FootprintDomain;
import org.stilt.core.footprint.FootprintRequest;
import org.stilt.core.footprint.FootprintResult;
import org.stilt.core.footprint.JavaKernelSpreader;
import org.stilt.core.netcdf.FootprintNetcdfReader;
import org.stilt.core.netcdf.FootprintNetcdfWriter;
import org.stilt.core.hnf.ColumnReleaseHeights;
import org.stilt.core.hnf.NanPolicy;
import org.stilt.core.hnf.PlumeDilution;
import org.stilt.core.hnf.PlumeDilutionParameters;
import org.stilt.core.met.ArlFile;
import org.stilt.core.met.catalog.MetFileFinder;
import org.stilt.core.met.catalog.MetStream;
import org.stilt.core.particles.ParticleCsvWriter;
import org.stilt.core.particles.ParticleFiles;
import org.stilt.core.project.FootprintGridConfig;
import org.stilt.core.project.ProjectConfig;
import org.stilt.core.project.ProjectConfigLoader;
import org.stilt.core.project.ProjectTemplate;
import org.stilt.core.project.Receptor;
import org.stilt.core.project.ReceptorTable;
import org.stilt.core.run.RunOptions;
import org.stilt.core.run.RunSummary;
import org.stilt.core.run.SimulationOutcome;
import org.stilt.core.run.SimulationStatus;
import org.stilt.core.run.StiltProject;
import org.stilt.core.particles.ParticleNetcdfReader;
import org.stilt.core.particles.ParticleNetcdfWriter;
import org.stilt.core.particles.ParticleTable;
import org.stilt.core.transport.ArlFrameSource;
import org.stilt.core.transport.TrajectoryRequest;
import org.stilt.core.transport.TrajectoryResult;
import org.stilt.core.transport.TrajectoryRunner;
import org.stilt.core.transport.TransportKernel;
import org.stilt.core.transport.VerticalMotion;
import org.stilt.ffi.NativeKernelSpreader;
import org.stilt.ffi.NativeTransportKernel;

/** The snippet of docs/java-api.md, kept compiling and correct (documentation snippets are tests). */
class JavaApiExampleTest {

    @TempDir
    Path tmp;

    @Test
    void docsRunSnippetRunsTheAcceptanceProject() throws java.io.IOException {
        Path dir = Files.createDirectories(tmp.resolve("myproject"));
        RunCommandTest.acceptanceProject(dir);          // issue 6's config.yaml + receptors.csv, synthetic met

        StiltProject project = StiltProject.open(dir);
        RunSummary summary = project.run(RunOptions.defaults()
                .withWorkers(2)
                .withTransport(NativeTransportKernel::create)
                .withSpreader(NativeKernelSpreader.create()));
        System.out.print(summary.table());
        for (SimulationOutcome o : summary.outcomes()) {
            if (o.status() == SimulationStatus.FAILED) {
                System.out.println(o.simulationId() + ": " + o.reason() + ": " + o.message());
            }
        }

        assertEquals(1, summary.outcomes().size());
        assertTrue(!summary.anyFailed(), summary.table());
        assertTrue(Files.isRegularFile(project.outputDir().resolve("by-id/202101151200_-110_40.5_5/"
                + "202101151200_-110_40.5_5_traj.nc")));
        assertEquals(1, summary.count(SimulationStatus.DONE), summary.table());
        assertTrue(Files.isRegularFile(project.outputDir().resolve("footprints/202101151200_-110_40.5_5_default_foot.nc")));
        assertEquals(SimulationStatus.SKIPPED, project.run(RunOptions.defaults()
                .withTransport(NativeTransportKernel::create)).outcomes().getFirst().status());
    }

    @Test
    void docsProjectSnippetLoadsTheInitProject() {
        Path dir = tmp.resolve("myproject");
        ProjectTemplate.write(dir, false);
        ProjectConfig config = ProjectConfigLoader.load(dir);
        ReceptorTable receptors = ReceptorTable.read(dir);
        assertEquals(List.of("202101151200_-110_40.5_5", "202101151200_-110.2_40.6_X"),
                receptors.receptors().stream().map(Receptor::simulationId).toList());
        assertEquals(1000, config.numpar());
        assertEquals(150.0, config.setup().kmix0Meters());
        FootprintGridConfig grid = config.footprints().get("default");
        assertEquals(0.01, grid.domain().xres());
        assertEquals(64, config.fingerprint().length());
    }

    @Test
    void docsSnippetWritesTheFootprint() {
        Path out = tmp.resolve("foot.nc");
        ParticleTable particles = ParticleFiles.read(FootprintCommandTest.EXAMPLE, ParticleTable.FOOTPRINT_COLUMNS);
        FootprintDomain grid = FootprintDomain.longlat(-112.5, -109.5, 39.5, 41.5, 0.01);
        FootprintRequest request = new FootprintRequest(grid, Instant.parse("2021-01-15T12:00:00Z"), 1.0, true);
        FootprintCalculator calculator = new FootprintCalculator(new JavaKernelSpreader());

        FootprintResult result = calculator.calculate(particles, request);
        switch (result) {
            case Footprint fp -> FootprintNetcdfWriter.write(fp, out, Map.of("project", "demo"));
            case EmptyFootprint empty -> throw new AssertionError("example footprint is not empty: " + empty.reason());
        }
        assertTrue(Files.isRegularFile(out));
        assertEquals("demo", FootprintNetcdfReader.read(out).globalAttributes().get("project"));

        Footprint viaNative = (Footprint) new FootprintCalculator(NativeKernelSpreader.create())
                .calculate(particles, request);
        Footprint viaJava = (Footprint) result;
        for (int i = 0; i < viaJava.values().length; i++) {
            assertEquals(viaJava.values()[i], viaNative.values()[i], "cell " + i + ": same result either way");
        }
    }

    /** The trajectory snippet of docs/java-api.md, with the met directory of the reference data. */
    @Test
    void docsTrajectorySnippetRuns() {
        Path metDir = TrajectoryCommandTest.REFERENCE.resolve("met");
        TrajectoryCommandTest.assumeHrrr();
        Path out = tmp.resolve("particles.nc");

        Instant time = Instant.parse("2019-05-30T11:00:00Z");
        List<Path> files = MetFileFinder.select(MetStream.of("hrrr", metDir, "%Y%m%d", "1 day"), time, -11)
                .requireCoverage();
        TrajectoryRequest request = new TrajectoryRequest(time, 40.77, -111.85, 5.0, Double.NaN, -11, 10, null, 1L,
                VerticalMotion.DATA, TrajectoryRequest.DEFAULT_MODEL_TOP_METERS);
        TransportKernel kernel = NativeTransportKernel.create(request.modelTopMeters());
        TrajectoryResult result;
        try (ArlFrameSource met = new ArlFrameSource(files.stream().map(ArlFile::open).toList(),
                request.modelTopMeters())) {
            result = new TrajectoryRunner(kernel).run(request, met);
            ParticleNetcdfWriter.write(result.particles(), out);
        }

        assertEquals(List.of(TrajectoryCommandTest.HRRR_A.getFileName(), TrajectoryCommandTest.HRRR_B.getFileName()),
                files.stream().map(Path::getFileName).toList());
        assertEquals(10, result.particleCount());
        assertEquals(6600, result.rowCount());
        assertEquals(0, result.stoppedEarlyCount());
        ParticleTable back = ParticleNetcdfReader.read(out, null);
        assertEquals(TrajectoryCommandTest.COLUMNS, back.columnNames());
        assertEquals("native", back.attributes().get("transport_kernel"));
    }

    @Test
    void docsHnfSnippetRuns() {
        Path file = tmp.resolve("particles.csv.gz");
        Map<String, double[]> c = new java.util.LinkedHashMap<>();
        c.put("time", new double[] {-2, -2, -1, -1});
        c.put("indx", new double[] {1, 2, 1, 2});
        c.put("foot", new double[] {0.002, 0.002, 0.002, 0.002});
        c.put("mlht", new double[] {1000, 1000, 1000, 1000});
        c.put("dens", new double[] {1.2, 1.2, 1.2, 1.2});
        c.put("samt", new double[] {1, 1, 1, 1});
        c.put("sigw", new double[] {0.3, 0.3, 0.3, 0.3});
        c.put("tlgr", new double[] {10, 0, 10, 10});
        ParticleCsvWriter.write(new ParticleTable(c), file);

        ParticleTable raw = ParticleFiles.read(file, null);
        ParticleTable diluted = PlumeDilution.apply(raw, PlumeDilutionParameters.rStilt(5.0, 0.5));
        ParticleTable column = PlumeDilution.apply(
                ColumnReleaseHeights.of(new double[] {5, 1000}, 300).appendTo(raw),
                PlumeDilutionParameters.rStilt(Double.NaN, 0.5));
        ParticleTable py = PlumeDilution.apply(raw,
                PlumeDilutionParameters.rStilt(5.0, 0.5).withNanPolicy(NanPolicy.PYSTILT));

        assertEquals(List.of(-1.0, -1.0, -2.0, -2.0), java.util.Arrays.stream(diluted.column("time")).boxed().toList());
        assertEquals(0.09414, diluted.column("foot")[0], 1e-5); // stilt-reference section 2.9 example
        assertTrue(Double.isNaN(diluted.column("foot")[3]), "tlgr = 0 at t=-2 of particle 2: NA in R");
        assertEquals(0.002, py.column("foot")[3], 0.0);
        assertEquals(List.of("indx", "time", "foot", "mlht", "dens", "samt", "sigw", "tlgr", "xhgt",
                "foot_no_hnf_dilution"), column.columnNames()); // as R-STILT e2e_c
        assertEquals(0.002, diluted.column(PlumeDilution.FOOT_NO_HNF_DILUTION)[0], 0.0);
    }
}
