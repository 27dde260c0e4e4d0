package org.stilt.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.stilt.core.InvalidInputException;
import org.stilt.core.met.ArlFile;
import org.stilt.core.particles.ParticleTable;
import org.stilt.core.project.ProjectConfig;
import org.stilt.core.run.SimulationRunner;
import org.stilt.core.transport.ArlFrameSource;
import org.stilt.core.transport.MixedLayerOptions;
import org.stilt.core.transport.TrajectoryRequest;
import org.stilt.core.transport.TrajectoryResult;
import org.stilt.core.transport.TrajectoryRunner;
import org.stilt.core.transport.TransportKernel;
import org.stilt.core.transport.TurbulenceOptions;
import org.stilt.core.transport.VerticalMotion;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stilt trajectory}: one receptor's particle trajectories on ARL meteorology (R-STILT's
 * {@code calc_trajectory}: the STILT dispersion with foot, or deterministic with
 * {@code --no-turbulence}), written as a particle table.
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
@Command(name = "trajectory", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run one receptor's particle trajectories and write the particle table with foot (docs/cli.md).",
                "Turbulence (STILT dispersion, R-STILT's SETUP defaults) is on unless --no-turbulence."})
final class TrajectoryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--time", required = true, paramLabel = "TIME",
            description = "Receptor (release) time, ISO-8601 UTC, e.g. 2019-05-30T11:00:00Z.")
    String time;

    @Option(names = "--lat", required = true, paramLabel = "DEG", description = "Receptor latitude, degrees north.")
    double latitude;

    @Option(names = "--lon", required = true, paramLabel = "DEG", description = "Receptor longitude, degrees east.")
    double longitude;

    @Option(names = "--zagl", paramLabel = "M", description = "Release height (or column bottom), m above ground"
            + " (required unless --release-heights is given).")
    Double zaglMeters;

    @Option(names = "--zagl-top", paramLabel = "M",
            description = "Column top, m above ground: particles spread over --zagl..--zagl-top (stratified random).")
    Double zaglTopMeters;

    @Option(names = "--hours", required = true, paramLabel = "N",
            description = "Run length in hours, negative for backward runs (n_hours), e.g. -24.")
    int hours;

    @Option(names = "--numpar", paramLabel = "N", description = "Number of particles (numpar; default: the number"
            + " of heights in --release-heights).")
    Integer numpar;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Meteorology (one of):%n")
    TrajectoryMetOptions met;

    @Option(names = "--no-turbulence", description = "Deterministic trajectories (NTURB=1: no dispersion, no foot).")
    boolean noTurbulence;

    @Option(names = "--tlfrac", paramLabel = "F", defaultValue = "0.1",
            description = "Dispersion sub-step as a fraction of T_Lw (TLFRAC; default: ${DEFAULT-VALUE}).")
    double tlfrac;

    @Option(names = "--hscale", paramLabel = "S", defaultValue = "10800",
            description = "Horizontal Lagrangian time scale, s (HSCALE; default: ${DEFAULT-VALUE}).")
    double hscaleSeconds;

    @Option(names = "--veght", paramLabel = "H", defaultValue = "0.5", description = "Height below which particles"
            + " count for foot: a fraction of mlht (<= 1) or metres (> 1) (VEGHT; default: ${DEFAULT-VALUE}).")
    double veght;

    @Option(names = "--z0", paramLabel = "M", defaultValue = "0",
            description = "Roughness length for the Hanna time scales, m; 0 = the roughness table at each"
                    + " particle's nearest grid point (default).")
    double z0Meters;

    @Option(names = "--winderr", paramLabel = "SIGU,TLU,ZCOR,HORCOR", split = ",", description = "Transport error"
            + " run: wind error siguverr (m/s), tluverr (min), zcoruverr (m), horcoruverr (km) (R-STILT's WINDERR).")
    List<Double> windError;

    @Option(names = "--zierr", paramLabel = "SIGZI,TLZI,HORCOR", split = ",", description = "Transport error run:"
            + " mixed-layer height error sigzierr (%%), tlzierr (min), horcorzierr (km) (R-STILT's ZIERR).")
    List<Double> ziError;

    @Option(names = "--ziscale", paramLabel = "F,F,...", split = ",", description = "ZICONTROL: factor on the"
            + " mixed-layer height for simulation hour 1, 2, ... (later hours unscaled).")
    List<Double> ziScale;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "Split the ensemble into N"
            + " particle chunks advanced on N threads; the table is identical for any N (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--simulation-number", paramLabel = "N", defaultValue = "0", description = "Simulation number"
            + " that, with --seed, names the particles' random streams (default: ${DEFAULT-VALUE}).")
    long simulationNumber;

    @Option(names = "--release-heights", paramLabel = "FILE",
            description = "Release height of each particle, m AGL, one per line in particle order (# comments).")
    Path releaseHeights;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the random streams and the column release (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--w-option", paramLabel = "0..4", defaultValue = "0", description = "Vertical motion (w_option):"
            + " 0 data, 1 isobaric, 2 isentropic, 3 constant density, 4 isosigma (default: ${DEFAULT-VALUE}).")
    int wOption;

    @Option(names = "--z-top", paramLabel = "M", defaultValue = "25000",
            description = "Model top, m above ground (z_top, default: ${DEFAULT-VALUE}).")
    double zTopMeters;

    @Option(names = "--kmixd", paramLabel = "0|3", defaultValue = "3", description = "Mixed-layer depth (mlht):"
            + " 3 computed from the profile (bulk Richardson, R-STILT's default) or 0 the met file's PBLH"
            + " (default: ${DEFAULT-VALUE}).")
    int kmixd;

    @Option(names = "--kmix0", paramLabel = "M", defaultValue = "150",
            description = "Smallest mixed-layer depth, m (default: ${DEFAULT-VALUE}, as run_stilt.r).")
    double kmix0Meters;

    @Option(names = "--kernel", paramLabel = "KIND", defaultValue = "native",
            description = "Transport kernel: native (Fortran via FFM) or java; identical results"
                    + " (default: ${DEFAULT-VALUE}).")
    String kernel;

    @Option(names = "--varsiwant", paramLabel = "CODE,CODE,...", split = ",", description = "Columns to write, in"
            + " this order (R-STILT's varsiwant codes the kernels compute; must include time, indx, long, lati);"
            + " default: every column the kernel writes.")
    List<String> varsiwant;

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "Particle table to write: .nc/.nc4 (NetCDF particle file) or .csv/.csv.gz.")
    Path output;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        Instant runTime = MetFindCommand.parseTime(time);
        TransportKernelChoice choice = TransportKernelChoice.parse(kernel);
        TrajectoryOutput.checkName(output);
        checkVarsiwant();
        TrajectoryRequest request = request(runTime);
        MixedLayerOptions mixedLayer = new MixedLayerOptions(kmixd, kmix0Meters);
        List<Path> metFiles = met.resolve(runTime, hours);
        List<ArlFile> arl = new ArrayList<>();
        for (Path p : metFiles) {
            arl.add(ArlFile.open(p));
        }
        TransportKernel transport = choice.create(zTopMeters);
        TrajectoryResult result;
        try (ArlFrameSource source = new ArlFrameSource(arl, zTopMeters)) {
            result = new TrajectoryRunner(transport).withMixedLayer(mixedLayer).withThreads(threads).run(request, source);
        }
        ParticleTable table = varsiwant == null ? result.particles()
                : SimulationRunner.varsiwantColumns(result.particles(), varsiwant, null);
        TrajectoryOutput.write(table, attributes(request, transport, metFiles), output);
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %d particles, %d rows, %d left the domain,"
                        + " %.2f s, kernel %s%n", output, result.particleCount(), result.rowCount(),
                result.stoppedEarlyCount(), (System.nanoTime() - started) / 1e9, transport.name());
        return ExitCodes.OK;
    }

    /** {@code --varsiwant}: codes the kernels compute, with the position columns, each once. */
    private void checkVarsiwant() {
        if (varsiwant == null) {
            return;
        }
        ProjectConfig.requireKernelCodes(varsiwant, "--varsiwant", "the " + kernel + " transport kernel", "");
        for (String needed : List.of("time", "indx", "long", "lati")) {
            if (!varsiwant.contains(needed)) {
                throw new InvalidInputException("--varsiwant lacks \"" + needed + "\"; a particle table needs time,"
                        + " indx, long and lati");
            }
        }
        if (new java.util.HashSet<>(varsiwant).size() != varsiwant.size()) {
            throw new InvalidInputException("--varsiwant names a column twice: " + String.join(",", varsiwant));
        }
    }

    private TrajectoryRequest request(Instant runTime) {
        double[] heights = releaseHeights == null ? null : ReleaseHeightsFile.read(releaseHeights);
        if (heights != null && numpar != null && numpar != heights.length) {
            throw new InvalidInputException("release heights file " + releaseHeights + " holds " + heights.length
                    + " heights but --numpar is " + numpar + "; expected one height per particle");
        }
        int n = numpar != null ? numpar : heights != null ? heights.length : -1;
        if (n < 0) {
            throw new InvalidInputException("--numpar is required unless --release-heights gives one height per"
                    + " particle");
        }
        if (zaglMeters == null && heights == null) {
            throw new InvalidInputException("--zagl is required unless --release-heights gives the heights");
        }
        double bottom = zaglMeters != null ? zaglMeters : 0.0;
        double top = zaglTopMeters != null ? zaglTopMeters : Double.NaN;
        TurbulenceOptions turbulence = noTurbulence ? TurbulenceOptions.OFF
                : new TurbulenceOptions(true, seed, simulationNumber, tlfrac, hscaleSeconds, veght, z0Meters)
                        .withErrors(errorProcesses())
                        .withZiScale(ziScale == null ? new double[0]
                                : ziScale.stream().mapToDouble(Double::doubleValue).toArray());
        if (noTurbulence && (windError != null || ziError != null || ziScale != null)) {
            throw new InvalidInputException("--winderr, --zierr and --ziscale act on the dispersion; drop"
                    + " --no-turbulence to use them");
        }
        return new TrajectoryRequest(runTime, latitude, longitude, bottom, top, hours, n, heights, seed,
                VerticalMotion.ofCode(wOption), zTopMeters, turbulence);
    }

    private org.stilt.core.transport.ErrorProcesses errorProcesses() {
        if (windError != null && windError.size() != 4) {
            throw new InvalidInputException("--winderr takes 4 values (siguverr,tluverr,zcoruverr,horcoruverr); got "
                    + windError.size());
        }
        if (ziError != null && ziError.size() != 3) {
            throw new InvalidInputException("--zierr takes 3 values (sigzierr,tlzierr,horcorzierr); got "
                    + ziError.size());
        }
        return org.stilt.core.transport.ErrorProcesses.fromRStilt(
                windError == null ? null : windError.get(0), windError == null ? null : windError.get(1),
                windError == null ? null : windError.get(2), windError == null ? null : windError.get(3),
                ziError == null ? null : ziError.get(0), ziError == null ? null : ziError.get(1),
                ziError == null ? null : ziError.get(2));
    }

    private Map<String, String> attributes(TrajectoryRequest request, TransportKernel transport, List<Path> files) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("receptor_zagl", releaseHeights != null ? "from " + releaseHeights
                : request.isColumn() ? request.zaglBottomMeters() + " to " + request.zaglTopMeters()
                : Double.toString(request.zaglBottomMeters()));
        a.put("kernel", transport.name());
        a.put("turbulence", noTurbulence ? "off" : "on");
        if (!noTurbulence) {
            a.put("tlfrac", Double.toString(tlfrac));
            a.put("hscale", Double.toString(hscaleSeconds));
            a.put("veght", Double.toString(veght));
            a.put("z0", Double.toString(z0Meters));
            a.put("simulation_number", Long.toString(simulationNumber));
            if (windError != null) {
                a.put("winderr", windError.toString());
            }
            if (ziError != null) {
                a.put("zierr", ziError.toString());
            }
            if (ziScale != null) {
                a.put("ziscale", ziScale.toString());
            }
        }
        a.put("w_option", Integer.toString(request.verticalMotion().code()));
        a.put("z_top", Double.toString(request.modelTopMeters()));
        a.put("seed", Long.toString(request.seed()));
        a.put("met_files", String.join(";", files.stream().map(p -> p.toAbsolutePath().toString()).toList()));
        return a;
    }
}
