package org.stilt.core.project;

import java.nio.file.Path;
import java.util.Objects;

import org.stilt.core.InvalidInputException;
import org.stilt.core.met.catalog.MetFileResolution;
import org.stilt.core.met.catalog.MetStream;
import org.stilt.core.met.catalog.StrftimePattern;

/**
 * One named met stream of a project ({@code met.<name>} in {@code config.yaml}): R-STILT's
 * {@code met_path}, {@code met_file_format}, {@code met_file_tres} and {@code n_met_min}.
 *
 * @param name       the stream's name (the YAML key), e.g. {@code hrrr}
 * @param directory  {@code directory}: where the files are, relative to the project folder (or absolute)
 * @param fileFormat {@code file_format}: strftime pattern of the file names ({@code met_file_format})
 * @param fileTres   {@code file_tres}: time one file covers ({@code met_file_tres}, default 6 hours)
 * @param nMin       {@code n_min}: fewest files a simulation needs ({@code n_met_min}, default 1)
 *
 * <p>Thread-safety: immutable value.
 */
public record MetStreamConfig(String name, Path directory, String fileFormat, MetFileResolution fileTres, int nMin) {

    public MetStreamConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(fileFormat, "fileFormat");
        Objects.requireNonNull(fileTres, "fileTres");
        if (fileFormat.isEmpty()) {
            throw new InvalidInputException("met." + name + ".file_format must not be empty (e.g. \"%Y%m%d.%Hz.hrrra\")");
        }
        StrftimePattern.compile(fileFormat);
        if (nMin < 0) {
            throw new InvalidInputException("met." + name + ".n_min must be >= 0 (got " + nMin + ")");
        }
    }

    /** The met-catalog stream, with {@link #directory} resolved against the project folder. */
    public MetStream toMetStream(Path projectDir) {
        return new MetStream(name, projectDir.resolve(directory).normalize(), fileFormat, fileTres, nMin);
    }
}
