package org.stilt.core.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.stilt.core.EngineInfo;
import org.stilt.core.InvalidInputException;
import org.stilt.core.StiltException;
import org.stilt.core.footprint.EmptyFootprint;
import org.stilt.core.footprint.Footprint;
import org.stilt.core.footprint.FootprintCalculator;
import org.stilt.core.footprint.FootprintRequest;
import org.stilt.core.footprint.FootprintResult;
import org.stilt.core.footprint.KernelSpreader;
import org.stilt.core.hnf.ColumnReleaseHeights;
import org.stilt.core.hnf.PlumeDilution;
import org.stilt.core.hnf.PlumeDilutionParameters;
import org.stilt.core.met.ArlFile;
import org.stilt.core.met.catalog.MetFileFinder;
import org.stilt.core.met.catalog.MetSelection;
import org.stilt.core.MetUnavailableException;
import org.stilt.core.netcdf.FootprintNetcdfWriter;
import org.stilt.core.particles.ParticleFiles;
import org.stilt.core.particles.ParticleNetcdfWriter;
import org.stilt.core.particles.ParticleTable;
import org.stilt.core.project.AltitudeReference;
import org.stilt.core.project.FootprintGridConfig;
import org.stilt.core.project.MetStreamConfig;
import org.stilt.core.project.ProjectConfig;
import org.stilt.core.project.Receptor;
import org.stilt.core.project.SetupParameter;
import org.stilt.core.project.TransportErrors;
import org.stilt.core.transport.ArlFrameSource;
import org.stilt.core.transport.ErrorProcesses;
import org.stilt.core.transport.MixedLayerOptions;
import org.stilt.core.transport.TrajectoryRequest;
import org.stilt.core.transport.TrajectoryResult;
import org.stilt.core.transport.TrajectoryRunner;
import org.stilt.core.transport.TransportKernel;
import org.stilt.core.transport.TurbulenceOptions;

/**
 * Runs one complete STILT simulation (R-STILT's {@code simulation_step}; docs/run.md): met file selection
 * (R-STILT's {@code find_met_files} on each met stream) → {@link ArlFrameSource} → {@link TrajectoryRunner} →
 * hyper-near-field dilution ({@code hnf_plume}) → one footprint per named grid → outputs in R-STILT's layout:
 * <pre>
 *   out/by-id/&lt;sim_id&gt;/&lt;sim_id&gt;_traj.nc            particle table with receptor, parameters, met files
 *   out/by-id/&lt;sim_id&gt;/&lt;sim_id&gt;_&lt;grid&gt;_foot.nc     one per non-empty footprint grid
 *   out/by-id/&lt;sim_id&gt;/stilt.log                   what happened, failures with their typed reason
 *   out/by-id/&lt;sim_id&gt;/stilt-complete.properties  completion marker with the fingerprint, written last
 *   out/particles/, out/footprints/               relative symbolic links to the files above
 * </pre>
 * With {@link #hysplitExe} the trajectories come from the configuration's {@code hysplit_exe} instead
 * ({@code HysplitExecutable}). Every file is written under a temporary name and renamed. Failures are returned as data (a
 * {@link SimulationOutcome} with a {@link FailureReason}), never thrown, except for bugs in the caller's arguments.
 *
 * <p>Thread-safety: safe to share between worker threads; each {@link #run} works in its own simulation folder.
 * The transport kernel and the footprint spreader must be thread-safe (their contracts say they are).
 */
public final class SimulationRunner {

    /** The particle file name of a simulation: {@code <sim_id>_traj.nc}. */
    public static String particleFileName(String simulationId) {
        return simulationId + "_traj.nc";
    }

    /** The footprint file name of a simulation and grid: {@code <sim_id>_<grid>_foot.nc}. */
    public static String footprintFileName(String simulationId, String grid) {
        return simulationId + "_" + grid + "_foot.nc";
    }

    /** The particle file of the transport-error run ({@code hysplit-exe}): {@code <sim_id>_error_traj.nc}. */
    public static String errorParticleFileName(String simulationId) {
        return simulationId + "_error_traj.nc";
    }

    /** The message logged when the particle table has no {@code foot} column. */
    public static final String NO_FOOT_COLUMN = "transport produced no foot column";

