package org.stilt.core.met;

/**
 * Maps between latitude/longitude (degrees) and the 1-based grid coordinates of an ARL grid
 * (x along columns, y along rows; grid point (1,1) is the first value of every field), and gives
 * the local scale that turns a displacement in metres into grid units. Spherical Earth of radius
 * {@link #EARTH_RADIUS_METERS}, as HYSPLIT uses (docs/met.md, "Grid geometry").
 *
 * <p>Thread-safety: implementations are immutable and safe to share.
 */
public sealed interface GridProjection
        permits GridProjection.LatLon, GridProjection.Conformal, GridProjection.Mercator, GridProjection.Global {

    /** HYSPLIT's Earth radius, 6371.2 km. */
    double EARTH_RADIUS_METERS = 6_371_200.0;

    /** A point in grid coordinates (1-based, fractional). */
    record GridPoint(double x, double y) {
    }

    /** A geographic point in degrees; longitude in -180..180. */
    record GeoPoint(double latitude, double longitude) {
    }

    /** Grid coordinates of a geographic point (any longitude; normalised as the grid needs). */
    GridPoint toGrid(double latitude, double longitude);

    /** Geographic point of grid coordinates; longitude in -180..180. */
    GeoPoint toGeo(double x, double y);

    /** Grid units moved per metre of eastward (grid-relative x) displacement at a point. */
    double gridUnitsPerMeterX(double latitude, double longitude);

    /** Grid units moved per metre of northward (grid-relative y) displacement at a point. */
    double gridUnitsPerMeterY(double latitude, double longitude);

    /** Short description for {@code stilt met info}. */
    String describe();

    /**
     * Horizontal vector components, e.g. a wind in m/s: either grid-relative ({@code u} along the
     * grid's +x axis, {@code v} along +y) or true ({@code u} eastward, {@code v} northward).
     *
     * <p>Thread-safety: immutable value.
     *
     * @param u first component (grid x or east)
     * @param v second component (grid y or north)
     */
    record VectorComponents(double u, double v) {
    }

    /**
     * The angle in radians, counterclockwise, from the grid's +x axis to true east at a point: 0
     * on lat/lon and Mercator grids; {@code n·(λ − λc)} on conformal grids, where the grid's y axis
     * points to true north only along the central meridian. ARL winds on conformal grids are
     * grid-relative; see {@link #toTrue} and {@link #toGridRelative}.
     */
    double gridRotationRadians(double latitude, double longitude);

    /**
     * Grid-relative components (along grid x, y) at a point to true eastward/northward components:
     * {@code east = u cos γ + v sin γ}, {@code north = −u sin γ + v cos γ} with
     * γ = {@link #gridRotationRadians}.
     */
    default VectorComponents toTrue(VectorComponents gridRelative, double latitude, double longitude) {
        double g = gridRotationRadians(latitude, longitude);
        double c = Math.cos(g);
        double s = Math.sin(g);
        return new VectorComponents(gridRelative.u() * c + gridRelative.v() * s,
                -gridRelative.u() * s + gridRelative.v() * c);
    }

    /** True eastward/northward components at a point to grid-relative ones (inverse of {@link #toTrue}). */
    default VectorComponents toGridRelative(VectorComponents trueEastNorth, double latitude, double longitude) {
        double g = gridRotationRadians(latitude, longitude);
        double c = Math.cos(g);
        double s = Math.sin(g);
        return new VectorComponents(trueEastNorth.u() * c - trueEastNorth.v() * s,
                trueEastNorth.u() * s + trueEastNorth.v() * c);
    }

    /** Longitude wrapped to -180..180. */
    static double wrap180(double longitude) {
        double l = ((longitude + 180.0) % 360.0 + 360.0) % 360.0 - 180.0;
        return l == -180.0 && longitude > 0 ? 180.0 : l;
    }

    /**
     * Regular latitude/longitude grid: {@code lat = syncLat + (y − syncY)·dLat},
     * {@code lon = syncLon + (x − syncX)·dLon}; longitudes east of the grid origin are used
     * (a longitude is moved into {@code [originLon, originLon + 360)}), so grids given in 0..360
     * and in -180..180 both work, as do grids across the antimeridian.
     */
    record LatLon(double syncX, double syncY, double syncLat, double syncLon,
                  double dLatDeg, double dLonDeg) implements GridProjection {

        @Override
        public GridPoint toGrid(double latitude, double longitude) {
            double origin = syncLon - (syncX - 1.0) * dLonDeg;
            double east = ((longitude - origin) % 360.0 + 360.0) % 360.0;
            return new GridPoint(1.0 + east / dLonDeg, syncY + (latitude - syncLat) / dLatDeg);
        }

        @Override
        public GeoPoint toGeo(double x, double y) {
            return new GeoPoint(syncLat + (y - syncY) * dLatDeg, wrap180(syncLon + (x - syncX) * dLonDeg));
        }

        @Override
        public double gridUnitsPerMeterX(double latitude, double longitude) {
            return Math.toDegrees(1.0 / (EARTH_RADIUS_METERS * Math.cos(Math.toRadians(latitude)))) / dLonDeg;
        }

        @Override
        public double gridUnitsPerMeterY(double latitude, double longitude) {
            return Math.toDegrees(1.0 / EARTH_RADIUS_METERS) / dLatDeg;
        }

        @Override
        public double gridRotationRadians(double latitude, double longitude) {
            return 0.0;
        }

        @Override
        public String describe() {
            return String.format(java.util.Locale.ROOT, "lat/lon, spacing %.6g° lat × %.6g° lon", dLatDeg, dLonDeg);
        }
    }

    /**
     * A global lat/lon grid (its columns cover 360° of longitude) as one continuous grid, as the
     * transport sees it (docs/transport.md, "Grids around the globe"): {@code copies} copies of the
     * file's {@code period} columns side by side, the middle one at the file's own coordinates;
     * and, when {@code throughPoles} (rows from −90° to 90°, an even period), beyond each pole row
     * the file's rows again in reverse order half a turn away, so that a grid line through a pole
     * continues on the opposite meridian. There the grid's +x axis points west and +y south.
     * {@link #toGrid} gives the middle copy, {@link #toGeo} maps every grid point back to the globe.
     *
     * @param file         the projection of the file's grid
     * @param period       columns per turn around the globe
     * @param fileRows     rows of the file
     * @param throughPoles whether the rows continue through the poles
     */
    record Global(LatLon file, int period, int fileRows, boolean throughPoles) implements GridProjection {

        /** Rows before the file's first row: {@code fileRows − 1} through the poles, else 0. */
        public int rowOffset() {
            return throughPoles ? fileRows - 1 : 0;
        }

        /** Rows of the continuous grid: {@code 3·fileRows − 2} through the poles, else {@code fileRows}. */
        public int rows() {
            return throughPoles ? 3 * fileRows - 2 : fileRows;
        }

        /**
         * Which side of the poles 0-based row {@code row} of the continuous grid lies on: −1 beyond
         * the south pole, 1 beyond the north pole (grid axes turned by 180° there), 0 on the file's rows.
         */
        public int poleSide(int row) {
            int r = row - rowOffset();
            return r < 0 ? -1 : r > fileRows - 1 ? 1 : 0;
        }

        /** The file's 0-based row holding 0-based row {@code row} of the continuous grid (as {@link #toGeo}). */
        public int fileRow(int row) {
            int r = row - rowOffset();
            int last = fileRows - 1;
            return r < 0 ? -r : r > last ? 2 * last - r : r;
        }

        @Override
        public GridPoint toGrid(double latitude, double longitude) {
            GridPoint p = file.toGrid(latitude, longitude);
            return new GridPoint(p.x() + period, p.y() + rowOffset());
        }

        @Override
        public GeoPoint toGeo(double x, double y) {
            double fy = y - rowOffset();
            double fx = x - period;
            if (throughPoles && fy > fileRows) {
                fy = 2.0 * fileRows - fy;
                fx += period / 2;
            } else if (throughPoles && fy < 1.0) {
                fy = 2.0 - fy;
                fx += period / 2;
            }
            return file.toGeo(fx, fy);
        }

        @Override
        public double gridUnitsPerMeterX(double latitude, double longitude) {
            return file.gridUnitsPerMeterX(latitude, longitude);
        }

        @Override
        public double gridUnitsPerMeterY(double latitude, double longitude) {
            return file.gridUnitsPerMeterY(latitude, longitude);
        }

        /** 0, as on the file's grid (beyond a pole the source turns the winds, see the record comment). */
        @Override
        public double gridRotationRadians(double latitude, double longitude) {
            return 0.0;
        }

        @Override
        public String describe() {
            return file.describe() + (throughPoles ? ", around the globe and through the poles" : ", around the globe");
        }
    }

    /**
     * Conformal projection of a cone with {@code n = sin(cone)}: Lambert conformal for
     * 0 < |cone| < 90, polar stereographic for |cone| = 90. True scale at {@code trueLat}, central
     * meridian {@code centralLon}: {@code ρ(φ) = R·F / tan^n(π/4 + φ/2)},
     * {@code F = cos φt · tan^n(π/4 + φt/2) / n}, {@code θ = n·(λ − λc)}, {@code x = ρ sin θ},
     * {@code y = −ρ cos θ}; map factor {@code m = n·ρ / (R cos φ)}.
     */
    record Conformal(double coneDeg, double trueLatDeg, double centralLonDeg, double gridSizeMeters,
                     double syncX, double syncY, double syncLat, double syncLon) implements GridProjection {

        private double n() {
            return Math.sin(Math.toRadians(coneDeg));
        }

        private double f() {
            double n = n();
            double phiT = Math.toRadians(trueLatDeg);
            return Math.cos(phiT) * Math.pow(Math.tan(Math.PI / 4 + phiT / 2), n) / n;
        }

        private double rho(double latDeg, double n, double f) {
            double phi = Math.toRadians(latDeg);
            return EARTH_RADIUS_METERS * f / Math.pow(Math.tan(Math.PI / 4 + phi / 2), n);
        }

        private double[] xy(double latDeg, double lonDeg, double n, double f) {
            double rho = rho(latDeg, n, f);
            double theta = n * Math.toRadians(wrap180(lonDeg - centralLonDeg));
            return new double[] {rho * Math.sin(theta), -rho * Math.cos(theta)};
        }

        @Override
        public GridPoint toGrid(double latitude, double longitude) {
            double n = n();
            double f = f();
            double[] p = xy(latitude, longitude, n, f);
            double[] s = xy(syncLat, syncLon, n, f);
            return new GridPoint(syncX + (p[0] - s[0]) / gridSizeMeters, syncY + (p[1] - s[1]) / gridSizeMeters);
        }

        @Override
        public GeoPoint toGeo(double x, double y) {
            double n = n();
            double f = f();
            double[] s = xy(syncLat, syncLon, n, f);
            double px = s[0] + (x - syncX) * gridSizeMeters;
            double py = s[1] + (y - syncY) * gridSizeMeters;
            double rho = Math.copySign(Math.hypot(px, py), n);
            double theta = Math.atan2(px * Math.signum(n), -py * Math.signum(n));
            double t = Math.pow(EARTH_RADIUS_METERS * f / rho, 1.0 / n);
            double phi = 2.0 * Math.atan(t) - Math.PI / 2;
            double lon = centralLonDeg + Math.toDegrees(theta / n);
            return new GeoPoint(Math.toDegrees(phi), wrap180(lon));
        }

        private double mapFactor(double latDeg) {
            double n = n();
            return n * rho(latDeg, n, f()) / (EARTH_RADIUS_METERS * Math.cos(Math.toRadians(latDeg)));
        }

        @Override
        public double gridUnitsPerMeterX(double latitude, double longitude) {
            return mapFactor(latitude) / gridSizeMeters;
        }

        @Override
        public double gridUnitsPerMeterY(double latitude, double longitude) {
            return mapFactor(latitude) / gridSizeMeters;
        }

        @Override
        public double gridRotationRadians(double latitude, double longitude) {
            return n() * Math.toRadians(wrap180(longitude - centralLonDeg));
        }

        @Override
        public String describe() {
            String kind = Math.abs(coneDeg) == 90.0 ? (coneDeg > 0 ? "north" : "south") + " polar stereographic"
                    : "Lambert conformal, cone " + fmt(coneDeg) + "°";
            return kind + ", true at " + fmt(trueLatDeg) + "°, central meridian " + fmt(centralLonDeg)
                    + "°, spacing " + fmt(gridSizeMeters / 1000.0) + " km";
        }
    }

    /**
     * Mercator, true scale at {@code trueLat}: {@code x = R cos φt · λ},
     * {@code y = R cos φt · ln tan(π/4 + φ/2)}, map factor {@code cos φt / cos φ}.
     */
    record Mercator(double trueLatDeg, double gridSizeMeters, double syncX, double syncY,
                    double syncLat, double syncLon) implements GridProjection {

        private double k() {
            return EARTH_RADIUS_METERS * Math.cos(Math.toRadians(trueLatDeg));
        }

        @Override
        public GridPoint toGrid(double latitude, double longitude) {
            double k = k();
            double dx = k * Math.toRadians(wrap180(longitude - syncLon));
            double dy = k * (Math.log(Math.tan(Math.PI / 4 + Math.toRadians(latitude) / 2))
                    - Math.log(Math.tan(Math.PI / 4 + Math.toRadians(syncLat) / 2)));
            return new GridPoint(syncX + dx / gridSizeMeters, syncY + dy / gridSizeMeters);
        }

        @Override
        public GeoPoint toGeo(double x, double y) {
            double k = k();
            double lon = syncLon + Math.toDegrees((x - syncX) * gridSizeMeters / k);
            double ys = Math.log(Math.tan(Math.PI / 4 + Math.toRadians(syncLat) / 2)) + (y - syncY) * gridSizeMeters / k;
            double phi = 2.0 * Math.atan(Math.exp(ys)) - Math.PI / 2;
            return new GeoPoint(Math.toDegrees(phi), wrap180(lon));
        }

        @Override
        public double gridUnitsPerMeterX(double latitude, double longitude) {
            return Math.cos(Math.toRadians(trueLatDeg)) / Math.cos(Math.toRadians(latitude)) / gridSizeMeters;
        }

        @Override
        public double gridUnitsPerMeterY(double latitude, double longitude) {
            return gridUnitsPerMeterX(latitude, longitude);
        }

        @Override
        public double gridRotationRadians(double latitude, double longitude) {
            return 0.0;
        }

        @Override
        public String describe() {
            return "Mercator, true at " + fmt(trueLatDeg) + "°, spacing " + fmt(gridSizeMeters / 1000.0) + " km";
        }
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.6g", v).replaceAll("\\.?0+$", "");
    }
}
