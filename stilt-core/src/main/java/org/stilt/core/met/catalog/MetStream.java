package org.stilt.core.met.catalog;

import java.nio.file.Path;
import java.util.Objects;

import org.stilt.core.InvalidInputException;

/**
 * One kind of meteorology a project uses: where its files live, how they are named and how much time each covers.
 * R-STILT's {@code met_path}, {@code met_file_format}, {@code met_file_tres} and {@code n_met_min}.
 *
 * @param name           a short name for messages and for {@link MetCatalog} look-ups, e.g. {@code "hrrr"}
 * @param directory      the directory searched recursively ({@code met_path}); used as given, since matching is on the
 *                       full path string (see {@link MetFileFinder})
 * @param fileFormat     strftime format of the file names ({@code met_file_format}), e.g. {@code "%Y%m%d.%Hz.hrrra"};
 *                       after expansion it is a regular expression matched anywhere in the full path
 * @param fileResolution the time one file covers ({@code met_file_tres})
 * @param minimumFiles   fewest files a simulation needs ({@code n_met_min}, R-STILT default 1), &gt;= 0
 *
 * <p>Thread-safety: immutable value.
 */
public record MetStream(String name, Path directory, String fileFormat, MetFileResolution fileResolution,
        int minimumFiles) {

    /** R-STILT's default {@code n_met_min}. */
    public static final int DEFAULT_MINIMUM_FILES = 1;

    public MetStream {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(fileFormat, "fileFormat");
        Objects.requireNonNull(fileResolution, "fileResolution");
        if (name.isBlank()) {
            throw new InvalidInputException("met stream name must not be blank (got \"" + name + "\")");
        }
        if (fileFormat.isEmpty()) {
            throw new InvalidInputException("met stream '" + name + "': file format must not be empty (e.g."
                    + " \"%Y%m%d.%Hz.hrrra\")");
        }
        StrftimePattern.compile(fileFormat);
        if (minimumFiles < 0) {
            throw new InvalidInputException("met stream '" + name + "': minimum number of met files (n_met_min) must"
                    + " be >= 0 (got " + minimumFiles + ")");
        }
    }

    /** A stream with R-STILT's default minimum of {@value #DEFAULT_MINIMUM_FILES} file. */
    public MetStream(String name, Path directory, String fileFormat, MetFileResolution fileResolution) {
        this(name, directory, fileFormat, fileResolution, DEFAULT_MINIMUM_FILES);
    }

    /** Convenience: the resolution as users write it, e.g. {@code "6 hours"} (see {@link MetFileResolution#parse}). */
    public static MetStream of(String name, Path directory, String fileFormat, String fileResolution) {
        return new MetStream(name, directory, fileFormat, MetFileResolution.parse(fileResolution));
    }

    /**
     * A stream named after its directory (its last path element, "met" for a root), as the CLI's
     * {@code --met-dir}/{@code --directory} options give it: the resolution as users write it.
     */
    public static MetStream ofDirectory(Path directory, String fileFormat, String fileResolution, int minimumFiles) {
        Path name = directory.toAbsolutePath().normalize().getFileName();
        return new MetStream(name == null ? "met" : name.toString(), directory, fileFormat,
                MetFileResolution.parse(fileResolution), minimumFiles);
    }

    /** The compiled {@link #fileFormat}. */
    public StrftimePattern filePattern() {
        return StrftimePattern.compile(fileFormat);
    }

    /** This stream with another {@link #minimumFiles}. */
    public MetStream withMinimumFiles(int minimumFiles) {
        return new MetStream(name, directory, fileFormat, fileResolution, minimumFiles);
    }
}
