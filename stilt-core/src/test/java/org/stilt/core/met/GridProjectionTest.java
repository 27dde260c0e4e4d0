package org.stilt.core.met;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stilt.core.met.GridProjection.GeoPoint;
import org.stilt.core.met.GridProjection.GridPoint;
import org.stilt.core.met.GridProjection.VectorComponents;

/**
 * Grid geometries: round trips, map factors and grid-relative wind rotation checked against
 * numerical derivatives of {@link GridProjection#toGrid}.
 */
class GridProjectionTest {

    private static final double R = GridProjection.EARTH_RADIUS_METERS;

    static Stream<Arguments> grids() {
        return Stream.of(
                Arguments.of("HRRR Lambert", ArlGrid.conformal(38.5, 38.5, 262.5, 3.0, 40.1015, -112.91, 59, 41)),
                Arguments.of("CONUS Lambert", ArlGrid.conformal(25.0, 25.0, 265.0, 40.0, 12.19, -133.459, 185, 129)),
                Arguments.of("north polar stereographic", new ArlGrid(90, 0, 60, -105, 50, 0, 90, 1, 1, 30, -150, 0, 100, 100)),
                Arguments.of("south polar stereographic", new ArlGrid(-90, 0, -60, 0, 50, 0, -90, 1, 1, -40, 45, 0, 120, 120)),
                Arguments.of("Mercator", new ArlGrid(0, 0, 20, 0, 25, 0, 0, 1, 1, -10, 150, 0, 120, 80)),
                Arguments.of("lat/lon 0..360", ArlGrid.latLon(20, 230, 0.5, 0.5, 100, 60)),
                Arguments.of("lat/lon across the dateline", ArlGrid.latLon(-30, 170, 1.0, 1.0, 30, 40)),
                Arguments.of("lat/lon -180..180", ArlGrid.latLon(-10, -100, 0.25, 0.25, 200, 100)));
    }

