package org.stilt.core.met;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;

/**
 * The 50-byte ASCII label that starts every ARL record (docs/met.md, "Record label").
 *
 * @param year            four-digit year (the file stores two digits: {@code yy < 40 → 20yy})
 * @param month           1..12
 * @param day             1..31
 * @param hour            0..23 (UTC)
 * @param forecastHour    forecast hour (usually 0; -1 marks missing data in some sets)
 * @param level           0 = surface, 1.. = upper levels
 * @param gridId          the two grid-identifier characters (cols 13–14): {@code "99"} for NOAA
 *                        files, or letters giving the thousands of NX (col 13) and NY (col 14), {@code @} = 0,
 *                        {@code A} = 1000, ... (the det_wide reference grid, 1100 × 40, has {@code "A@"})
 * @param variable        four-character variable name ({@code INDX}, {@code UWND}, ...)
 * @param exponent        packing exponent NEXP
 * @param precision       the label's precision field, {@code 2^NEXP / 254}: readers take values whose
 *                        magnitude is below it as zero (HYSPLIT's rule; {@link ArlFile#read})
 * @param firstValue      unpacked value at grid point (1,1) (VAR1)
 *
 * <p>Thread-safety: immutable value.
 */
public record ArlLabel(int year, int month, int day, int hour, int forecastHour, int level,
                       String gridId, String variable, int exponent, float precision, float firstValue) {

    /** Length of a label in bytes. */
    public static final int LENGTH = 50;

    /** Hour of the label as a date-time (without the index's minutes). */
    public LocalDateTime dateTime() {
        return LocalDateTime.of(year, month, day, hour, 0);
    }

    /** Thousands of NX encoded in the grid identifier (0 unless col 13 is a letter). */
    int nxThousands() {
        return thousands(gridId.charAt(0));
    }

    /** Thousands of NY encoded in the grid identifier (0 unless col 14 is a letter). */
    int nyThousands() {
        return thousands(gridId.charAt(1));
    }

    private static int thousands(char c) {
        return c >= '@' && c <= 'Z' ? c - '@' : 0;
    }

    /** Grid identifier for a grid of {@code nx × ny} points: {@code "99"} unless a size is ≥ 1000. */
    static String gridIdFor(int nx, int ny) {
        if (nx < 1000 && ny < 1000) {
            return "99";
        }
        return String.valueOf(letter(nx)) + letter(ny);
    }

    private static char letter(int n) {
        if (n >= 27000) {
            throw new IllegalArgumentException("grid size " + n + " is too large for the ARL format (< 27000)");
        }
        return (char) ('@' + n / 1000);
    }

    /**
     * Parses a label.
     *
     * @throws ArlText.FieldException naming the field that is malformed
     */
    static ArlLabel parse(byte[] bytes, int offset) throws ArlText.FieldException {
        int yy = ArlText.parseInt(bytes, offset, 2, "year", Integer.MIN_VALUE);
        int month = ArlText.parseInt(bytes, offset + 2, 2, "month", Integer.MIN_VALUE);
        int day = ArlText.parseInt(bytes, offset + 4, 2, "day", Integer.MIN_VALUE);
        int hour = ArlText.parseInt(bytes, offset + 6, 2, "hour", Integer.MIN_VALUE);
        int fcst = ArlText.parseInt(bytes, offset + 8, 2, "forecast hour", 0);
        int level = ArlText.parseInt(bytes, offset + 10, 2, "level", Integer.MIN_VALUE);
        String grid = ArlText.ascii(bytes, offset + 12, 2);
        String variable = ArlText.ascii(bytes, offset + 14, 4);
        int exponent = ArlText.parseInt(bytes, offset + 18, 4, "exponent", Integer.MIN_VALUE);
        float precision = ArlText.parseFloat(bytes, offset + 22, 14, "precision");
        float var1 = ArlText.parseFloat(bytes, offset + 36, 14, "first value");
        String date = ArlText.printable(ArlText.ascii(bytes, offset, 8));
        if (yy < 0 || yy > 99) {
            throw new ArlText.FieldException("date '" + date + "': year " + yy + "; expected 0..99 (two digits)");
        }
        int year = yy < 40 ? 2000 + yy : 1900 + yy;
        if (month < 1 || month > 12) {
            throw new ArlText.FieldException("date '" + date + "': month " + month + "; expected 1..12");
        }
        int monthLength = java.time.YearMonth.of(year, month).lengthOfMonth();
        if (day < 1 || day > monthLength) {
            throw new ArlText.FieldException("date '" + date + "': day " + day + "; expected 1.." + monthLength
                    + " for " + year + "-" + (month < 10 ? "0" : "") + month);
        }
        if (hour < 0 || hour > 23) {
            throw new ArlText.FieldException("date '" + date + "': hour " + hour + "; expected 0..23");
        }
        if (level < 0 || level > 99) {
            throw new ArlText.FieldException("level '" + ArlText.printable(ArlText.ascii(bytes, offset + 10, 2))
                    + "' is not a level number 0..99");
        }
        for (int i = 0; i < 2; i++) {
            char c = grid.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= '@' && c <= 'Z' || c == ' ')) {
                throw new ArlText.FieldException("grid identifier '" + ArlText.printable(grid)
                        + "'; expected two digits (\"99\") or letters @..Z giving the thousands (@ = 0, A = 1000, ...)"
                        + " of NX and NY");
            }
        }
        for (int i = 0; i < 4; i++) {
            char c = variable.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new ArlText.FieldException("variable name '" + variable.replaceAll("[^ -~]", "?")
                        + "' is not printable ASCII; expected 4 characters such as UWND");
            }
        }
        if (exponent == Integer.MIN_VALUE || exponent < -127 || exponent > 127) {
            throw new ArlText.FieldException("exponent '" + ArlText.printable(ArlText.ascii(bytes, offset + 18, 4))
                    + "' is not an integer in -127..127");
        }
        return new ArlLabel(year, month, day, hour, fcst, level, grid, variable, exponent, precision, var1);
    }

    /** The 50 label bytes. */
    byte[] toBytes() {
        String s = ArlText.formatInt(year % 100, 2, "year")
                + ArlText.formatInt(month, 2, "month")
                + ArlText.formatInt(day, 2, "day")
                + ArlText.formatInt(hour, 2, "hour")
                + ArlText.formatInt(forecastHour, 2, "forecast hour")
                + ArlText.formatInt(level, 2, "level")
                + ArlText.formatText(gridId, 2, "grid id")
                + ArlText.formatText(variable, 4, "variable")
                + ArlText.formatInt(exponent, 4, "exponent")
                + ArlText.formatE14(precision)
                + ArlText.formatE14(firstValue);
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        if (b.length != LENGTH) {
            throw new IllegalStateException("label has " + b.length + " bytes: '" + s + "'");
        }
        return b;
    }
}
