package org.stilt.cli;

import java.util.concurrent.Callable;

import org.stilt.core.InvalidInputException;
import org.stilt.ffi.SpreaderBenchmark;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stilt bench spreader}: the kernel accumulation alone, Java against the Fortran kernel
 * through FFM, on synthetic shapes; prints ns per point-cell and the native/java ratio measured
 * in the same run.
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
@Command(name = "spreader", mixinStandardHelpOptions = true,
        description = "Benchmark the kernel accumulation: Java vs Fortran (FFM), same run.")
final class BenchSpreaderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--warmup", defaultValue = "20", description = "Untimed iterations (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--iterations", defaultValue = "50", description = "Timed iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Override
    public Integer call() {
        if (warmup < 0 || iterations < 1) {
            throw new InvalidInputException("--warmup must be >= 0 and --iterations >= 1 (got "
                    + warmup + ", " + iterations + ")");
        }
        spec.commandLine().getOut().println(SpreaderBenchmark.run(warmup, iterations));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
