package org.stilt.core.footprint;

import java.util.Objects;

import org.stilt.core.InvalidInputException;

/**
 * A footprint grid as R-STILT's {@code calc_footprint} takes it.
 *
 * <p>The edges {@code xmn, xmx, ymn, ymx} are always in degrees (longitude east, latitude north),
 * also for projected grids; {@code xres, yres} are in degrees for {@code +proj=longlat} and in
 * projection units (metres) otherwise. {@code xmx < xmn} or {@code xmx > 180} means a grid across
 * the antimeridian (R-STILT wraps it to 0..360).
 *
 * @param xmn        western edge, degrees east
 * @param xmx        eastern edge, degrees east
 * @param ymn        southern edge, degrees north
 * @param ymx        northern edge, degrees north
 * @param xres       cell width (degrees, or projection units for projected grids), &gt; 0
 * @param yres       cell height (degrees, or projection units for projected grids), &gt; 0
 * @param projection PROJ string; R-STILT treats it as lon/lat only if it contains {@code +proj=longlat}
 *
 * <p>Thread-safety: immutable value.
 */
public record FootprintDomain(double xmn, double xmx, double ymn, double ymx, double xres, double yres,
                              String projection) {

    /** R-STILT's default projection string. */
    public static final String LONGLAT = "+proj=longlat";

    public FootprintDomain {
        Objects.requireNonNull(projection, "projection");
        requireFinite("xmn", xmn);
        requireFinite("xmx", xmx);
        requireFinite("ymn", ymn);
        requireFinite("ymx", ymx);
        if (!(xres > 0) || !Double.isFinite(xres)) {
            throw new InvalidInputException("xres must be a finite number > 0 (got " + xres + ")");
        }
        if (!(yres > 0) || !Double.isFinite(yres)) {
            throw new InvalidInputException("yres must be a finite number > 0 (got " + yres + ")");
        }
        if (xmx == xmn) {
            throw new InvalidInputException("xmx must differ from xmn (both " + xmn + ")");
        }
        if (!(ymx > ymn)) {
            throw new InvalidInputException("ymx must be > ymn (got ymn=" + ymn + ", ymx=" + ymx + ")");
        }
        if (projection.isBlank()) {
            throw new InvalidInputException("projection must not be blank (use " + LONGLAT + ")");
        }
    }

    /** A lon/lat domain with square cells. */
    public static FootprintDomain longlat(double xmn, double xmx, double ymn, double ymx, double res) {
        return new FootprintDomain(xmn, xmx, ymn, ymx, res, res, LONGLAT);
    }

    /** R-STILT's test: lon/lat only when the string contains the literal {@code +proj=longlat}. */
    public boolean isLongLat() {
        return projection.contains(LONGLAT);
    }

    private static void requireFinite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new InvalidInputException(name + " must be a finite number of degrees (got " + v + ")");
        }
    }
}