    /** Random points inside the grid (0.5 cells of margin). */
    private static List<GridPoint> inside(ArlGrid g, long seed) {
        Random rnd = new Random(seed);
        return Stream.generate(() -> new GridPoint(1.5 + rnd.nextDouble() * (g.nx() - 2),
                1.5 + rnd.nextDouble() * (g.ny() - 2))).limit(200).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grids")
    void roundTripsGridGeoGrid(String name, ArlGrid g) {
        GridProjection p = g.projection();
        for (GridPoint q : inside(g, 1)) {
            GeoPoint geo = p.toGeo(q.x(), q.y());
            GridPoint back = p.toGrid(geo.latitude(), geo.longitude());
            assertEquals(q.x(), back.x(), 1e-7, name + " x at " + q);
            assertEquals(q.y(), back.y(), 1e-7, name + " y at " + q);
            GridPoint viaShifted = p.toGrid(geo.latitude(), geo.longitude() + 360.0);
            assertEquals(q.x(), viaShifted.x(), 1e-7, name + " longitude + 360 at " + q);
        }
        GeoPoint corner = p.toGeo(g.syncX(), g.syncY());
        assertEquals(g.syncLat(), corner.latitude(), 1e-9, name);
        assertEquals(GridProjection.wrap180(g.syncLon()), corner.longitude(), 1e-9, name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grids")
    void mapFactorsMatchNumericalDerivatives(String name, ArlGrid g) {
        GridProjection p = g.projection();
        double d = 10.0; // metres
        for (GridPoint q : inside(g, 2)) {
            GeoPoint geo = p.toGeo(q.x(), q.y());
            double lat = geo.latitude();
            double lon = geo.longitude();
            double dLon = Math.toDegrees(d / (R * Math.cos(Math.toRadians(lat))));
            GridPoint e1 = p.toGrid(lat, lon - dLon);
            GridPoint e2 = p.toGrid(lat, lon + dLon);
            double east = Math.hypot(e2.x() - e1.x(), e2.y() - e1.y()) / (2 * d);
            double dLat = Math.toDegrees(d / R);
            GridPoint n1 = p.toGrid(lat - dLat, lon);
            GridPoint n2 = p.toGrid(lat + dLat, lon);
            double north = Math.hypot(n2.x() - n1.x(), n2.y() - n1.y()) / (2 * d);
            assertEquals(east, p.gridUnitsPerMeterX(lat, lon), 1e-6 * east, name + " east at " + geo);
            assertEquals(north, p.gridUnitsPerMeterY(lat, lon), 1e-6 * north, name + " north at " + geo);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grids")
    void windRotationMatchesTheDirectionOfEastAndNorthOnTheGrid(String name, ArlGrid g) {
        GridProjection p = g.projection();
        for (GridPoint q : inside(g, 3)) {
            GeoPoint geo = p.toGeo(q.x(), q.y());
            double lat = geo.latitude();
            double lon = geo.longitude();
            double h = 1e-4;
            GridPoint e1 = p.toGrid(lat, lon - h);
            GridPoint e2 = p.toGrid(lat, lon + h);
            double eastAngle = Math.atan2(e2.y() - e1.y(), e2.x() - e1.x());
            assertEquals(0.0, angleDiff(eastAngle, p.gridRotationRadians(lat, lon)), 1e-6, name + " east at " + geo);
            GridPoint n1 = p.toGrid(lat - h, lon);
            GridPoint n2 = p.toGrid(lat + h, lon);
            double northAngle = Math.atan2(n2.y() - n1.y(), n2.x() - n1.x());
            assertEquals(0.0, angleDiff(northAngle, p.gridRotationRadians(lat, lon) + Math.PI / 2), 1e-6,
                    name + " north at " + geo);

            // a true eastward wind, expressed grid-relative, points along the grid image of east
            VectorComponents eastWind = p.toGridRelative(new VectorComponents(10.0, 0.0), lat, lon);
            assertEquals(0.0, angleDiff(Math.atan2(eastWind.v(), eastWind.u()), eastAngle), 1e-6, name);
            assertEquals(10.0, Math.hypot(eastWind.u(), eastWind.v()), 1e-12, name);
            VectorComponents northWind = p.toGridRelative(new VectorComponents(0.0, 5.0), lat, lon);
            assertEquals(0.0, angleDiff(Math.atan2(northWind.v(), northWind.u()), northAngle), 1e-6, name);

            VectorComponents w = new VectorComponents(3.0, -7.5);
            VectorComponents back = p.toTrue(p.toGridRelative(w, lat, lon), lat, lon);
            assertEquals(w.u(), back.u(), 1e-12, name);
            assertEquals(w.v(), back.v(), 1e-12, name);
        }
    }

    private static double angleDiff(double a, double b) {
        return Math.IEEEremainder(a - b, 2 * Math.PI);
    }

    @Test
    void latLonGridsUseLongitudesEastOfTheirOrigin() {
        GridProjection p360 = ArlGrid.latLon(20, 230, 0.5, 0.5, 100, 60).projection();
        assertEquals(21.0, p360.toGrid(25, -120).x(), 1e-12);
        assertEquals(21.0, p360.toGrid(25, 240).x(), 1e-12);
        assertEquals(11.0, p360.toGrid(25, 240).y(), 1e-12);
        assertEquals(-120.0, p360.toGeo(21, 11).longitude(), 1e-12);

        GridProjection dateline = ArlGrid.latLon(-30, 170, 1.0, 1.0, 30, 40).projection();
        assertEquals(16.0, dateline.toGrid(0, -175).x(), 1e-12);
        assertEquals(11.0, dateline.toGrid(0, 180).x(), 1e-12);
        assertEquals(-175.0, dateline.toGeo(16, 1).longitude(), 1e-12);
        assertEquals(179.5, dateline.toGeo(10.5, 1).longitude(), 1e-12);
        assertEquals(0.0, dateline.gridRotationRadians(0, -175));
    }

    @Test
    void hrrrGridIsRotatedWestOfItsCentralMeridian() {
        GridProjection p = ArlGrid.conformal(38.5, 38.5, 262.5, 3.0, 40.1015, -112.91, 59, 41).projection();
        // 14.59° west of the central meridian (-97.5°), n = sin 38.5°
        double expected = Math.sin(Math.toRadians(38.5)) * Math.toRadians(-112.91 + 97.5);
        assertEquals(expected, p.gridRotationRadians(40.1015, -112.91), 1e-12);
        assertEquals(0.0, p.gridRotationRadians(40, -97.5), 1e-15);
        // a grid-relative westerly (u > 0) there has a southward true component
        VectorComponents t = p.toTrue(new VectorComponents(10, 0), 40.1015, -112.91);
        assertEquals(10 * Math.cos(expected), t.u(), 1e-12);
        assertEquals(-10 * Math.sin(expected), t.v(), 1e-12);
        assertEquals(true, t.v() > 0 == expected < 0);
    }
}
