package org.stilt.core.met.window;

import java.util.ArrayList;
import java.util.List;

import org.stilt.core.InvalidInputException;
import org.stilt.core.MetUnavailableException;
import org.stilt.core.met.ArlGrid;
import org.stilt.core.met.GridProjection;

/**
 * The part of a met grid a simulation needs: a box in latitude/longitude or in grid coordinates,
 * widened by a margin of whole grid cells, or the union of such boxes (a region grows as the
 * particles spread). {@link #subGrid(ArlGrid)} turns it into the {@link SubGrid} of one grid,
 * through the grid's projection and clipped to the grid.
 *
 * <p>Longitudes: a box runs east from {@code lonWest} to {@code lonEast} (so 170 → −170 is 20°
 * wide across the dateline); any longitude convention works (−180..180 or 0..360). On a regular
 * lat/lon grid a box is placed relative to the grid's first column, so grids whose sync longitude
 * is given in 0..360 or that cross the dateline work; on a global (wrap-around) grid a box that
 * crosses the grid's seam gets every column, since a sub-grid cannot wrap. On a projected grid
 * the box's edges are sampled (64 points per edge, plus the central meridian) and the grid
 * coordinates' extremes taken.
 *
 * <p>Thread-safety: immutable values.
 */
public sealed interface MetRegion permits MetRegion.GridBox, MetRegion.LatLonBox, MetRegion.Union {

    /** Edge samples of a lat/lon box on a projected grid. */
    int EDGE_SAMPLES = 64;

    /**
     * The sub-grid of {@code grid} covering this region and its margin, clipped to the grid.
     *
     * @throws MetUnavailableException when the region lies entirely outside the grid
     */
    SubGrid subGrid(ArlGrid grid);

    /** A box of fractional 1-based grid coordinates, widened by {@code marginCells}. */
    static MetRegion gridBox(double xMin, double xMax, double yMin, double yMax, int marginCells) {
        return new GridBox(xMin, xMax, yMin, yMax, marginCells);
    }

    /** A latitude/longitude box (degrees), widened by {@code marginCells} grid cells. */
    static MetRegion latLonBox(double latSouth, double latNorth, double lonWest, double lonEast, int marginCells) {
        return new LatLonBox(latSouth, latNorth, lonWest, lonEast, marginCells);
    }

    /** One point (e.g. a receptor) with {@code marginCells} cells around it. */
    static MetRegion point(double latitude, double longitude, int marginCells) {
        return new LatLonBox(latitude, latitude, longitude, longitude, marginCells);
    }

    /** This region and {@code other}. */
    default MetRegion union(MetRegion other) {
        List<MetRegion> parts = new ArrayList<>();
        for (MetRegion r : new MetRegion[] {this, other}) {
            if (r instanceof Union u) {
                parts.addAll(u.parts());
            } else {
                parts.add(r);
            }
        }
        return new Union(parts);
    }

    /**
     * A box of grid coordinates (1-based, fractional, as {@link GridProjection#toGrid} gives).
     *
     * @param xMin        westmost grid x
     * @param xMax        eastmost grid x
     * @param yMin        southmost grid y
     * @param yMax        northmost grid y
     * @param marginCells whole cells added on every side, ≥ 0
     */
    record GridBox(double xMin, double xMax, double yMin, double yMax, int marginCells) implements MetRegion {
        public GridBox {
            if (!(Double.isFinite(xMin) && Double.isFinite(xMax) && Double.isFinite(yMin) && Double.isFinite(yMax))
                    || xMin > xMax || yMin > yMax || marginCells < 0) {
                throw new InvalidInputException("grid box x " + xMin + ".." + xMax + ", y " + yMin + ".." + yMax
                        + ", margin " + marginCells + "; expected finite min ≤ max and a margin ≥ 0");
            }
        }

        @Override
        public SubGrid subGrid(ArlGrid grid) {
            // 1-based fractional → 0-based cells; bilinear interpolation needs floor and ceil.
            double lo = Math.floor(xMin) - 1 - marginCells;
            double hi = Math.ceil(xMax) - 1 + marginCells;
            double loY = Math.floor(yMin) - 1 - marginCells;
            double hiY = Math.ceil(yMax) - 1 + marginCells;
            if (hi < 0 || lo > grid.nx() - 1 || hiY < 0 || loY > grid.ny() - 1) {
                throw new MetUnavailableException("met region " + this + " lies outside the met grid of "
                        + grid.nx() + " × " + grid.ny() + " points (grid x 1.." + grid.nx() + ", y 1.." + grid.ny() + ")");
            }
            int x0 = (int) Math.max(0, lo);
            int x1 = (int) Math.min(grid.nx() - 1, hi);
            int y0 = (int) Math.max(0, loY);
            int y1 = (int) Math.min(grid.ny() - 1, hiY);
            return new SubGrid(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
        }

        @Override
        public String toString() {
            return "grid box x " + xMin + ".." + xMax + ", y " + yMin + ".." + yMax + " + " + marginCells + " cells";
        }
    }

