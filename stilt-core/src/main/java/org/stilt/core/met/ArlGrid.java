package org.stilt.core.met;

/**
 * Horizontal grid of an ARL file as its index record describes it (docs/met.md, "Index record").
 * For a regular lat/lon grid ({@code gridSizeKm == 0}) {@code refLat}/{@code refLon} hold the
 * spacing in degrees and {@code poleLat}/{@code poleLon} the last row's latitude and last column's
 * longitude; for conformal grids they are the projection's parameters.
 *
 * @param poleLat      POLE LAT field
 * @param poleLon      POLE LON field
 * @param refLat       REF LAT field (lat/lon: Δlat in degrees; conformal: latitude of true scale)
 * @param refLon       REF LON field (lat/lon: Δlon in degrees; conformal: central meridian)
 * @param gridSizeKm   grid spacing in km; 0 for a lat/lon grid
 * @param orientationDeg angle of the grid's y axis from north at the reference point (must be 0)
 * @param coneAngleDeg cone angle: ±90 polar stereographic, 0 Mercator, otherwise Lambert
 * @param syncX        1-based grid x of the synchronisation point
 * @param syncY        1-based grid y of the synchronisation point
 * @param syncLat      latitude of the synchronisation point
 * @param syncLon      longitude of the synchronisation point (0..360 allowed)
 * @param reserved     RESERVED field (p_top in hPa for some sigma/hybrid writers; 0 otherwise)
 * @param nx           number of columns
 * @param ny           number of rows
 *
 * <p>Thread-safety: immutable value.
 */
public record ArlGrid(double poleLat, double poleLon, double refLat, double refLon, double gridSizeKm,
                      double orientationDeg, double coneAngleDeg, double syncX, double syncY,
                      double syncLat, double syncLon, double reserved, int nx, int ny) {

    /** Kind of horizontal grid. */
    public enum Kind { LAT_LON, LAMBERT_CONFORMAL, POLAR_STEREOGRAPHIC, MERCATOR }

    public ArlGrid {
        if (nx < 2 || ny < 2) {
            throw new IllegalArgumentException("grid of " + nx + " × " + ny
                    + " points; expected at least 2 × 2");
        }
    }

    /** A regular lat/lon grid with corner (1,1) at ({@code lat0}, {@code lon0}). */
    public static ArlGrid latLon(double lat0, double lon0, double dLatDeg, double dLonDeg, int nx, int ny) {
        return new ArlGrid(lat0 + (ny - 1) * dLatDeg, lon0 + (nx - 1) * dLonDeg, dLatDeg, dLonDeg, 0.0,
                0.0, 0.0, 1.0, 1.0, lat0, lon0, 0.0, nx, ny);
    }

    /**
     * A Lambert conformal (tangent cone at {@code trueLat}) or polar stereographic ({@code trueLat
     * = ±90} cone) grid with corner (1,1) at ({@code lat0}, {@code lon0}).
     */
    public static ArlGrid conformal(double coneDeg, double trueLat, double centralLon, double gridSizeKm,
                                    double lat0, double lon0, int nx, int ny) {
        double poleLat = coneDeg >= 0 ? 90.0 : -90.0;
        return new ArlGrid(poleLat, 0.0, trueLat, centralLon, gridSizeKm, 0.0, coneDeg, 1.0, 1.0,
                lat0, lon0, 0.0, nx, ny);
    }

    /** The kind of grid, or an explanation of why it is not supported. */
    public Kind kind() {
        if (gridSizeKm == 0.0) {
            return Kind.LAT_LON;
        }
        if (Math.abs(coneAngleDeg) == 90.0) {
            return Kind.POLAR_STEREOGRAPHIC;
        }
        if (coneAngleDeg == 0.0) {
            return Kind.MERCATOR;
        }
        return Kind.LAMBERT_CONFORMAL;
    }

    /**
     * Checks the geometry is one this engine supports.
     *
     * @return null when supported, else what is wrong and what was expected
     */
    public String unsupportedReason() {
        if (!(Double.isFinite(gridSizeKm) && gridSizeKm >= 0)) {
            return "grid size " + gridSizeKm + " km; expected 0 (lat/lon) or a positive spacing";
        }
        if (!(Math.abs(syncLat) <= 90.0)) {
            return "sync latitude " + syncLat + "°; expected -90..90";
        }
        if (gridSizeKm == 0.0) {
            if (!(refLat > 0 && refLon > 0 && refLat <= 180.0 && refLon <= 360.0)) {
                return "lat/lon grid spacing " + refLat + "° × " + refLon + "°; expected positive spacings"
                        + " (at most 180° × 360°)";
            }
            return null;
        }
        if (orientationDeg != 0.0) {
            return "grid orientation " + orientationDeg + "°; expected 0 (y axis to north), the only orientation supported";
        }
        if (!(Math.abs(coneAngleDeg) <= 90.0)) {
            return "cone angle " + coneAngleDeg + "°; expected -90..90";
        }
        if (!(Math.abs(refLat) < 90.0 || kind() == Kind.POLAR_STEREOGRAPHIC && Math.abs(refLat) <= 90.0)) {
            return "reference latitude " + refLat + "°; expected -90..90 exclusive";
        }
        boolean oppositePole = switch (kind()) {
            case MERCATOR -> Math.abs(syncLat) == 90.0;
            case LAMBERT_CONFORMAL, POLAR_STEREOGRAPHIC -> syncLat == (coneAngleDeg > 0 ? -90.0 : 90.0);
            case LAT_LON -> false;
        };
        if (oppositePole) {
            return "sync latitude " + syncLat + "° cannot be projected with a " + kind() + " grid of cone "
                    + coneAngleDeg + "°";
        }
        return null;
    }

    /** The map projection of this grid. */
    public GridProjection projection() {
        String reason = unsupportedReason();
        if (reason != null) {
            throw new IllegalStateException("unsupported ARL grid: " + reason);
        }
        return switch (kind()) {
            case LAT_LON -> new GridProjection.LatLon(syncX, syncY, syncLat, syncLon, refLat, refLon);
            case MERCATOR -> new GridProjection.Mercator(refLat, gridSizeKm * 1000.0, syncX, syncY, syncLat, syncLon);
            case LAMBERT_CONFORMAL, POLAR_STEREOGRAPHIC -> new GridProjection.Conformal(coneAngleDeg, refLat,
                    refLon, gridSizeKm * 1000.0, syncX, syncY, syncLat, syncLon);
        };
    }

    /** Number of grid points, {@code nx·ny}: the data length of every record. */
    public int points() {
        return nx * ny;
    }
}
