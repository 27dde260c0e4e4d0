package org.stilt.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.stilt.core.InvalidInputException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stilt bench met-window}: times building a simulation's met window (docs/performance-met-window.md) on
 * synthetic HRRR-size files written once into a cache directory: cold on one thread and on all cores, cached, and
 * the baseline of unpacking the full fields in the same run.
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
@Command(name = "met-window", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Benchmark building a 24-hour met window on synthetic HRRR-size files (written once).")
final class BenchMetWindowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where the synthetic files are kept (default: <java.io.tmpdir>/stilt-bench-met-window; ~17 GB).")
    Path dir;

    @Option(names = "--hours", defaultValue = "24", description = "Window length in hours (default: ${DEFAULT-VALUE}).")
    int hours;

    @Option(names = "--width", defaultValue = "400", description = "Region width in grid points (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "300", description = "Region height in grid points (default: ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--lat", defaultValue = "40.7662", description = "Receptor latitude (default: ${DEFAULT-VALUE}).")
    double latitude;

    @Option(names = "--lon", defaultValue = "-111.8478", description = "Receptor longitude (default: ${DEFAULT-VALUE}).")
    double longitude;

    @Option(names = "--threads", description = "Threads of the parallel runs (default: all cores).")
    Integer threads;

    @Option(names = "--repeat", defaultValue = "3", description = "Cold runs per thread count (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Override
    public Integer call() {
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (hours < 1 || width < 2 || height < 2 || t < 1 || repeat < 1) {
            throw new InvalidInputException("--hours >= 1, --width/--height >= 2, --threads >= 1 and --repeat >= 1 are"
                    + " required (got " + hours + ", " + width + ", " + height + ", " + t + ", " + repeat + ")");
        }
        Path d = dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"), "stilt-bench-met-window");
        var out = spec.commandLine().getOut();
        new MetWindowBenchmark(new MetWindowBenchmark.Settings(d, hours, width, height, latitude, longitude, t, repeat),
                line -> {
                    out.println(line);
                    out.flush();
                }).run();
        return ExitCodes.OK;
    }
}
