package org.stilt.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.stilt.core.InvalidInputException;
import org.stilt.core.UnreadableInputException;
import org.stilt.core.footprint.EmptyFootprint;
import org.stilt.core.footprint.Footprint;
import org.stilt.core.footprint.FootprintCalculator;
import org.stilt.core.footprint.FootprintDomain;
import org.stilt.core.footprint.FootprintRequest;
import org.stilt.core.footprint.FootprintResult;
import org.stilt.core.footprint.KernelSpreader;
import org.stilt.core.netcdf.FootprintNetcdfWriter;
import org.stilt.core.particles.ParticleFiles;
import org.stilt.core.particles.ParticleTable;
import org.stilt.ffi.NativeKernelSpreader;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stilt footprint}: R-STILT's {@code calc_footprint} on a particle table, written as a
 * NetCDF-4 footprint in R-STILT's layout.
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
@Command(name = "footprint", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compute a footprint from a particle table (R-STILT calc_footprint).",
                "Exits 0 also when the footprint is empty (no particle with foot > 0 in the domain):",
                "then it says so and writes no file, as R-STILT does."})
final class FootprintCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--particles", required = true, paramLabel = "FILE",
            description = "Particle table: CSV (.csv or .csv.gz, header row with time,indx,long,lati,foot) "
                    + "or the engine's NetCDF particle file (.nc).")
    Path particles;

    @Option(names = "--xmn", required = true, paramLabel = "X", description = "Western edge, degrees east.")
    double xmn;

    @Option(names = "--xmx", required = true, paramLabel = "X",
            description = "Eastern edge, degrees east (xmx < xmn or > 180 crosses the antimeridian).")
    double xmx;

    @Option(names = "--ymn", required = true, paramLabel = "Y", description = "Southern edge, degrees north.")
    double ymn;

    @Option(names = "--ymx", required = true, paramLabel = "Y", description = "Northern edge, degrees north.")
    double ymx;

    @Option(names = "--xres", required = true, paramLabel = "R",
            description = "Cell width: degrees for lon/lat, projection units (m) for projected grids.")
    double xres;

    @Option(names = "--yres", paramLabel = "R", description = "Cell height (default: xres).")
    Double yres;

    @Option(names = "--projection", paramLabel = "PROJ", defaultValue = FootprintDomain.LONGLAT,
            description = "PROJ string of the output grid, e.g. '+proj=lcc +lat_1=33 +lat_2=45 +lat_0=40 "
                    + "+lon_0=-97 +datum=WGS84 +units=m' (default: ${DEFAULT-VALUE}). Edges stay in degrees.")
    String projection;

    @Option(names = "--smooth-factor", paramLabel = "F", defaultValue = "1",
            description = "Kernel bandwidth scale, 0 = no smoothing (default: ${DEFAULT-VALUE}).")
    double smoothFactor;

    @Option(names = "--time-integrate", description = "One time-integrated layer instead of hourly layers.")
    boolean timeIntegrate;

    @Option(names = "--run-time", required = true, paramLabel = "TIME",
            description = "Receptor time in UTC, ISO-8601, e.g. 2015-12-10T00:00:00Z.")
    String runTime;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Footprint NetCDF file to write.")
    Path output;

    @Option(names = "--kernel", paramLabel = "KIND", defaultValue = "auto",
            description = "Kernel accumulation: auto (native, else java), native (Fortran via FFM) or java; "
                    + "identical results (default: ${DEFAULT-VALUE}).")
    String kernel;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing on success.")
    boolean quiet;

    /** Receptor attributes of a particle file (stilt trajectory's) carried into the footprint, e.g. for stilt plot. */
    static final List<String> RECEPTOR_ATTRIBUTES = List.of("run_time", "receptor_lati", "receptor_long",
            "receptor_zagl");

    @Override
    public Integer call() {
        long started = System.nanoTime();
        Instant time = parseRunTime(runTime);
        KernelChoice choice = parseKernel(kernel);
        FootprintDomain domain = new FootprintDomain(xmn, xmx, ymn, ymx, xres, yres == null ? xres : yres, projection);
        FootprintRequest request = new FootprintRequest(domain, time, smoothFactor, timeIntegrate);
        if (!Files.isReadable(particles)) {
            throw new UnreadableInputException("particle file " + particles + " does not exist or is not readable");
        }
        ParticleTable table = ParticleFiles.read(particles, ParticleTable.FOOTPRINT_COLUMNS);
        KernelSpreader spreader = choice.create(spec.commandLine().getErr());
        FootprintResult result = new FootprintCalculator(spreader).calculate(table, request);
        var out = spec.commandLine().getOut();
        if (result instanceof EmptyFootprint empty) {
            if (!quiet) {
                out.println("empty footprint: " + empty.reason() + "; no file written ("
                        + EmptyFootprint.RSTILT_MESSAGE + ")");
            }
            return ExitCodes.OK;
        }
        Footprint fp = (Footprint) result;
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("source_particles", particles.toAbsolutePath().toString());
        for (String key : RECEPTOR_ATTRIBUTES) {
            String value = table.attributes().get(key);
            if (value != null) {
                attributes.put(key, value);
            }
        }
        attributes.put("kernel_accumulation", spreader.name());
        if (spreader instanceof NativeKernelSpreader nativeSpreader) {
            attributes.put("kernel_library_abi", Integer.toString(nativeSpreader.libraryInfo().abiVersion()));
            attributes.put("kernel_library_sha256", nativeSpreader.libraryInfo().sha256());
        }
        FootprintNetcdfWriter.write(fp, output, attributes);
        if (!quiet) {
            long nonZero = 0;
            for (double v : fp.values()) {
                if (v != 0) {
                    nonZero++;
                }
            }
            out.printf(Locale.ROOT, "wrote %s: %d x %d cells x %d layer(s), %d non-zero, total %.6g, "
                            + "%d particles%s, %.2f s%n",
                    output, fp.x().length, fp.y().length, fp.timesEpochSeconds().length, nonZero, fp.total(),
                    fp.particleCount(), fp.deviations().isEmpty() ? "" : "; deviations from R-STILT: "
                            + String.join("; ", fp.deviations()),
                    (System.nanoTime() - started) / 1e9);
        }
        return ExitCodes.OK;
    }

    /** Parses an ISO-8601 instant; a time without zone is taken as UTC. */
    static Instant parseRunTime(String text) {
        return CliTimes.parseUtc(text, "--run-time", "2015-12-10T00:00:00Z");
    }

    static KernelChoice parseKernel(String text) {
        try {
            return KernelChoice.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--kernel must be auto, native or java (got '" + text + "')");
        }
    }
}
