package org.stilt.core.transport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.stilt.core.InvalidInputException;

/**
 * STILT's own global 1° table of the aerodynamic roughness length z0, built from Natural Earth
 * (public domain) land, lake and ice polygons by {@code tools/roughness/make_roughness_table.R}
 * (source, class values, method and limits: docs/roughness.md). The table is the resource
 * {@code roughness-1deg.txt.gz} next to this class: 180 rows (cell centres 89.5° … −89.5°) of 360
 * integers (cell centres −179.5° … 179.5°), z0 in micrometres.
 *
 * <p>Thread-safety: immutable after construction; {@link #standard()} loads the resource once,
 * lazily, through the class-holder idiom (the JVM's class initialisation guarantees a single load
 * and safe publication), so instances are safe for concurrent use without locking.
 */
public final class RoughnessTable implements RoughnessSource {

    /** Number of 1° rows (latitude). */
    public static final int ROWS = 180;
    /** Number of 1° columns (longitude). */
    public static final int COLUMNS = 360;
    /** Smallest z0 of any class (open water), m. */
    public static final double MIN_Z0_METERS = 0.0002;
    /** Largest z0 of any class (other land), m. */
    public static final double MAX_Z0_METERS = 0.1;

    static final String RESOURCE = "roughness-1deg.txt.gz";

    /** z0 in m, row-major: index {@code row * COLUMNS + column}, row 0 = 89.5°N, column 0 = 179.5°W. */
    private final double[] z0Meters;

    private RoughnessTable(double[] z0Meters) {
        this.z0Meters = z0Meters;
    }

    private static final class Holder {
        static final RoughnessTable STANDARD = load();
    }

    /** The table shipped with stilt-core, loaded on first use. */
    public static RoughnessTable standard() {
        return Holder.STANDARD;
    }

    /**
     * z0 of the 1° cell whose centre is nearest to the point (the cell containing it; a point on a
     * cell edge belongs to the cell to its south-east, the poles to the polar rows).
     *
     * @param latitude   degrees north, −90 … 90
     * @param longitude  degrees east, −180 … 360 (wrapped, so −180 and 180 are the same place)
     * @return z0 in metres, within [{@link #MIN_Z0_METERS}, {@link #MAX_Z0_METERS}]
     * @throws InvalidInputException if a coordinate is out of range or not finite
     */
    public double z0Meters(double latitude, double longitude) {
        return z0Meters[row(latitude) * COLUMNS + column(longitude)];
    }

    /** z0 of cell ({@code row}, {@code column}), row 0 = 89.5°N, column 0 = 179.5°W, in metres. */
    public double cellZ0Meters(int row, int column) {
        if (row < 0 || row >= ROWS || column < 0 || column >= COLUMNS) {
            throw new InvalidInputException("roughness cell (row " + row + ", column " + column
                    + ") is outside the " + ROWS + " x " + COLUMNS + " table");
        }
        return z0Meters[row * COLUMNS + column];
    }

    static int row(double latitude) {
        if (!(latitude >= -90.0 && latitude <= 90.0)) {
            throw new InvalidInputException("latitude must be within -90..90 degrees (got " + latitude + ")");
        }
        return Math.min(ROWS - 1, (int) Math.floor(90.0 - latitude));
    }

    static int column(double longitude) {
        if (!(longitude >= -180.0 && longitude <= 360.0)) {
            throw new InvalidInputException("longitude must be within -180..360 degrees (got " + longitude + ")");
        }
        double lon = longitude >= 180.0 ? longitude - 360.0 : longitude;   // [-180, 180)
        return Math.min(COLUMNS - 1, Math.max(0, (int) Math.floor(lon + 180.0)));
    }

    private static RoughnessTable load() {
        try (InputStream raw = RoughnessTable.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing next to "
                        + RoughnessTable.class.getName() + " (stilt-core jar incomplete)");
            }
            return parse(new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + RESOURCE, e);
        }
    }

    /** Parses the table text: {@code #} header lines, then 180 lines of 360 integers (µm). */
    static RoughnessTable parse(BufferedReader reader) throws IOException {
        double[] z0 = new double[ROWS * COLUMNS];
        int row = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            if (row >= ROWS) {
                throw new IllegalStateException(RESOURCE + ": more than " + ROWS + " data rows");
            }
            String[] fields = line.trim().split(" +");
            if (fields.length != COLUMNS) {
                throw new IllegalStateException(RESOURCE + ": row " + row + " has " + fields.length
                        + " values, expected " + COLUMNS);
            }
            for (int c = 0; c < COLUMNS; c++) {
                double meters = Integer.parseInt(fields[c]) / 1e6;   // correctly rounded: 200 um == 0.0002
                if (!(meters >= MIN_Z0_METERS && meters <= MAX_Z0_METERS)) {
                    throw new IllegalStateException(RESOURCE + ": z0 " + fields[c] + " um at row " + row
                            + ", column " + c + " outside the class range");
                }
                z0[row * COLUMNS + c] = meters;
            }
            row++;
        }
        if (row != ROWS) {
            throw new IllegalStateException(RESOURCE + ": " + row + " data rows, expected " + ROWS);
        }
        return new RoughnessTable(z0);
    }
}
