package org.stilt.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.stilt.core.met.catalog.CoverageMode;
import org.stilt.core.met.catalog.MetFileFinder;
import org.stilt.core.met.catalog.MetStream;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where {@code stilt trajectory} takes its meteorology from: explicit ARL files ({@code --met-file}), or a met
 * directory searched as R-STILT's {@code find_met_files} does ({@code --met-dir}, {@code --met-format},
 * {@code --met-tres}; see docs/met-catalog.md). Exactly one of the two.
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
final class TrajectoryMetOptions {

    @ArgGroup(exclusive = false, multiplicity = "1")
    Files files;

    @ArgGroup(exclusive = false, multiplicity = "1")
    Catalog catalog;

    /** Explicit met files. */
    static final class Files {
        @Option(names = "--met-file", required = true, arity = "1..*", paramLabel = "FILE",
                description = "ARL met file(s), any order, one grid; repeat or list several.")
        List<Path> paths;
    }

    /** A met directory searched with R-STILT's rules. */
    static final class Catalog {
        @Option(names = "--met-dir", required = true, paramLabel = "DIR",
                description = "Met directory, searched recursively (R-STILT met_path).")
        Path directory;

        @Option(names = "--met-format", required = true, paramLabel = "FMT",
                description = "strftime file name format (met_file_format), e.g. '%%Y%%m%%d.%%Hz.hrrra'.")
        String format;

        @Option(names = "--met-tres", required = true, paramLabel = "RES",
                description = "Time one file covers (met_file_tres), e.g. '1d', '6 hours'.")
        String resolution;

        @Option(names = "--met-min-files", paramLabel = "N", defaultValue = "1",
                description = "Fewest files accepted (n_met_min, default: ${DEFAULT-VALUE}).")
        int minFiles;
    }

    /**
     * The met files for a run: the explicit ones, or those the catalog selects for the receptor time and run length
     * (strict coverage: every required time must have a file).
     *
     * @throws org.stilt.core.MetUnavailableException when the catalog finds too few files or a required time has none
     */
    List<Path> resolve(Instant receptorTime, int hours) {
        if (files != null) {
            return List.copyOf(files.paths);
        }
        MetStream stream = MetStream.ofDirectory(catalog.directory, catalog.format, catalog.resolution,
                catalog.minFiles);
        return MetFileFinder.select(stream, receptorTime, hours).requireCoverage(CoverageMode.STRICT);
    }
}
