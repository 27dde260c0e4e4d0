package org.stilt.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.stilt.core.InvalidInputException;
import org.stilt.core.UnreadableInputException;
import org.stilt.core.met.synth.SyntheticMetSpec;
import org.stilt.core.met.synth.SyntheticMetWriter;
import org.stilt.ffi.TransportBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stilt bench transport}: the transport kernel (mean motion, or with {@code --turbulence} the
 * STILT dispersion), Java reference against the
 * Fortran kernel through FFM, same run; prints particle-minutes per second and the ratio. With
 * {@code --global}: the native kernel on a synthetic global file, released at its seam against half
 * a turn away (the wrapped met reads' cost).
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
@Command(name = "transport", mixinStandardHelpOptions = true,
        description = "Benchmark the transport kernel: Java reference vs Fortran (FFM), same run.")
final class BenchTransportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--met-file", description = "Met file (default: the e2e_b met of ../shared/reference).")
    Path metFile;

    @Option(names = "--numpar", defaultValue = "500", description = "Particles (default: ${DEFAULT-VALUE}).")
    int numpar;

    @Option(names = "--hours", defaultValue = "24", description = "Hours backward (default: ${DEFAULT-VALUE}).")
    int hours;

    @Option(names = "--warmup", defaultValue = "1", description = "Untimed runs per kernel (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--iterations", defaultValue = "3", description = "Timed runs per kernel (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--threads", defaultValue = "1", description = "Also time the native kernel with the ensemble split"
            + " into this many particle chunks (default: ${DEFAULT-VALUE}: no).")
    int threads;

    @Option(names = "--turbulence", description = "Run the STILT dispersion (R-STILT defaults) instead of mean motion only.")
    boolean turbulence;

    @Option(names = "--global", description = "Instead: the native kernel on a synthetic global 1° file (written once"
            + " into --dir), released at its seam against half a turn away (docs/performance.md, \"Global grids\").")
    boolean global;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where --global keeps its synthetic file (default:"
            + " <java.io.tmpdir>/stilt-bench-global; ~100 MB for 24 h).")
    Path dir;

    @Override
    public Integer call() {
        if (warmup < 0 || iterations < 1 || numpar < 1 || hours < 1 || hours > 24) {
            throw new InvalidInputException("--warmup >= 0, --iterations >= 1, --numpar >= 1 and --hours 1..24"
                    + " expected (got " + warmup + ", " + iterations + ", " + numpar + ", " + hours + ")");
        }
        if (global) {
            spec.commandLine().getOut().print(globalBenchmark());
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        Path met = metFile != null ? metFile : defaultMet();
        spec.commandLine().getOut().print(TransportBenchmark.run(List.of(met),
                turbulence ? TransportBenchmark.defaultTurbulentRequest(numpar, hours)
                        : TransportBenchmark.defaultRequest(numpar, hours), warmup, iterations, Math.max(1, threads)));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    /** Start of the synthetic global file's first period. */
    private static final Instant GLOBAL_START = Instant.parse("2021-07-15T00:00:00Z");

    /**
     * The {@code --global} run: a GDAS-like synthetic file (1° lat/lon, 360 × 181 points from 90 S
     * and 0 E, 3-hourly, HRRR σ levels, a uniform 15 m/s west wind, the synthetic diurnal surface),
     * written once, then {@link TransportBenchmark#global} with releases at 40.5 N 0.5 E (the
     * backward particles cross the seam at 0 E within minutes) and 180.5 E.
     */
    private String globalBenchmark() {
        int periods = (hours + 2) / 3 + 1;
        Instant runTime = GLOBAL_START.plus(Duration.ofHours(3L * (periods - 1)));
        Path d = dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"), "stilt-bench-global");
        Path file = d.resolve("global-1deg-" + periods + "x3h.arl");
        if (!Files.isRegularFile(file)) {
            SyntheticMetSpec spec = SyntheticMetSpec.builder()
                    .grid(new SyntheticMetSpec.LatLonGrid(-90.0, 0.0, 1.0, 1.0, 360, 181))
                    .times(new SyntheticMetSpec.Times(GLOBAL_START, Duration.ofHours(3), periods))
                    .wind(SyntheticMetSpec.Wind.uniform(15.0, 0.0)).build();
            try {
                Files.createDirectories(d);
                Path partial = Files.createTempFile(d, "global-", ".partial");
                SyntheticMetWriter.write(spec, partial);
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UnreadableInputException("cannot write the synthetic global met file in " + d + ": "
                        + e.getMessage(), e);
            }
        }
        return TransportBenchmark.global(file, runTime, 40.5, 0.5, 180.5, numpar, hours, warmup, iterations);
    }

    private static Path defaultMet() {
        for (Path base : List.of(Path.of("../shared/reference"), Path.of("../../shared/reference"))) {
            Path p = base.resolve("e2e/e2e_b_shear_diurnal_24h/met_b_20210715.arl.gz");
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new UnreadableInputException("the e2e_b met file (../shared/reference/e2e/e2e_b_shear_diurnal_24h/"
                + "met_b_20210715.arl.gz) was not found from " + Path.of("").toAbsolutePath()
                + "; pass --met-file FILE (a met file covering 40.5 N 112 W on 2021-07-15/16)");
    }
}
