package org.stilt.core.met;

/**
 * Vertical coordinate of an ARL file (the index's "vertical flag", docs/met.md).
 *
 * <p>Thread-safety: immutable enum.
 */
public enum VerticalCoordinate {
    /** 1: pressure-sigma, p = σ·(PRSS − p_top) + p_top. */
    SIGMA(1),
    /** 2: absolute pressure levels (hPa) with HGTS giving heights. */
    PRESSURE(2),
    /** 3: terrain-following height (sigma-z). */
    TERRAIN(3),
    /** 4: hybrid pressure-sigma, value {@code offset.fraction}: p = offset + fraction·PRSS. */
    HYBRID(4),
    /** 5: WRF-ARW eta levels (arw2arl). */
    WRF(5);

    private final int flag;

    VerticalCoordinate(int flag) {
        this.flag = flag;
    }

    /** The index's flag value. */
    public int flag() {
        return flag;
    }

    /** The coordinate for an index flag, or null when the flag is not one of 1..5. */
    public static VerticalCoordinate ofFlag(int flag) {
        for (VerticalCoordinate v : values()) {
            if (v.flag == flag) {
                return v;
            }
        }
        return null;
    }
}
