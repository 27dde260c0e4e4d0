package org.stilt.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.stilt.core.InvalidInputException;
import org.stilt.core.particles.ParticleCsvWriter;
import org.stilt.core.particles.ParticleNetcdfWriter;
import org.stilt.core.particles.ParticleTable;

/**
 * Writes the particle table of {@code stilt trajectory}: the engine's NetCDF particle file for {@code .nc} /
 * {@code .nc4} (with the run's attributes; the writer adds {@code engine} and {@code engine_version}), CSV for
 * {@code .csv} / {@code .csv.gz} (columns only: CSV has no place for attributes). Both write a temporary file and
 * rename it.
 *
 * <p>Thread-safety: stateless.
 */
final class TrajectoryOutput {

    private TrajectoryOutput() {
    }

    /**
     * Checks the output name before the run, so that a typo does not cost a simulation.
     *
     * @throws InvalidInputException for an extension other than .nc, .nc4, .csv, .csv.gz
     */
    static void checkName(Path output) {
        String name = output.getFileName() == null ? "" : output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!(isCsv(name) || name.endsWith(".nc") || name.endsWith(".nc4"))) {
            throw new InvalidInputException("--output " + output + " has an unsupported extension; expected .nc or"
                    + " .nc4 (NetCDF particle file) or .csv or .csv.gz (CSV table)");
        }
    }

    /** Writes {@code table} with {@code extra} attributes added (extra wins on a name clash). */
    static void write(ParticleTable table, Map<String, String> extra, Path output) {
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (String c : table.columnNames()) {
            cols.put(c, table.column(c));
        }
        Map<String, String> attrs = new LinkedHashMap<>(table.attributes());
        attrs.putAll(extra);
        ParticleTable full = new ParticleTable(cols, attrs);
        if (isCsv(output.getFileName().toString().toLowerCase(Locale.ROOT))) {
            ParticleCsvWriter.write(full, output);
        } else {
            ParticleNetcdfWriter.write(full, output);
        }
    }

    private static boolean isCsv(String lowerName) {
        return lowerName.endsWith(".csv") || lowerName.endsWith(".csv.gz");
    }
}
