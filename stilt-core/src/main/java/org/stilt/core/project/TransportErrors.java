package org.stilt.core.project;

import org.stilt.core.InvalidInputException;

/**
 * R-STILT's transport-error options ({@code stilt-reference.md} §2.4, §2.10): the horizontal wind
 * error (WINDERR, four values) and the mixed-layer height error (ZIERR, three values). Null is R's
 * {@code NA}. Each group is all-null (off) or all-set; a partly set group is rejected, as R-STILT
 * errors on it.
 *
 * @param siguverrMetersPerSecond  {@code siguverr}: standard deviation of the horizontal wind error, m/s
 * @param tluverrMinutes           {@code tluverr}: wind-error correlation time scale, min
 * @param zcoruverrMeters          {@code zcoruverr}: vertical correlation length of the wind error, m
 * @param horcoruverrKilometers    {@code horcoruverr}: horizontal correlation length of the wind error, km
 * @param sigzierrPercent          {@code sigzierr}: standard deviation of the mixed-layer height error, %
 * @param tlzierrMinutes           {@code tlzierr}: mixed-layer height error correlation time, min
 * @param horcorzierrKilometers    {@code horcorzierr}: horizontal correlation length of the height error, km
 *
 * <p>Thread-safety: immutable value.
 */
public record TransportErrors(Double siguverrMetersPerSecond, Double tluverrMinutes, Double zcoruverrMeters,
        Double horcoruverrKilometers, Double sigzierrPercent, Double tlzierrMinutes, Double horcorzierrKilometers) {

    /** No transport-error run (every value NA), R-STILT's default. */
    public static final TransportErrors NONE = new TransportErrors(null, null, null, null, null, null, null);

    public TransportErrors {
        group("transport_error: the wind error (siguverr, tluverr, zcoruverr, horcoruverr)",
                siguverrMetersPerSecond, tluverrMinutes, zcoruverrMeters, horcoruverrKilometers);
        group("transport_error: the mixed-layer height error (sigzierr, tlzierr, horcorzierr)",
                sigzierrPercent, tlzierrMinutes, horcorzierrKilometers);
    }

    /** True when the wind error (WINDERR) is set. */
    public boolean windError() {
        return siguverrMetersPerSecond != null;
    }

    /** True when the mixed-layer height error (ZIERR) is set. */
    public boolean mixingHeightError() {
        return sigzierrPercent != null;
    }

    /** R-STILT's {@code winderrtf}: 0 none, 1 wind only, 2 mixed-layer height only, 3 both. */
    public int winderrtf() {
        return (windError() ? 1 : 0) + (mixingHeightError() ? 2 : 0);
    }

    private static void group(String what, Double... values) {
        int set = 0;
        for (Double v : values) {
            if (v != null) {
                set++;
                if (!Double.isFinite(v)) {
                    throw new InvalidInputException(what + ": every value must be a finite number (got " + v + ")");
                }
            }
        }
        if (set != 0 && set != values.length) {
            throw new InvalidInputException(what + ": set all " + values.length + " values or none (" + set
                    + " of " + values.length + " are set)");
        }
    }
}
