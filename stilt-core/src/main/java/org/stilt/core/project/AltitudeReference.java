package org.stilt.core.project;

import java.util.Locale;

/**
 * What a receptor's altitude is measured from: the {@code altitude_ref} column of
 * {@code receptors.csv}; HYSPLIT's {@code KMSL} (0 = AGL, 1 = MSL).
 *
 * <p>Thread-safety: immutable enum.
 */
public enum AltitudeReference {
    /** Metres above ground level (R-STILT's {@code zagl}, KMSL=0). */
    AGL,
    /** Metres above mean sea level (KMSL=1). */
    MSL;

    /** The CSV spelling, {@code agl} or {@code msl}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reference for a CSV value (case-insensitive), or null when it is neither agl nor msl. */
    public static AltitudeReference ofKey(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "agl" -> AGL;
            case "msl" -> MSL;
            default -> null;
        };
    }
}
