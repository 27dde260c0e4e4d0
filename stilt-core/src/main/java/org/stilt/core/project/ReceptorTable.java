package org.stilt.core.project;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.stilt.core.text.KeySuggestion;
import org.stilt.core.InvalidInputException;
import org.stilt.core.UnreadableInputException;

/**
 * A project's receptors, read from {@code receptors.csv} with Apache Commons CSV: a header with
 * {@code time,latitude,longitude,altitude} and optionally {@code altitude_top} (column receptors),
 * {@code altitude_ref} ({@code agl}/{@code msl}, default agl) and {@code simulation_id}; lines
 * starting with {@code #} are comments. Times are ISO-8601 with {@code Z} or an offset
 * ({@code 2021-01-15T12:00:00Z}). Every error names the file, the line, the column and the value.
 * Simulation ids must be unique.
 *
 * @param file      where the table was read from (for messages)
 * @param receptors the receptors in file order
 *
 * <p>Thread-safety: immutable value; {@link #read} is safe for concurrent use.
 */
public record ReceptorTable(Path file, List<Receptor> receptors) {

    /** The receptors file's name inside a project folder. */
    public static final String RECEPTORS_FILE = "receptors.csv";
    /** Columns every receptors.csv has. */
    public static final List<String> REQUIRED_COLUMNS = List.of("time", "latitude", "longitude", "altitude");
    /** Columns a receptors.csv may have. */
    public static final List<String> OPTIONAL_COLUMNS = List.of("altitude_top", "altitude_ref", "simulation_id");

    public ReceptorTable {
        Objects.requireNonNull(file, "file");
        receptors = List.copyOf(receptors);
    }

    /** Reads receptors; {@code path} is the CSV file or the project folder containing it. Default reference AGL. */
    public static ReceptorTable read(Path path) {
        return read(path, AltitudeReference.AGL);
    }

    /**
     * Reads receptors; rows without an {@code altitude_ref} value use {@code defaultRef}.
     *
     * @throws UnreadableInputException when the file is missing, unreadable or not CSV
     * @throws InvalidInputException    naming file, line, column and value for a bad header or value
     */
    public static ReceptorTable read(Path path, AltitudeReference defaultRef) {
        Path file = Files.isDirectory(path) ? path.resolve(RECEPTORS_FILE) : path;
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setCommentMarker('#').setIgnoreEmptyLines(true).get();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser p = CSVParser.builder().setReader(r).setFormat(format).get()) {
            List<String> header = p.getHeaderNames();
            checkHeader(file, header);
            List<Receptor> out = new ArrayList<>();
            Map<String, Long> ids = new HashMap<>();
            for (CSVRecord rec : p) {
                long line = p.getCurrentLineNumber();
                Receptor rc = row(file, line, rec, header, defaultRef);
                Long first = ids.putIfAbsent(rc.simulationId(), line);
                if (first != null) {
                    throw new InvalidInputException(file + " line " + line + ": simulation id " + rc.simulationId()
                            + " repeats line " + first + " (same time, place and altitude); remove the duplicate or"
                            + " give a simulation_id column");
                }
                out.add(rc);
            }
            if (out.isEmpty()) {
                throw new InvalidInputException(file + ": no receptors (only a header); add rows such as"
                        + " 2021-01-15T12:00:00Z,40.5,-110,5");
            }
            return new ReceptorTable(file, out);
        } catch (NoSuchFileException e) {
            throw new UnreadableInputException("receptors file " + file + " does not exist");
        } catch (IOException | UncheckedIOException e) {
            throw new UnreadableInputException("cannot read receptors file " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file + ": malformed header: " + e.getMessage(), e);
        }
    }

    /** The number of receptors. */
    public int size() {
        return receptors.size();
    }

    private static void checkHeader(Path file, List<String> header) {
        Set<String> allowed = new LinkedHashSet<>(REQUIRED_COLUMNS);
        allowed.addAll(OPTIONAL_COLUMNS);
        if (header.isEmpty()) {
            throw new InvalidInputException(file + " line 1: no header; expected " + String.join(",", REQUIRED_COLUMNS));
        }
        for (String h : header) {
            if (!allowed.contains(h)) {
                throw new InvalidInputException(file + " line 1: unknown column '" + h + "'; did you mean '"
                        + KeySuggestion.closest(h, allowed) + "'? Allowed columns: " + String.join(", ", allowed));
            }
        }
        for (String c : REQUIRED_COLUMNS) {
            if (!header.contains(c)) {
                throw new InvalidInputException(file + " line 1: missing column '" + c + "'; the header must have "
                        + String.join(",", REQUIRED_COLUMNS) + " (got " + String.join(",", header) + ")");
            }
        }
    }

    private static Receptor row(Path file, long line, CSVRecord rec, List<String> header, AltitudeReference dflt) {
        String at = file + " line " + line;
        if (rec.size() != header.size()) {
            throw new InvalidInputException(at + ": " + rec.size() + " values but the header has " + header.size()
                    + " columns (" + String.join(",", header) + ")");
        }
        Instant time = time(at, rec.get("time"));
        double lat = number(at, "latitude", rec.get("latitude"));
        double lon = number(at, "longitude", rec.get("longitude"));
        double alt = number(at, "altitude", rec.get("altitude"));
        String topText = rec.isMapped("altitude_top") ? rec.get("altitude_top") : "";
        Double top = topText.isEmpty() || topText.equalsIgnoreCase("NA") ? null : number(at, "altitude_top", topText);
        AltitudeReference ref = dflt;
        if (rec.isMapped("altitude_ref") && !rec.get("altitude_ref").isEmpty()) {
            ref = AltitudeReference.ofKey(rec.get("altitude_ref"));
            if (ref == null) {
                throw new InvalidInputException(at + ", column altitude_ref: \"" + rec.get("altitude_ref")
                        + "\"; expected agl or msl");
            }
        }
        String id = rec.isMapped("simulation_id") && !rec.get("simulation_id").isEmpty() ? rec.get("simulation_id")
                : null;
        try {
            return new Receptor(time, lat, lon, alt, top, ref, id);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(at + ": " + e.getMessage(), e);
        }
    }

    private static Instant time(String at, String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(at + ", column time: \"" + s + "\" is not an ISO-8601 UTC time; expected"
                    + " e.g. 2021-01-15T12:00:00Z (with Z or an offset such as +00:00)");
        }
    }

    private static double number(String at, String column, String s) {
        double d;
        try {
            d = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(at + ", column " + column + ": \"" + s + "\" is not a number");
        }
        if (!Double.isFinite(d) || s.chars().anyMatch(Character::isLetter) && !s.matches("[-+0-9.eE]+")) {
            throw new InvalidInputException(at + ", column " + column + ": \"" + s + "\" is not a finite number");
        }
        return d;
    }
}