    /**
     * A latitude/longitude box in degrees, running east from {@code lonWest} to {@code lonEast}.
     *
     * @param latSouth    southern edge, −90..90
     * @param latNorth    northern edge, ≥ {@code latSouth}
     * @param lonWest     western edge (any convention)
     * @param lonEast     eastern edge; a box spans {@code (lonEast − lonWest) mod 360} degrees, or
     *                    360 when {@code lonEast − lonWest ≥ 360}
     * @param marginCells whole grid cells added on every side, ≥ 0
     */
    record LatLonBox(double latSouth, double latNorth, double lonWest, double lonEast, int marginCells)
            implements MetRegion {
        public LatLonBox {
            if (!(latSouth >= -90 && latNorth <= 90 && latSouth <= latNorth) || !Double.isFinite(lonWest)
                    || !Double.isFinite(lonEast) || marginCells < 0) {
                throw new InvalidInputException("lat/lon box lat " + latSouth + ".." + latNorth + ", lon " + lonWest
                        + ".." + lonEast + ", margin " + marginCells
                        + "; expected -90 ≤ south ≤ north ≤ 90, finite longitudes and a margin ≥ 0");
            }
        }

        /** Eastward extent in degrees, 0..360. */
        public double widthDeg() {
            double span = lonEast - lonWest;
            if (span >= 360.0) {
                return 360.0;
            }
            return ((span % 360.0) + 360.0) % 360.0;
        }

        @Override
        public SubGrid subGrid(ArlGrid grid) {
            GridProjection projection = grid.projection();
            if (projection instanceof GridProjection.LatLon ll) {
                return latLonGrid(grid, ll);
            }
            double xMin = Double.POSITIVE_INFINITY;
            double xMax = Double.NEGATIVE_INFINITY;
            double yMin = Double.POSITIVE_INFINITY;
            double yMax = Double.NEGATIVE_INFINITY;
            double width = widthDeg();
            List<double[]> samples = new ArrayList<>();
            for (int k = 0; k <= EDGE_SAMPLES; k++) {
                double f = (double) k / EDGE_SAMPLES;
                double lon = lonWest + f * width;
                double lat = latSouth + f * (latNorth - latSouth);
                samples.add(new double[] {latSouth, lon});
                samples.add(new double[] {latNorth, lon});
                samples.add(new double[] {lat, lonWest});
                samples.add(new double[] {lat, lonWest + width});
            }
            if (grid.kind() != ArlGrid.Kind.MERCATOR) {
                double offset = ((grid.refLon() - lonWest) % 360.0 + 360.0) % 360.0;
                if (offset <= width) {
                    samples.add(new double[] {latSouth, grid.refLon()});
                    samples.add(new double[] {latNorth, grid.refLon()});
                }
            }
            for (double[] s : samples) {
                GridProjection.GridPoint p = projection.toGrid(s[0], s[1]);
                if (!(Double.isFinite(p.x()) && Double.isFinite(p.y()))) {
                    continue;
                }
                xMin = Math.min(xMin, p.x());
                xMax = Math.max(xMax, p.x());
                yMin = Math.min(yMin, p.y());
                yMax = Math.max(yMax, p.y());
            }
            if (!(xMin <= xMax && yMin <= yMax)) {
                throw new MetUnavailableException("met region " + this + " cannot be placed on the grid ("
                        + projection.describe() + ")");
            }
            return clip(grid, new GridBox(xMin, xMax, yMin, yMax, marginCells));
        }

        private SubGrid latLonGrid(ArlGrid grid, GridProjection.LatLon ll) {
            double dLon = ll.dLonDeg();
            double origin = ll.syncLon() - (ll.syncX() - 1.0) * dLon;
            double gridWidth = (grid.nx() - 1) * dLon;
            boolean global = grid.nx() * dLon >= 360.0 - 1e-6;
            double width = widthDeg();
            double off = ((lonWest - origin) % 360.0 + 360.0) % 360.0;
            if (!global && off > gridWidth + (360.0 - gridWidth) / 2) {
                off -= 360.0; // west of the grid: closer to its first column than to its last
            }
            double xW = 1.0 + off / dLon;
            double xE = xW + width / dLon;
            if (global && (xE > grid.nx() || width >= 360.0)) {
                xW = 1.0;
                xE = grid.nx();
            }
            double yS = ll.syncY() + (latSouth - ll.syncLat()) / ll.dLatDeg();
            double yN = ll.syncY() + (latNorth - ll.syncLat()) / ll.dLatDeg();
            return clip(grid, new GridBox(xW, xE, Math.min(yS, yN), Math.max(yS, yN), marginCells));
        }

        private SubGrid clip(ArlGrid grid, GridBox box) {
            try {
                return box.subGrid(grid);
            } catch (MetUnavailableException e) {
                throw new MetUnavailableException("met region " + this + " (" + box + ") lies outside the met grid of "
                        + grid.nx() + " × " + grid.ny() + " points (" + grid.projection().describe() + ")");
            }
        }

        @Override
        public String toString() {
            return "lat " + latSouth + ".." + latNorth + ", lon " + lonWest + ".." + lonEast + " + " + marginCells
                    + " cells";
        }
    }

    /**
     * Several regions; the sub-grid holds every part that lies on the grid.
     *
     * @param parts the regions, at least one
     */
    record Union(List<MetRegion> parts) implements MetRegion {
        public Union {
            parts = List.copyOf(parts);
            if (parts.isEmpty()) {
                throw new InvalidInputException("a union of met regions needs at least one region");
            }
        }

        @Override
        public SubGrid subGrid(ArlGrid grid) {
            SubGrid out = null;
            MetUnavailableException first = null;
            for (MetRegion r : parts) {
                try {
                    SubGrid s = r.subGrid(grid);
                    out = out == null ? s : out.union(s);
                } catch (MetUnavailableException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
            if (out == null) {
                throw new MetUnavailableException("every part of the met region lies outside the met grid; first: "
                        + first.getMessage());
            }
            return out;
        }
    }
}
