package org.stilt.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.stilt.core.InvalidInputException;
import org.stilt.core.UnreadableInputException;
import org.stilt.ffi.TransportBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stilt bench transport}: the transport kernel (mean motion, or with {@code --turbulence} the
 * STILT dispersion), Java reference against the
 * Fortran kernel through FFM, same run; prints particle-minutes per second and the ratio.
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

    @Override
    public Integer call() {
        if (warmup < 0 || iterations < 1 || numpar < 1 || hours < 1 || hours > 24) {
            throw new InvalidInputException("--warmup >= 0, --iterations >= 1, --numpar >= 1 and --hours 1..24"
                    + " expected (got " + warmup + ", " + iterations + ", " + numpar + ", " + hours + ")");
        }
        Path met = metFile != null ? metFile : defaultMet();
        spec.commandLine().getOut().print(TransportBenchmark.run(List.of(met),
                turbulence ? TransportBenchmark.defaultTurbulentRequest(numpar, hours)
                        : TransportBenchmark.defaultRequest(numpar, hours), warmup, iterations, Math.max(1, threads)));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
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
