package org.stilt.core.particles;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPOutputStream;

import org.stilt.core.DurableFiles;
import org.stilt.core.OutputWriteException;

/**
 * Writes a {@link ParticleTable} as CSV in the layout {@link ParticleCsvReader} reads: a header row of the column
 * names in table order, then one line per row, fields separated by commas. Numbers are written with
 * {@link Double#toString(double)} (the shortest decimal that reads back as the same double, so a table round-trips
 * exactly); whole numbers are written without a fraction ({@code -60}, not {@code -60.0}); NaN is written as
 * {@code NA}, as R writes it. A name ending in {@code .gz} (any case) is gzip-compressed. CSV has no place for the
 * table's attributes: they are not written (use the NetCDF particle file to keep them).
 *
 * <p>The file is written under a hidden temporary name in the same directory and renamed over the target, so an
 * error never leaves a partial file; parent directories are created.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class ParticleCsvWriter {

    private ParticleCsvWriter() {
    }

    /**
     * Writes {@code table} to {@code out}.
     *
     * @throws OutputWriteException if the file cannot be written (the message names it and the reason)
     */
    public static void write(ParticleTable table, Path out) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(out, "out");
        Path file = out.toAbsolutePath();
        Path dir = file.getParent();
        Path tmp = dir.resolve("." + file.getFileName() + "."
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ".tmp");
        boolean gzip = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        try {
            Files.createDirectories(dir);
            try (OutputStream raw = Files.newOutputStream(tmp);
                 OutputStream os = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw;
                 BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.US_ASCII),
                         1 << 16)) {
                writeBody(table, w);
            }
            DurableFiles.commit(tmp, file);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort; the name is hidden and ends in .tmp
            }
            throw new OutputWriteException("cannot write particle file " + out + " (" + e + ")", e);
        }
    }

    private static void writeBody(ParticleTable table, BufferedWriter w) throws IOException {
        List<String> names = table.columnNames();
        w.write(String.join(",", names));
        w.write('\n');
        double[][] cols = new double[names.size()][];
        for (int c = 0; c < cols.length; c++) {
            cols[c] = table.column(names.get(c));
        }
        int n = table.rowCount();
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < cols.length; c++) {
                if (c > 0) {
                    w.write(',');
                }
                w.write(format(cols[c][r]));
            }
            w.write('\n');
        }
    }

    /** One value as written: whole numbers without a fraction, NaN as {@code NA}, others shortest round-trip. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NA";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && Double.doubleToRawLongBits(v) != 0)) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
