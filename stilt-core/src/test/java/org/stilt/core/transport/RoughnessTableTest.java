package org.stilt.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.stilt.core.InvalidInputException;
import org.stilt.core.StiltException;

/**
 * Unit tests of {@link RoughnessTable}: known places, the resource's shape and range, longitude
 * wrap, bad input. Thread-safety: stateless test class (JUnit creates one instance per test).
 */
class RoughnessTableTest {

    private static final double WATER = 0.0002;
    private static final double ICE = 0.001;
    private static final double LAND = 0.1;
    private static final double EPS = 1e-12;

    private final RoughnessTable table = RoughnessTable.standard();

    @Test
    void openOceanIsWater() {
        assertEquals(WATER, table.z0Meters(0.0, -150.0), EPS, "0N 150W (central Pacific)");
        assertEquals(WATER, table.z0Meters(-40.0, -30.0), EPS, "40S 30W (South Atlantic)");
        assertEquals(WATER, table.z0Meters(-30.0, 80.0), EPS, "30S 80E (Indian Ocean)");
    }

    @Test
    void continentalInteriorIsLand() {
        assertEquals(LAND, table.z0Meters(40.0, -98.0), EPS, "40N 98W (Kansas)");
        assertEquals(LAND, table.z0Meters(52.0, 100.0), EPS, "52N 100E (Siberia)");
        assertEquals(LAND, table.z0Meters(-25.0, 135.0), EPS, "25S 135E (central Australia)");
        assertEquals(LAND, table.z0Meters(5.0, 20.0), EPS, "5N 20E (central Africa)");
    }

    @Test
    void iceSheetsAreIce() {
        assertEquals(ICE, table.z0Meters(72.0, -40.0), EPS, "72N 40W (Greenland interior)");
        assertEquals(ICE, table.z0Meters(-80.0, 0.0), EPS, "80S 0E (Antarctica)");
        assertEquals(ICE, table.z0Meters(-90.0, 123.0), EPS, "South Pole");
    }

    @Test
    void largeLakesAreWater() {
        double superior = table.z0Meters(47.7, -87.5);
        assertTrue(superior < 0.0003, "Lake Superior centre 47.7N 87.5W: " + superior);
        assertEquals(WATER, table.z0Meters(42.0, 50.0), EPS, "42N 50E (Caspian Sea)");
        assertTrue(table.z0Meters(53.5, 108.0) < LAND / 10, "Lake Baikal 53.5N 108E");
    }

    @Test
    void coastalCellIsALogAverageBetweenWaterAndLand() {
        double z0 = table.z0Meters(48.5, -88.5);   // Lake Superior north shore: part lake, part land
        assertTrue(z0 > WATER && z0 < LAND, "48.5N 88.5W: " + z0);
    }

