package org.stilt.core.particles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.stilt.core.InvalidInputException;
import org.stilt.core.UnreadableInputException;
import org.stilt.core.netcdf.NetcdfSignature;

/**
 * Reads a particle table from any supported file, chosen by extension (case-insensitive):
 * {@code .nc}/{@code .nc4} → {@link ParticleNetcdfReader} (the engine's particle file), {@code .csv}/{@code .csv.gz}
 * → {@link ParticleCsvReader} (R-STILT/PYSTILT tables exported as CSV). A {@code .csv} or {@code .csv.gz} file whose
 * content is in fact NetCDF is read as NetCDF.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class ParticleFiles {

    /** The accepted extensions, for messages and help texts. */
    public static final List<String> EXTENSIONS = List.of(".nc", ".nc4", ".csv", ".csv.gz");

    private ParticleFiles() {
    }

    /**
     * Reads the named columns (null: all) of a particle file.
     *
     * @throws UnreadableInputException if the file is missing or unreadable (message names it)
     * @throws InvalidInputException    if the extension is not one of {@link #EXTENSIONS}, or a requested column is
     *                                  absent
     */
    public static ParticleTable read(Path file, List<String> columns) {
        if (!Files.isRegularFile(file)) {
            throw new UnreadableInputException("particle file " + file + " does not exist or is not a regular file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".nc") || name.endsWith(".nc4")) {
            return ParticleNetcdfReader.read(file, columns);
        }
        if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
            if (isNetcdf(file)) {
                return ParticleNetcdfReader.read(file, columns);
            }
            return ParticleCsvReader.read(file, columns);
        }
        throw new InvalidInputException("particle file " + file + " has an unsupported extension; accepted: "
                + String.join(", ", EXTENSIONS) + " (.nc: stilt-java particle file; .csv, .csv.gz: table with a"
                + " header row)");
    }

    private static boolean isNetcdf(Path file) {
        try {
            return NetcdfSignature.of(file) != NetcdfSignature.Kind.OTHER;
        } catch (IOException e) {
            throw new UnreadableInputException("particle file " + file + " cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