    private static final ExecutorService TRANSPORT_THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stilt-transport");
        t.setDaemon(true);
        return t;
    });

    private final TransportKernel kernel;
    private final FootprintCalculator footprints;
    /** Particle-chunk threads of each simulation's transport ({@link TrajectoryRunner#withThreads}). */
    private final int transportThreads;

    /**
     * A runner with a transport kernel (e.g. {@code NativeTransportKernel.create(zTop)} from stilt-native, or
     * {@code new JavaTransportKernel(zTop)}) and a footprint spreader ({@code NativeKernelSpreader.create()} or
     * {@code new JavaKernelSpreader()}).
     */
    public SimulationRunner(TransportKernel kernel, KernelSpreader spreader) {
        this(Objects.requireNonNull(kernel, "kernel"), new FootprintCalculator(Objects.requireNonNull(spreader,
                "spreader")), 1);
    }

    private SimulationRunner(KernelSpreader spreader) {
        this(null, new FootprintCalculator(Objects.requireNonNull(spreader, "spreader")), 1);
    }

    private SimulationRunner(TransportKernel kernel, FootprintCalculator footprints, int transportThreads) {
        if (transportThreads < 1) {
            throw new InvalidInputException("transport threads " + transportThreads + "; expected at least 1");
        }
        this.kernel = kernel;
        this.footprints = footprints;
        this.transportThreads = transportThreads;
    }

    /**
     * The same runner splitting each simulation's particles over {@code n} threads (particle chunks;
     * identical results for any {@code n}). No effect when this runner drives {@code hysplit_exe}.
     */
    public SimulationRunner withTransportThreads(int n) {
        return new SimulationRunner(kernel, footprints, n);
    }

    /** Particle-chunk threads of each simulation's transport. */
    public int transportThreads() {
        return transportThreads;
    }

    /**
     * A runner that drives the configuration's {@code hysplit_exe} ({@code transport: hysplit-exe}) as R-STILT does,
     * instead of an in-process kernel.
     */
    public static SimulationRunner hysplitExe(KernelSpreader spreader) {
        return new SimulationRunner(spreader);
    }

    /** The transport kernel used, or null when this runner drives {@code hysplit_exe}. */
    public TransportKernel kernel() {
        return kernel;
    }

    private String kernelName() {
        return kernel == null ? "hysplit-exe" : kernel.name();
    }

    /** The folder of a simulation: {@code <outDir>/by-id/<sim_id>}. */
    public static Path simulationDir(Path outDir, String simulationId) {
        return outDir.resolve("by-id").resolve(simulationId);
    }

    /**
     * True when the simulation folder holds a completion marker with {@code spec}'s fingerprint and every file it
     * lists: the simulation is complete for this configuration.
     */
    public static boolean isComplete(SimulationSpec spec, Path outDir) {
        Path dir = simulationDir(outDir, spec.simulationId());
        CompletionMarker m = CompletionMarker.read(dir);
        return m != null && m.fingerprint().equals(spec.fingerprint()) && m.filesPresent(dir);
    }

    /**
     * The trajectory request of a simulation: the one place where the configuration becomes transport input.
     * Turbulence follows {@code setup.nturb} (0 = on, with {@code seed}, the simulation's stream number and the
     * SETUP values {@code tlfrac}, {@code hscale}, {@code veght}; 1 = off).
     *
     * Altitudes above sea level ({@code altitude_ref: msl} or {@code setup.kmsl: 1}) are converted to heights above the
     * terrain at the receptor when the particles are placed.
     */
    public static TrajectoryRequest trajectoryRequest(SimulationSpec spec) {
        ProjectConfig c = spec.config();
        Receptor r = spec.receptor();
        double top = r.altitudeTopMeters() == null ? Double.NaN : r.altitudeTopMeters();
        TrajectoryRequest request = new TrajectoryRequest(r.time(), r.latitudeDegrees(), r.longitudeDegrees(),
                r.altitudeMeters(), top, c.nHours(), c.numpar(), null, c.seed() ^ spec.streamNumber(), c.wOption(),
                c.zTopMeters());
        boolean turbulence = turbulenceOn(c);
        TurbulenceOptions t = turbulence
                ? new TurbulenceOptions(true, c.seed(), spec.streamNumber(), c.setup().tlfrac(),
                c.setup().hscaleSeconds(), c.setup().veghtFraction(), TurbulenceOptions.DEFAULT_Z0_METERS)
                        .withZiScale(c.zicontroltf() ? c.ziscale().stream().mapToDouble(Double::doubleValue).toArray()
                                : new double[0])
                : TurbulenceOptions.OFF;
        return request.withTurbulence(t).withHeightsAboveSeaLevel(r.altitudeRef() == AltitudeReference.MSL);
    }

    /**
     * The request of the transport-error run (R-STILT's second run with WINDERRTF = 1, 2 or 3): the main request with
     * the {@code transport_error} processes; null when {@code transport_error} is off or turbulence is off
     * ({@code setup.nturb: 1}: the error processes act on the dispersion).
     */
    public static TrajectoryRequest errorRequest(SimulationSpec spec) {
        TransportErrors e = spec.config().transportError();
        TrajectoryRequest main = trajectoryRequest(spec);
        if (e.winderrtf() == 0 || !main.turbulence().enabled()) {
            return null;
        }
        return main.withTurbulence(main.turbulence().withErrors(ErrorProcesses.fromRStilt(e.siguverrMetersPerSecond(),
                e.tluverrMinutes(), e.zcoruverrMeters(), e.horcoruverrKilometers(), e.sigzierrPercent(),
                e.tlzierrMinutes(), e.horcorzierrKilometers())));
    }

    /** The mixed-layer rule of the configuration ({@code setup.kmixd}, {@code setup.kmix0}). */
    public static MixedLayerOptions mixedLayer(ProjectConfig c) {
        return new MixedLayerOptions(c.setup().kmixd(), c.setup().kmix0Meters());
    }

    private enum Stage { SETUP, MET_SELECTION, MET_READ, TRANSPORT, DILUTION, FOOTPRINT, OUTPUT }

    /**
     * Runs the simulation into {@code <outDir>/by-id/<sim_id>/}, replacing an earlier result of it.
     *
     * @return the outcome; failures are returned, not thrown
     */
    public SimulationOutcome run(SimulationSpec spec, Path outDir) {
        long started = System.nanoTime();
        String id = spec.simulationId();
        Path dir = simulationDir(outDir, id);
        SimulationLog log;
        try {
            Files.createDirectories(dir);
            CompletionMarker.delete(dir);
            removeTemporaryFiles(dir);
            log = new SimulationLog(dir);
            log.line("simulation " + id + ": " + EngineInfo.nameAndVersion() + ", kernel " + kernelName()
                    + ", fingerprint " + spec.fingerprint());
        } catch (IOException | UncheckedIOException e) {
            return SimulationOutcome.failed(id, FailureReason.OUTPUT_ERROR, "cannot prepare " + dir + ": "
                    + e.getMessage(), elapsed(started));
        }
        Stage[] stage = {Stage.SETUP};
        try {
            return compute(spec, outDir, dir, log, stage, started);
        } catch (Throwable e) {
            FailureReason reason = classify(e, stage[0]);
            String message = message(e);
            try {
                log.line("FAILED " + reason + " (" + stage[0].name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + "): " + message);
                if (reason == FailureReason.INTERNAL) {
                    StringWriter sw = new StringWriter();
                    e.printStackTrace(new PrintWriter(sw));
                    log.line(sw.toString());
                }
            } catch (UncheckedIOException ignored) {
                // the outcome still carries the message
            }
            if (e instanceof Error err && !(e instanceof StackOverflowError) && !(e instanceof OutOfMemoryError)) {
                throw err;
            }
            return SimulationOutcome.failed(id, reason, message, elapsed(started));
        }
    }

    private SimulationOutcome compute(SimulationSpec spec, Path outDir, Path dir, SimulationLog log, Stage[] stage,
                                      long started) throws IOException, InterruptedException {
        ProjectConfig c = spec.config();
        String id = spec.simulationId();
        Path particleFile = dir.resolve(particleFileName(id));
        ParticleTable table;
        List<Path> metFiles = List.of();
        List<String> errorFiles = new ArrayList<>();
        if (c.runTrajec()) {
            stage[0] = Stage.SETUP;
            TrajectoryRequest request = trajectoryRequest(spec);
            for (String note : ignoredSettings(c, kernel == null)) {
                log.line("note: " + note);
            }
            for (FootprintGridConfig g : c.footprints().values()) {
                Files.deleteIfExists(dir.resolve(footprintFileName(id, g.name())));
            }
            Files.deleteIfExists(particleFile);
            Files.deleteIfExists(dir.resolve(errorParticleFileName(id)));
            Files.deleteIfExists(outDir.resolve("particles").resolve(particleFile.getFileName()));
            stage[0] = Stage.MET_SELECTION;
            metFiles = selectMet(spec);
            log.line("met files: " + String.join(", ", metFiles.stream().map(Path::toString).toList()));
            ParticleTable errorTable = null;
            if (kernel == null) {
                stage[0] = Stage.TRANSPORT;
                HysplitExecutable.Result hr = HysplitExecutable.run(spec, dir, metFiles, log);
                table = hr.particles();
                errorTable = hr.errorParticles();
                log.line("transport: hysplit-exe wrote " + table.rowCount() + " particle rows"
                        + (errorTable == null ? "" : ", " + errorTable.rowCount() + " in the transport-error run"));
            } else {
                stage[0] = Stage.MET_READ;
                List<ArlFile> arl = new ArrayList<>();
                for (Path p : metFiles) {
                    arl.add(ArlFile.open(p));
                }
                stage[0] = Stage.TRANSPORT;
                TrajectoryResult result = transport(request, arl, c);
                log.line("transport: " + result.particleCount() + " particles, " + result.rowCount() + " rows, "
                        + result.stoppedEarlyCount() + " left the met grid, "
                        + (transportThreads > 1 ? transportThreads + " particle chunks on as many threads, " : "")
                        + "turbulence "
                        + (request.turbulence().enabled() ? "on" : "off")
                        + (request.turbulence().ziScale().length > 0 ? ", ZICONTROL" : ""));
                table = varsiwantColumns(result.particles(), c.varsiwant(), log);
                TrajectoryRequest errorRequest = errorRequest(spec);
                if (errorRequest != null) {
                    TrajectoryResult er = transport(errorRequest, arl, c);
                    log.line("transport-error run (WINDERRTF=" + c.transportError().winderrtf() + "): "
                            + er.rowCount() + " rows");
                    errorTable = varsiwantColumns(er.particles(), c.varsiwant(), null);
                }
            }
            stage[0] = Stage.DILUTION;
            table = dilute(table, spec, log);
            if (errorTable != null) {
                errorTable = dilute(errorTable, spec, log);
            }
            stage[0] = Stage.OUTPUT;
            table = withAttributes(table, spec, request, metFiles);
            ParticleNetcdfWriter.write(table, particleFile);
            log.line("wrote " + particleFile.getFileName());
            if (errorTable != null) {
                Path errorFile = dir.resolve(errorParticleFileName(id));
                Map<String, String> extra = new LinkedHashMap<>(withAttributes(errorTable, spec, request, metFiles)
                        .attributes());
                extra.put("winderrtf", Integer.toString(c.transportError().winderrtf()));
                Map<String, double[]> cols = new LinkedHashMap<>();
                for (String name : errorTable.columnNames()) {
                    cols.put(name, errorTable.column(name));
                }
                ParticleNetcdfWriter.write(new ParticleTable(cols, extra), errorFile);
                errorFiles.add(errorFile.getFileName().toString());
                log.line("wrote " + errorFile.getFileName() + " (transport-error run; not used for footprints)");
            }
        } else {
            stage[0] = Stage.SETUP;
            if (!Files.isRegularFile(particleFile)) {
                throw new InvalidInputException("run_trajec is false but " + particleFile + " does not exist; run"
                        + " with run_trajec: true first");
            }
            table = ParticleFiles.read(particleFile, null);
            log.line("run_trajec false: reusing " + particleFile.getFileName());
        }
        link(outDir.resolve("particles"), dir, particleFile, log);

        List<String> files = new ArrayList<>();
        files.add(particleFile.getFileName().toString());
        files.addAll(errorFiles);
        boolean anyFootprint = false;
        List<String> empties = new ArrayList<>();
        if (c.runFoot()) {
            stage[0] = Stage.FOOTPRINT;
            for (FootprintGridConfig g : c.footprints().values()) {
                Path out = dir.resolve(footprintFileName(id, g.name()));
                Files.deleteIfExists(out);
                Files.deleteIfExists(outDir.resolve("footprints").resolve(out.getFileName()));
                if (!table.hasColumn("foot")) {
                    // a particle file without foot (run_trajec: false on a file from elsewhere)
                    log.line("footprint " + g.name() + ": empty: " + NO_FOOT_COLUMN);
                    empties.add(g.name());
                    continue;
                }
                FootprintRequest req = new FootprintRequest(g.domain(), spec.receptor().time(), g.smoothFactor(),
                        g.timeIntegrate());
                FootprintResult fr = footprints.calculate(table, req);
                switch (fr) {
                    case Footprint fp -> {
                        stage[0] = Stage.OUTPUT;
                        FootprintNetcdfWriter.write(fp, out, footprintAttributes(spec, g, metFiles));
                        stage[0] = Stage.FOOTPRINT;
                        log.line("footprint " + g.name() + ": wrote " + out.getFileName() + " (total "
                                + String.format(Locale.ROOT, "%.6g", fp.total()) + ")");
                        files.add(out.getFileName().toString());
                        link(outDir.resolve("footprints"), dir, out, log);
                        anyFootprint = true;
                    }
                    case EmptyFootprint e -> {
                        log.line("footprint " + g.name() + ": empty: " + e.reason());
                        empties.add(g.name());
                    }
                }
            }
        }
        SimulationStatus status = c.runFoot() && !anyFootprint ? SimulationStatus.EMPTY : SimulationStatus.DONE;
        stage[0] = Stage.OUTPUT;
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("interrupted before the completion marker was written");
        }
        new CompletionMarker(spec.fingerprint(), status, files).write(dir);
        String summary = status == SimulationStatus.EMPTY
                ? "complete-empty: every footprint is empty (" + String.join(", ", empties) + ")"
                : "complete: " + String.join(", ", files) + (empties.isEmpty() ? "" : "; empty: "
                + String.join(", ", empties));
        log.line(summary);
        List<Path> paths = new ArrayList<>(files.stream().map(dir::resolve).toList());
        paths.add(log.file());
        return new SimulationOutcome(id, status, null, summary, elapsed(started), paths);
    }

    /** Settings of the configuration that the pipeline does not honour yet (logged, never silently dropped). */
    static List<String> ignoredSettings(ProjectConfig c, boolean hysplitExe) {
        List<String> notes = new ArrayList<>();
        boolean turbulence = turbulenceOn(c);
        if (c.transportError().winderrtf() > 0 && !hysplitExe && !turbulence) {
            notes.add("transport_error is set but turbulence is off (setup.nturb 1): no transport-error run");
        }
        if (c.metSubgridEnable()) {
            notes.add("met_subgrid_enable has no effect: the kernels read only a window around the particles anyway");
        }
        return notes;
    }

    private static List<Path> selectMet(SimulationSpec spec) {
        MetUnavailableException first = null;
        for (MetStreamConfig m : spec.config().met().values()) {
            MetSelection s = MetFileFinder.select(m.toMetStream(spec.projectDir()), spec.receptor().time(),
                    spec.config().nHours());
            try {
                return s.requireCoverage();
            } catch (MetUnavailableException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first == null) {
            throw new InvalidInputException("met has no streams; run_trajec needs at least one");
        }
        throw first;
    }

    private TrajectoryResult transport(TrajectoryRequest request, List<ArlFile> arl, ProjectConfig c)
            throws InterruptedException {
        TrajectoryRunner runner = new TrajectoryRunner(kernel).withMixedLayer(mixedLayer(c)).withThreads(transportThreads);
        Future<TrajectoryResult> f = TRANSPORT_THREADS.submit(() -> {
            try (ArlFrameSource source = new ArlFrameSource(arl, request.modelTopMeters())) {
                return runner.run(request, source);
            }
        });
        try {
            return f.get(c.timeoutSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new SimulationTimeoutException(c.timeoutSeconds());
        } catch (InterruptedException e) {
            f.cancel(true);
            throw e;
        } catch (CancellationException e) {
            throw new InterruptedException("transport cancelled");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * The kernel's particle table reduced to the {@code varsiwant} columns, in that order, as
     * R-STILT's table read from hycs_std's {@code PARTICLE_STILT.DAT} (stilt-reference §2.5, §3.4;
     * dilution adds {@code foot_no_hnf_dilution} and {@code xhgt} after this). The kernels compute
     * every code of {@link ProjectConfig#KERNEL_VARSIWANT}, which the configuration enforces; with
     * turbulence off they do not produce {@code foot, samt, sigw, tlgr}, which are then 0 in every
     * row, as hycs_std prints them with NTURB = 1 (the det_* reference tables), and {@code log} (when
     * given) says so. Also behind {@code stilt trajectory --varsiwant}.
     */
    public static ParticleTable varsiwantColumns(ParticleTable table, List<String> varsiwant, SimulationLog log) {
        Map<String, double[]> cols = new LinkedHashMap<>();
        List<String> zero = new ArrayList<>();
        for (String name : varsiwant) {
            if (table.hasColumn(name)) {
                cols.put(name, table.column(name));
            } else if (TrajectoryRunner.TURBULENCE_COLUMNS.contains(name)) {
                cols.put(name, new double[table.rowCount()]);
                zero.add(name);
            } else {
                throw new IllegalStateException("the transport kernel wrote no " + name + " column (it writes "
                        + table.columnNames() + ")");
            }
        }
        if (log != null && !zero.isEmpty()) {
            log.line("turbulence off: " + String.join(", ", zero) + " are 0 in every row (as hycs_std with NTURB=1)");
        }
        return new ParticleTable(cols, table.attributes());
    }

    /** Whether {@code setup.nturb} turns the dispersion on (0, R-STILT's default). */
    private static boolean turbulenceOn(ProjectConfig c) {
        return c.setup().integer(SetupParameter.NTURB) == 0;
    }

    private static ParticleTable dilute(ParticleTable table, SimulationSpec spec, SimulationLog log) {
        ProjectConfig c = spec.config();
        if (!c.hnfPlume()) {
            return table;
        }
        if (!turbulenceOn(c)) {
            // foot, sigw and tlgr are 0: R-STILT's formula would turn every foot into NaN (its "− 1" term)
            log.line("hnf_plume: not applied: turbulence off (foot is 0)");
            return table;
        }
        List<String> missing = PlumeDilution.REQUIRED_COLUMNS.stream().filter(n -> !table.hasColumn(n)).toList();
        if (!missing.isEmpty()) {
            log.line("hnf_plume: not applied: the particle table lacks " + missing);
            return table;
        }
        Receptor r = spec.receptor();
        double veght = c.setup().veghtFraction();
        if (r.isColumn()) {
            ParticleTable withX = ColumnReleaseHeights.of(new double[] {r.altitudeMeters(), r.altitudeTopMeters()},
                    c.numpar()).appendTo(table);
            log.line("hnf_plume: applied (column receptor, xhgt per particle)");
            return PlumeDilution.apply(withX, PlumeDilutionParameters.rStilt(Double.NaN, veght));
        }
        log.line("hnf_plume: applied");
        return PlumeDilution.apply(table, PlumeDilutionParameters.rStilt(r.altitudeMeters(), veght));
    }

    private ParticleTable withAttributes(ParticleTable table, SimulationSpec spec, TrajectoryRequest request,
                                         List<Path> metFiles) {
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (String name : table.columnNames()) {
            cols.put(name, table.column(name));
        }
        Map<String, String> a = new LinkedHashMap<>(table.attributes());
        a.putAll(commonAttributes(spec, metFiles));
        Receptor r = spec.receptor();
        a.put("receptor_time", r.time().toString());
        a.put("receptor_latitude", Double.toString(r.latitudeDegrees()));
        a.put("receptor_longitude", Double.toString(r.longitudeDegrees()));
        a.put("receptor_altitude", Double.toString(r.altitudeMeters()));
        a.put("receptor_altitude_top", r.altitudeTopMeters() == null ? "NA" : r.altitudeTopMeters().toString());
        a.put("receptor_altitude_ref", r.altitudeRef().name().toLowerCase(Locale.ROOT));
        a.put("turbulence", request.turbulence().enabled() ? "on" : "off (NTURB=1)");
        a.put("receptor_zagl", r.isColumn() ? r.altitudeMeters() + " to " + r.altitudeTopMeters()
                : Double.toString(r.altitudeMeters()));
        a.put("stream_number", Long.toString(spec.streamNumber()));
        StringBuilder cfg = new StringBuilder();
        spec.config().effectiveEntries().forEach((k, v) -> cfg.append(k).append(": ").append(v).append('\n'));
        a.put("parameters", cfg.toString());
        return new ParticleTable(cols, a);
    }

    private Map<String, String> commonAttributes(SimulationSpec spec, List<Path> metFiles) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("simulation_id", spec.simulationId());
        a.put("config_fingerprint", spec.config().fingerprint());
        a.put("simulation_fingerprint", spec.fingerprint());
        a.put("kernel", kernelName());
        a.put("met_files", String.join(";", metFiles.stream().map(p -> p.toAbsolutePath().toString()).toList()));
        return a;
    }

    private Map<String, String> footprintAttributes(SimulationSpec spec, FootprintGridConfig g, List<Path> metFiles) {
        Map<String, String> a = commonAttributes(spec, metFiles);
        Receptor r = spec.receptor();
        // the names stilt trajectory / stilt footprint use; stilt plot draws the receptor from the first two
        a.put("receptor_lati", Double.toString(r.latitudeDegrees()));
        a.put("receptor_long", Double.toString(r.longitudeDegrees()));
        a.put("receptor_zagl", r.isColumn() ? r.altitudeMeters() + " to " + r.altitudeTopMeters()
                : Double.toString(r.altitudeMeters()));
        a.put("run_time", r.time().toString());
        a.put("footprint_grid", g.name());
        a.put("particle_file", particleFileName(spec.simulationId()));
        return a;
    }

    /** {@code linkDir/<file name>} → relative link to {@code file}; a file system without links only logs it. */
    private static void link(Path linkDir, Path simDir, Path file, SimulationLog log) {
        try {
            Files.createDirectories(linkDir);
            Path link = linkDir.resolve(file.getFileName());
            Path target = linkDir.relativize(file);
            Path tmp = linkDir.resolve("." + file.getFileName() + "." + Thread.currentThread().threadId() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createSymbolicLink(tmp, target);
            Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UnsupportedOperationException e) {
            log.line("warning: cannot link " + file + " into " + linkDir + ": " + e);
        }
    }

    private static void removeTemporaryFiles(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path p : s) {
                Files.deleteIfExists(p);
            }
        }
    }

    static FailureReason classify(Throwable e, Stage stage) {
        if (e instanceof SimulationTimeoutException) {
            return FailureReason.TIMEOUT;
        }
        if (e instanceof InterruptedException || e instanceof java.nio.channels.ClosedByInterruptException) {
            return FailureReason.INTERRUPTED;
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            return stage == Stage.MET_READ ? FailureReason.MET_UNREADABLE : FailureReason.OUTPUT_ERROR;
        }
        if (e instanceof StiltException se) {
            return switch (se.kind()) {
                case MET_UNAVAILABLE -> stage == Stage.MET_SELECTION ? FailureReason.MET_MISSING
                        : FailureReason.OUTSIDE_MET;
                case INPUT_UNREADABLE -> stage == Stage.MET_READ || stage == Stage.TRANSPORT
                        ? FailureReason.MET_UNREADABLE : FailureReason.INVALID_INPUT;
                case KERNEL_FAILED, NATIVE_UNAVAILABLE -> FailureReason.KERNEL_ERROR;
                case INVALID_INPUT -> FailureReason.INVALID_INPUT;
                case OUTPUT_FAILED -> FailureReason.OUTPUT_ERROR;
                case CANCELLED -> FailureReason.INTERRUPTED;
                case INTERNAL, REGISTRY_UNAVAILABLE, SCHEDULER_FAILED -> FailureReason.INTERNAL;
            };
        }
        return FailureReason.INTERNAL;
    }

    private static String message(Throwable e) {
        if (e instanceof InterruptedException || e instanceof java.nio.channels.ClosedByInterruptException) {
            return "interrupted (Ctrl-C or cancel) before the simulation completed; rerun to resume";
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return e instanceof StiltException ? m
                : e.getClass().getSimpleName() + ": " + m;
    }

    private static Duration elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** The trajectory run exceeded {@code timeout}. */
    static final class SimulationTimeoutException extends StiltException {
        private static final long serialVersionUID = 1L;

        SimulationTimeoutException(int seconds) {
            super(Kind.KERNEL_FAILED, "the trajectory run took longer than timeout = " + seconds + " s; raise"
                    + " timeout in config.yaml or shorten n_hours / lower numpar");
        }
    }
}