    @Test
    void resourceHas180RowsOf360ValuesWithinTheClassRange() throws IOException {
        int rows = 0;
        int water = 0;
        int land = 0;
        int ice = 0;
        try (BufferedReader r = open()) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split(" +");
                assertEquals(RoughnessTable.COLUMNS, f.length, "row " + rows);
                for (String s : f) {
                    int um = Integer.parseInt(s);
                    assertTrue(um >= 200 && um <= 100_000, "row " + rows + ": " + um + " um");
                    water += um == 200 ? 1 : 0;
                    ice += um == 1000 ? 1 : 0;
                    land += um == 100_000 ? 1 : 0;
                }
                rows++;
            }
        }
        assertEquals(RoughnessTable.ROWS, rows);
        // whole-class cells: most cells are ocean, a fifth land, a tenth ice (Antarctica, Greenland)
        assertTrue(water > 35_000 && water < 45_000, "water cells " + water);
        assertTrue(land > 10_000 && land < 16_000, "land cells " + land);
        assertTrue(ice > 5_000 && ice < 7_500, "ice cells " + ice);
        for (int row = 0; row < RoughnessTable.ROWS; row++) {
            for (int col = 0; col < RoughnessTable.COLUMNS; col++) {
                double z0 = table.cellZ0Meters(row, col);
                assertTrue(z0 >= RoughnessTable.MIN_Z0_METERS && z0 <= RoughnessTable.MAX_Z0_METERS,
                        "cell " + row + "," + col + ": " + z0);
            }
        }
    }

    @Test
    void resourceHeaderStatesProvenanceAndUnits() throws IOException {
        try (BufferedReader r = open()) {
            String header = r.lines().filter(l -> l.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
            assertTrue(header.contains("Natural Earth"), header);
            assertTrue(header.contains("public domain"), header);
            assertTrue(header.contains("micrometres"), header);
            assertTrue(header.contains("make_roughness_table.R"), header);
        }
    }

    @Test
    void cellCentresMapToTheirOwnCell() {
        for (int row = 0; row < RoughnessTable.ROWS; row++) {
            for (int col = 0; col < RoughnessTable.COLUMNS; col += 7) {
                double lat = 89.5 - row;
                double lon = -179.5 + col;
                assertEquals(table.cellZ0Meters(row, col), table.z0Meters(lat, lon), 0.0, lat + "," + lon);
                assertEquals(table.cellZ0Meters(row, col), table.z0Meters(lat + 0.49, lon - 0.49), 0.0);
                assertEquals(table.cellZ0Meters(row, col), table.z0Meters(lat - 0.49, lon + 0.49), 0.0);
            }
        }
    }

    @Test
    void longitudeWraps() {
        for (double lat = -89.5; lat <= 89.5; lat += 1.0) {
            assertEquals(table.z0Meters(lat, 180.0), table.z0Meters(lat, -180.0), 0.0, "lat " + lat);
            assertEquals(table.z0Meters(lat, -0.4), table.z0Meters(lat, 359.6), 0.0, "lat " + lat);
            assertEquals(table.z0Meters(lat, 0.0), table.z0Meters(lat, 360.0), 0.0, "lat " + lat);
            assertEquals(table.z0Meters(lat, -98.0), table.z0Meters(lat, 262.0), 0.0, "lat " + lat);
        }
        assertEquals(0, RoughnessTable.column(-180.0));
        assertEquals(0, RoughnessTable.column(180.0));
        assertEquals(179, RoughnessTable.column(359.6));
        assertEquals(179, RoughnessTable.column(-0.4));
        assertEquals(359, RoughnessTable.column(179.999));
        assertEquals(0, RoughnessTable.row(90.0));
        assertEquals(179, RoughnessTable.row(-90.0));
    }

    @Test
    void badCoordinatesAreRejectedNamingTheValue() {
        assertMessage(() -> table.z0Meters(90.5, 0.0), "latitude", "90.5");
        assertMessage(() -> table.z0Meters(-91.0, 0.0), "latitude", "-91.0");
        assertMessage(() -> table.z0Meters(Double.NaN, 0.0), "latitude", "NaN");
        assertMessage(() -> table.z0Meters(0.0, -180.5), "longitude", "-180.5");
        assertMessage(() -> table.z0Meters(0.0, 360.1), "longitude", "360.1");
        assertMessage(() -> table.z0Meters(0.0, Double.POSITIVE_INFINITY), "longitude", "Infinity");
        assertMessage(() -> table.cellZ0Meters(180, 0), "row 180", "180 x 360");
        assertMessage(() -> table.cellZ0Meters(0, -1), "column -1", "180 x 360");
    }

    @Test
    void malformedTablesAreRejected() {
        String row = "200 ".repeat(RoughnessTable.COLUMNS).trim() + "\n";
        assertThrows(IllegalStateException.class, () -> parse("# h\n" + row.repeat(179)));
        assertThrows(IllegalStateException.class, () -> parse(row.repeat(181)));
        assertThrows(IllegalStateException.class, () -> parse("200 200\n"));
        assertThrows(IllegalStateException.class, () -> parse("100 " + row.substring(4) + row.repeat(179)));
        RoughnessTable ok = parse("# h\n" + row.repeat(180));
        assertEquals(WATER, ok.z0Meters(12.3, 45.6), EPS);
    }

    @Test
    void standardIsLoadedOnceAndSharedAcrossThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<RoughnessTable> get = RoughnessTable::standard;
            List<Future<RoughnessTable>> all = pool.invokeAll(List.of(get, get, get, get));
            for (Future<RoughnessTable> f : all) {
                assertSame(table, f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    private static RoughnessTable parse(String text) {
        try {
            return RoughnessTable.parse(new BufferedReader(new StringReader(text)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static BufferedReader open() throws IOException {
        InputStream in = RoughnessTable.class.getResourceAsStream(RoughnessTable.RESOURCE);
        assertTrue(in != null, "resource " + RoughnessTable.RESOURCE);
        return new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.US_ASCII));
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String... parts) {
        InvalidInputException e = assertThrows(InvalidInputException.class, call);
        assertEquals(StiltException.Kind.INVALID_INPUT, e.kind());
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), e.getMessage() + " should name " + p);
        }
    }
}
