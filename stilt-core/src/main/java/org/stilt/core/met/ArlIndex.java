package org.stilt.core.met;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The index ({@code INDX}) of one time period of an ARL file: data source, valid time, grid,
 * vertical coordinate and the level/variable catalogue with checksums (docs/met.md).
 *
 * @param source         four-character data source ({@code HRRR}, {@code GDAS}, ...)
 * @param forecastHour   forecast hour of the index header
 * @param minutes        minutes after the label hour of the valid time
 * @param validTime      valid time of the period (label date and hour plus {@code minutes})
 * @param grid           horizontal grid
 * @param verticalFlag   vertical coordinate flag as stored (see {@link #verticalCoordinate()})
 * @param levels         level 0 (surface) first, then upper levels
 *
 * <p>Thread-safety: immutable value.
 */
public record ArlIndex(String source, int forecastHour, int minutes, Instant validTime, ArlGrid grid,
                       int verticalFlag, List<ArlLevel> levels) {

    /** Length of the fixed part of the index text. */
    static final int HEADER_LENGTH = 108;

    public ArlIndex {
        levels = List.copyOf(levels);
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("an ARL index needs at least the surface level");
        }
    }

    /** The vertical coordinate, or null when the flag is not one of the known 1..5. */
    public VerticalCoordinate verticalCoordinate() {
        return VerticalCoordinate.ofFlag(verticalFlag);
    }

    /** Number of levels including the surface level (the index's NZ). */
    public int levelCount() {
        return levels.size();
    }

    /** Length of the index text in bytes (the index's LENH). */
    public int textLength() {
        int n = HEADER_LENGTH;
        for (ArlLevel l : levels) {
            n += 8 + 8 * l.variables().size();
        }
        return n;
    }

    /** Number of {@code INDX} records this index occupies. */
    public int indexRecords() {
        return (textLength() + grid.points() - 1) / grid.points();
    }

    /** Number of data records (one per level and variable). */
    public int dataRecords() {
        int n = 0;
        for (ArlLevel l : levels) {
            n += l.variables().size();
        }
        return n;
    }

    /** Records of one period: index records plus data records. */
    public int records() {
        return indexRecords() + dataRecords();
    }

    /** Parsed fields of the fixed header, before the catalogue is read. */
    record Header(String source, int forecastHour, int minutes, double[] reals, int nx, int ny, int nz,
                  int verticalFlag, int textLength) {
    }

    static Header parseHeader(byte[] t, int o, ArlLabel label) throws ArlText.FieldException {
        String source = ArlText.ascii(t, o, 4);
        int fcst = ArlText.parseInt(t, o + 4, 3, "index forecast hour", 0);
        int minutes = ArlText.parseInt(t, o + 7, 2, "index minutes", 0);
        String[] names = {"POLE LAT", "POLE LON", "REF LAT", "REF LON", "GRID SIZE", "ORIENTATION",
            "CONE ANGLE", "SYNC X", "SYNC Y", "SYNC LAT", "SYNC LON", "RESERVED"};
        double[] reals = new double[12];
        for (int i = 0; i < 12; i++) {
            reals[i] = ArlText.parseReal(t, o + 9 + 7 * i, 7, "index " + names[i]);
        }
        int nx = ArlText.parseInt(t, o + 93, 3, "index NX", Integer.MIN_VALUE);
        int ny = ArlText.parseInt(t, o + 96, 3, "index NY", Integer.MIN_VALUE);
        int nz = ArlText.parseInt(t, o + 99, 3, "index NZ", Integer.MIN_VALUE);
        int flag = ArlText.parseInt(t, o + 102, 2, "index vertical flag", Integer.MIN_VALUE);
        int lenh = ArlText.parseInt(t, o + 104, 4, "index length LENH", Integer.MIN_VALUE);
        if (nx < 0 || ny < 0 || nz < 1 || lenh < HEADER_LENGTH || minutes < 0 || minutes > 59) {
            throw new ArlText.FieldException("index header has NX " + nx + ", NY " + ny + ", NZ " + nz
                    + ", minutes " + minutes + ", LENH " + lenh
                    + "; expected NX, NY ≥ 0, NZ ≥ 1, minutes 0..59, LENH ≥ 108");
        }
        int maxLength = HEADER_LENGTH + 8 * nz + 8 * 99 * nz;
        if (lenh > maxLength) {
            throw new ArlText.FieldException("index length LENH " + lenh + " for " + nz
                    + " levels; expected at most " + maxLength + " (108 + 8 per level + 8 per variable, ≤ 99 variables"
                    + " per level)");
        }
        nx += 1000 * label.nxThousands();
        ny += 1000 * label.nyThousands();
        if (nx < 2 || ny < 2) {
            throw new ArlText.FieldException("index grid of " + nx + " × " + ny + " points; expected at least 2 × 2");
        }
        return new Header(source, fcst, minutes, reals, nx, ny, nz, flag, lenh);
    }

    /**
     * Parses the index text (header + catalogue) of {@code h.textLength()} bytes at {@code o}.
     */
    static ArlIndex parse(byte[] t, int o, Header h, ArlLabel label) throws ArlText.FieldException {
        if (h.textLength() < HEADER_LENGTH + 8 * h.nz()) {
            throw new ArlText.FieldException("index length LENH " + h.textLength() + " is too short for "
                    + h.nz() + " levels");
        }
        double[] r = h.reals();
        ArlGrid grid = new ArlGrid(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11],
                h.nx(), h.ny());
        List<ArlLevel> levels = new ArrayList<>(h.nz());
        int p = o + HEADER_LENGTH;
        int end = o + h.textLength();
        for (int k = 0; k < h.nz(); k++) {
            if (p + 8 > end) {
                throw new ArlText.FieldException("index catalogue ends in level " + k + " of " + h.nz()
                        + " (LENH " + h.textLength() + "); expected " + h.nz() + " levels of 8 bytes and their variables");
            }
            double value = ArlText.parseReal(t, p, 6, "level " + k + " value");
            int nv = ArlText.parseInt(t, p + 6, 2, "level " + k + " variable count", Integer.MIN_VALUE);
            p += 8;
            if (nv < 0 || p + 8L * nv > end) {
                throw new ArlText.FieldException("level " + k + " lists " + nv
                        + " variables, beyond the index length LENH " + h.textLength()
                        + "; expected 0..99 variables within LENH");
            }
            List<ArlVariable> vars = new ArrayList<>(nv);
            for (int v = 0; v < nv; v++) {
                String name = ArlText.ascii(t, p, 4);
                if (!name.matches("[ -~]{4}")) {
                    throw new ArlText.FieldException("level " + k + " variable " + (v + 1) + " has the name '"
                            + ArlText.printable(name) + "'; expected 4 printable ASCII characters");
                }
                int checksum = ArlText.parseInt(t, p + 4, 3, "checksum of " + name + " at level " + k, 0);
                if (checksum < 0 || checksum > 255) {
                    throw new ArlText.FieldException("checksum of " + name + " at level " + k + " is " + checksum
                            + "; expected 0..255");
                }
                vars.add(new ArlVariable(name, checksum));
                p += 8;
            }
            levels.add(new ArlLevel(value, vars));
        }
        if (p != end) {
            throw new ArlText.FieldException("index length LENH " + h.textLength() + " but the catalogue of "
                    + h.nz() + " levels ends at byte " + (p - o) + "; expected LENH = " + (p - o)
                    + " (108 + 8 per level + 8 per variable)");
        }
        Instant time = label.dateTime().toInstant(ZoneOffset.UTC).plusSeconds(60L * h.minutes());
        return new ArlIndex(h.source(), h.forecastHour(), h.minutes(), time, grid, h.verticalFlag(), levels);
    }

    /** The index text: the 108-byte header and the catalogue, without padding. */
    byte[] textBytes() {
        StringBuilder sb = new StringBuilder(textLength());
        ArlGrid g = grid;
        sb.append(ArlText.formatText(source, 4, "data source"))
                .append(ArlText.formatInt(forecastHour, 3, "forecast hour"))
                .append(ArlText.formatInt(minutes, 2, "minutes"));
        for (double v : new double[] {g.poleLat(), g.poleLon(), g.refLat(), g.refLon(), g.gridSizeKm(),
            g.orientationDeg(), g.coneAngleDeg(), g.syncX(), g.syncY(), g.syncLat(), g.syncLon(), g.reserved()}) {
            sb.append(ArlText.formatFitted(v, 7));
        }
        sb.append(ArlText.formatInt(g.nx() % 1000, 3, "NX"))
                .append(ArlText.formatInt(g.ny() % 1000, 3, "NY"))
                .append(ArlText.formatInt(levels.size(), 3, "NZ"))
                .append(ArlText.formatInt(verticalFlag, 2, "vertical flag"))
                .append(ArlText.formatInt(textLength(), 4, "LENH"));
        for (ArlLevel l : levels) {
            sb.append(ArlText.formatFitted(l.value(), 6))
                    .append(ArlText.formatInt(l.variables().size(), 2, "variable count"));
            for (ArlVariable v : l.variables()) {
                sb.append(ArlText.formatText(v.name(), 4, "variable"))
                        .append(ArlText.formatInt(v.checksum(), 3, "checksum"))
                        .append(' ');
            }
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (b.length != textLength()) {
            throw new IllegalStateException("index text has " + b.length + " bytes, expected " + textLength());
        }
        return b;
    }

    /** Level and position of {@code variable}'s record within the period's data records, or -1. */
    int dataRecordOf(String variable, int level) {
        if (level < 0 || level >= levels.size()) {
            return -1;
        }
        int n = 0;
        for (int k = 0; k < level; k++) {
            n += levels.get(k).variables().size();
        }
        int i = levels.get(level).indexOf(variable);
        return i < 0 ? -1 : n + i;
    }
}
