package org.stilt.core.met.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stilt.core.InvalidInputException;
import org.stilt.core.MetUnavailableException;
import org.stilt.core.met.ArlGrid;
import org.stilt.core.met.GridProjection;

/** Regions to sub-grids: lat/lon and Lambert grids, the dateline, global seams, clipping, growth. */
class MetRegionTest {

    private static final ArlGrid LL = MetTestFiles.LAT_LON; // 250..261 E, 30..38 N, 0.5°

    @Test
    void aPointOnALatLonGridGetsItsCellsPlusTheMarginInEitherLongitudeConvention() {
        SubGrid a = MetRegion.point(34.0, -105.0, 1).subGrid(LL);
        assertEquals(new SubGrid(9, 7, 3, 3), a);
        assertEquals(a, MetRegion.point(34.0, 255.0, 1).subGrid(LL));
        assertEquals(new SubGrid(10, 8, 1, 1), MetRegion.point(34.0, 255.0, 0).subGrid(LL));
        // between grid points: both neighbours
        assertEquals(new SubGrid(10, 8, 2, 2), MetRegion.point(34.2, 255.2, 0).subGrid(LL));
    }

    @Test
    void boxesAreClippedToTheGridAndOutsideIsAnError() {
        assertEquals(new SubGrid(0, 0, 3, 17), MetRegion.latLonBox(20, 50, 240, 251, 0).subGrid(LL));
        assertEquals(SubGrid.full(LL), MetRegion.gridBox(-5, 100, -5, 100, 2).subGrid(LL));
        MetUnavailableException e = assertThrows(MetUnavailableException.class,
                () -> MetRegion.point(10.0, 255.0, 3).subGrid(LL));
        assertTrue(e.getMessage().contains("outside the met grid of 23 × 17"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> MetRegion.latLonBox(40, 30, 0, 1, 0));
        assertThrows(InvalidInputException.class, () -> MetRegion.gridBox(1, 2, 1, 2, -1));
    }

    @Test
    void aLatLonGridAcrossTheDatelineTakesBoxesAcrossIt() {
        ArlGrid g = ArlGrid.latLon(-10.0, 170.0, 1.0, 1.0, 30, 20); // 170E .. 161W
        SubGrid s = MetRegion.latLonBox(0, 2, 178, -175, 0).subGrid(g);
        assertEquals(new SubGrid(8, 10, 8, 3), s);
        assertEquals(s, MetRegion.latLonBox(0, 2, -182, -175, 0).subGrid(g));
        // a box starting west of the grid is clipped at its first column, not wrapped to the east
        assertEquals(new SubGrid(0, 10, 3, 3), MetRegion.latLonBox(0, 2, 165, 172, 0).subGrid(g));
        // sync longitude written in 0..360 east of the dateline
        ArlGrid g360 = ArlGrid.latLon(-10.0, 190.0, 1.0, 1.0, 30, 20);
        assertEquals(new SubGrid(5, 10, 1, 1), MetRegion.point(0, -165, 0).subGrid(g360));
    }

    @Test
    void aGlobalGridGivesEveryColumnToABoxAcrossItsSeam() {
        ArlGrid g = ArlGrid.latLon(-90.0, 0.0, 1.0, 1.0, 360, 181);
        assertEquals(new SubGrid(0, 90, 360, 11), MetRegion.latLonBox(0, 10, 350, 10, 0).subGrid(g));
        assertEquals(new SubGrid(10, 90, 11, 11), MetRegion.latLonBox(0, 10, 10, 20, 0).subGrid(g));
        assertEquals(new SubGrid(0, 90, 360, 1), MetRegion.latLonBox(0, 0, -180, 180, 0).subGrid(g));
    }

    @Test
    void aLambertBoxCoversTheGridPointsOfItsCornersAndEdges() {
        ArlGrid g = ArlGrid.conformal(38.5, 38.5, 262.5, 3.0, 20.0, -125.0, 1799, 1059); // HRRR-like
        GridProjection p = g.projection();
        double lat = 40.77;
        double lon = -111.85;
        SubGrid point = MetRegion.point(lat, lon, 2).subGrid(g);
        GridProjection.GridPoint gp = p.toGrid(lat, lon);
        assertTrue(point.containsGridPoint(gp.x(), gp.y()), point + " holds " + gp);
        assertEquals(6, point.wx(), "floor..ceil plus 2 cells each side");
        SubGrid box = MetRegion.latLonBox(38, 43, -115, -108, 0).subGrid(g);
        for (double la = 38; la <= 43; la += 0.25) {
            for (double lo = -115; lo <= -108; lo += 0.25) {
                GridProjection.GridPoint q = p.toGrid(la, lo);
                assertTrue(box.containsGridPoint(q.x(), q.y()), la + "," + lo + " → " + q + " in " + box);
            }
        }
        assertTrue(box.wx() < 250 && box.wy() < 250, "tight: " + box);
    }

    @Test
    void aUnionGrowsAndSkipsPartsOffTheGrid() {
        MetRegion r = MetRegion.point(34.0, 255.0, 0).union(MetRegion.point(36.0, 258.0, 0));
        assertEquals(new SubGrid(10, 8, 7, 5), r.subGrid(LL));
        MetRegion off = r.union(MetRegion.point(-40, 0, 0));
        assertEquals(new SubGrid(10, 8, 7, 5), off.subGrid(LL));
        assertEquals(3, ((MetRegion.Union) off).parts().size());
    }
}
