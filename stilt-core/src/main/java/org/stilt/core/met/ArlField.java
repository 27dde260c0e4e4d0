package org.stilt.core.met;

/**
 * One field to write into an ARL period.
 *
 * @param variable     four-character ARL name
 * @param level        0 = surface, 1.. = upper levels
 * @param values       {@code nx·ny} values, x fastest, row 1 (south/bottom) first
 * @param exponent     packing exponent, or {@link #AUTO_EXPONENT} to choose it as NOAA's packer does
 * @param forecastHour the record label's forecast hour (HRRR writes 1 for 1-hour accumulations)
 *
 * <p>Thread-safety: immutable reference, but {@code values} is not copied: do not change it
 * while a writer uses it.
 */
public record ArlField(String variable, int level, float[] values, int exponent, int forecastHour) {

    /** Marker for "choose the exponent from the data". */
    public static final int AUTO_EXPONENT = Integer.MIN_VALUE;

    public ArlField {
        if (variable == null || variable.length() != 4) {
            throw new IllegalArgumentException("ARL variable name '" + variable + "' must have 4 characters");
        }
        if (level < 0 || level > 99) {
            throw new IllegalArgumentException("level " + level + " of " + variable + "; expected 0..99");
        }
    }

    /** A field whose exponent is chosen from the data, forecast hour 0. */
    public static ArlField of(String variable, int level, float[] values) {
        return new ArlField(variable, level, values, AUTO_EXPONENT, 0);
    }
}
