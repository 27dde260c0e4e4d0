package org.stilt.core.met;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.stilt.core.InvalidInputException;

/**
 * What {@code stilt met info} reports about an ARL file: grid, times, vertical coordinate, the
 * variables of each level, per-variable minimum and maximum at one time (and optionally one
 * level) and the checksum status. Built by {@link #of}; every component is a plain value so that
 * the record serialises to JSON as it is.
 *
 * <p>Thread-safety: immutable value (as are all its nested records); safe to share.
 *
 * @param file               the file as given
 * @param sizeBytes          file size in bytes
 * @param recordLengthBytes  record length in bytes (50 + NX·NY)
 * @param records            number of records
 * @param source             data source of the first index ({@code HRRR}, ...)
 * @param grid               horizontal grid
 * @param times              valid times
 * @param vertical           vertical coordinate and levels with their variables
 * @param statistics         per-variable minimum and maximum at one time
 * @param checksums          checksum status of every record
 */
public record ArlFileSummary(String file, long sizeBytes, int recordLengthBytes, long records, String source,
                             Grid grid, Times times, Vertical vertical, Statistics statistics, Checksums checksums) {

    /** A grid corner: 1-based grid coordinates and its latitude/longitude in degrees.
     *
     * <p>Thread-safety: immutable value.
     */
    public record Corner(int x, int y, double latitude, double longitude) {
    }

    /**
     * The horizontal grid: sizes, kind, a one-line description and the index's projection fields.
     *
     * <p>Thread-safety: immutable value.
     *
     * @param spacing lat/lon: {@code "Δlat° × Δlon°"}; projections: {@code "3 km"}
     */
    public record Grid(int nx, int ny, ArlGrid.Kind kind, String description, String spacing, double poleLat,
                       double poleLon, double refLat, double refLon, double gridSizeKm, double orientationDeg,
                       double coneAngleDeg, double syncX, double syncY, double syncLat, double syncLon,
                       double reserved, List<Corner> corners) {
    }

    /** Valid times: first, last, interval (ISO-8601 duration, null for one period) and count.
     *
     * <p>Thread-safety: immutable value.
     */
    public record Times(Instant first, Instant last, String interval, int count) {
    }

    /** One level: 0-based number, coordinate value and variables in file order.
     *
     * <p>Thread-safety: immutable value.
     */
    public record Level(int level, double value, List<String> variables) {
    }

    /** Vertical coordinate (name and flag) and every level of the first period, surface first.
     *
     * <p>Thread-safety: immutable value.
     */
    public record Vertical(VerticalCoordinate coordinate, int flag, int levelCount, List<Level> levels) {
    }

    /**
     * Minimum and maximum of one field as the transport reads it (unpacked record, values below the
     * record's precision zero, without any DIF record added), the record's precision and how many
     * of its values read as zero only because they are below it (docs/met.md "Precision zeros").
     *
     * <p>Thread-safety: immutable value.
     */
    public record FieldRange(String variable, int level, float min, float max, float precision,
                             int zeroedBelowPrecision) {
    }

    /** Field ranges at {@code time}, of every level or only of {@code level} (null: all).
     *
     * <p>Thread-safety: immutable value.
     */
    public record Statistics(Instant time, Integer level, List<FieldRange> fields) {
    }

    /** Checksum status: records checked, mismatches, and the first mismatch described (or null).
     *
     * <p>Thread-safety: immutable value.
     */
    public record Checksums(int records, int mismatches, String firstMismatch) {

        /** Whether every record matches its index checksum. */
        public boolean ok() {
            return mismatches == 0;
        }
    }

    /**
     * Summarises an open file.
     *
     * @param time  the period whose fields are summarised (null: the first)
     * @param level the level whose fields are summarised (null: all levels)
     * @throws InvalidInputException when the file has no period at {@code time} or no such level
     */
    public static ArlFileSummary of(ArlFile f, Instant time, Integer level) {
        ArlGrid g = f.grid();
        GridProjection p = g.projection();
        List<Corner> corners = new ArrayList<>();
        for (int[] c : new int[][] {{1, 1}, {g.nx(), 1}, {1, g.ny()}, {g.nx(), g.ny()}}) {
            GridProjection.GeoPoint geo = p.toGeo(c[0], c[1]);
            corners.add(new Corner(c[0], c[1], geo.latitude(), geo.longitude()));
        }
        String spacing = g.kind() == ArlGrid.Kind.LAT_LON ? num(g.refLat()) + "° × " + num(g.refLon()) + "°"
                : num(g.gridSizeKm()) + " km";
        Grid grid = new Grid(g.nx(), g.ny(), g.kind(), p.describe(), spacing, g.poleLat(), g.poleLon(), g.refLat(),
                g.refLon(), g.gridSizeKm(), g.orientationDeg(), g.coneAngleDeg(), g.syncX(), g.syncY(), g.syncLat(),
                g.syncLon(), g.reserved(), corners);
        Times times = new Times(f.firstTime(), f.lastTime(), f.interval() == null ? null : f.interval().toString(),
                f.periods().size());
        ArlIndex idx0 = f.periods().get(0).index();
        List<Level> levels = new ArrayList<>();
        for (int k = 0; k < idx0.levelCount(); k++) {
            ArlLevel l = idx0.levels().get(k);
            levels.add(new Level(k, l.value(), l.variables().stream().map(ArlVariable::name).toList()));
        }
        Vertical vertical = new Vertical(idx0.verticalCoordinate(), idx0.verticalFlag(), idx0.levelCount(), levels);

        ArlPeriod period = time == null ? f.periods().get(0) : f.periodAt(time);
        if (period == null) {
            throw new InvalidInputException("met file " + f.path() + " has no period at " + time + "; expected one of "
                    + f.periods().stream().map(ArlPeriod::validTime).toList());
        }
        if (level != null && (level < 0 || level >= period.index().levelCount())) {
            throw new InvalidInputException("met file " + f.path() + " has no level " + level + "; expected 0.."
                    + (period.index().levelCount() - 1));
        }
        List<FieldRange> ranges = new ArrayList<>();
        float[] buf = new float[g.points()];
        float[] exact = new float[g.points()];
        for (ArlRecord r : period.records()) {
            int k = r.label().level();
            if (level != null && k != level) {
                continue;
            }
            // one unpack: the exact values, then the reader's precision zeros on a copy
            f.readExact(period, r.label().variable(), k, exact, 0);
            System.arraycopy(exact, 0, buf, 0, exact.length);
            ArlPacking.zeroBelowPrecision(buf, 0, g.nx(), g.ny(), 0, r.label().precision());
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            int zeroed = 0;
            for (int i = 0; i < buf.length; i++) {
                float v = buf[i];
                min = Math.min(min, v);
                max = Math.max(max, v);
                if (v == 0f && exact[i] != 0f) {
                    zeroed++;
                }
            }
            ranges.add(new FieldRange(r.label().variable(), k, min, max, r.label().precision(), zeroed));
        }
        List<ArlFile.ChecksumMismatch> bad = f.checksumMismatches();
        int recordCount = f.periods().stream().mapToInt(q -> q.records().size()).sum();
        Checksums checksums = new Checksums(recordCount, bad.size(), bad.isEmpty() ? null : bad.get(0).describe(f.path()));
        return new ArlFileSummary(f.path().toString(), f.sizeBytes(), f.recordLength(), f.sizeBytes() / f.recordLength(),
                idx0.source(), grid, times, vertical, new Statistics(period.validTime(), level, ranges), checksums);
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }
}
