package org.stilt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import org.stilt.core.InvalidInputException;
import org.stilt.core.met.catalog.CoverageMode;
import org.stilt.core.met.catalog.MetFileFinder;
import org.stilt.core.met.catalog.MetStream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stilt met find}: the met files a simulation would use (R-STILT {@code find_met_files}), one path per line,
 * after the coverage check; exit 8 when the files do not cover the run.
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
@Command(name = "find", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List the met files a simulation uses, one per line, in R-STILT's order "
                + "(find_met_files rules; see docs/met-catalog.md).",
                "Exits 8 when too few files are found or (unless --lenient) some required time has no file."})
final class MetFindCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--directory", required = true, paramLabel = "DIR",
            description = "Met directory, searched recursively (R-STILT met_path).")
    Path directory;

    @Option(names = "--format", required = true, paramLabel = "FMT",
            description = "strftime file name format, e.g. '%%Y%%m%%d.%%Hz.hrrra' (met_file_format); after expansion "
                    + "a regular expression searched anywhere in the path.")
    String format;

    @Option(names = "--resolution", required = true, paramLabel = "RES",
            description = "Time one file covers, e.g. '6 hours', '1 day', '3h' (met_file_tres).")
    String resolution;

    @Option(names = "--time", required = true, paramLabel = "TIME",
            description = "Receptor (start) time, ISO-8601 UTC, e.g. 2015-12-10T05:00:00Z.")
    String time;

    @Option(names = "--n-hours", required = true, paramLabel = "N",
            description = "Run length in hours, negative for backward runs, e.g. -24.")
    double nHours;

    @Option(names = "--min-files", paramLabel = "N", defaultValue = "1",
            description = "Fewest files accepted (n_met_min, default: ${DEFAULT-VALUE}).")
    int minFiles;

    @Option(names = "--lenient",
            description = "Check only --min-files, as R-STILT does; allow required times without a file.")
    boolean lenient;

    @Override
    public Integer call() {
        MetStream stream = MetStream.ofDirectory(directory, format, resolution, minFiles);
        List<Path> files = MetFileFinder.select(stream, parseTime(time), nHours)
                .requireCoverage(lenient ? CoverageMode.LENIENT : CoverageMode.STRICT);
        PrintWriter out = spec.commandLine().getOut();
        files.forEach(out::println);
        out.flush();
        return ExitCodes.OK;
    }

    static Instant parseTime(String text) {
        return CliTimes.parseUtc(text, "--time", "2015-12-10T05:00:00Z");
    }
}
