package org.stilt.core.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.met.ArlFile;
import org.stilt.core.met.ArlGrid;
import org.stilt.core.met.synth.SyntheticMetSpec;

/**
 * A lat/lon grid around the globe is seen by the kernels as copies of itself side by side
 * ({@link ArlFrameSource}, docs/transport.md "Grids around the globe"): which grids are global,
 * where a receptor is placed, and that a region across the file's seam holds the file's columns
 * modulo the period. The transport across the seam is in {@code TransportKernelContractTest}
 * (both kernels).
 *
 * <p>Thread-safety: JUnit test class, one instance per test.
 */
class GlobalGridTest {

    private static final Instant T0 = Instant.parse("2021-07-15T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void whichLatLonGridsGoAroundTheGlobe() {
        assertEquals(360, ArlFrameSource.periodColumns(ArlGrid.latLon(-90, 0, 1, 1, 360, 181)), "GDAS 1 degree");
        assertEquals(1440, ArlFrameSource.periodColumns(ArlGrid.latLon(-90, -180, 0.25, 0.25, 1440, 721)), "GFS 0.25");
        assertEquals(360, ArlFrameSource.periodColumns(ArlGrid.latLon(-90, 0, 1, 1, 361, 181)),
                "a last column repeating the first");
        assertEquals(0, ArlFrameSource.periodColumns(ArlGrid.latLon(20, -130, 0.25, 0.25, 81, 61)), "regional");
        assertEquals(0, ArlFrameSource.periodColumns(ArlGrid.latLon(-90, 0, 0.7, 1, 359, 181)), "one column short");
        assertEquals(0, ArlFrameSource.periodColumns(ArlGrid.latLon(-90, 0, 1, 0.7, 515, 181)),
                "a spacing that does not divide 360");
        assertEquals(0, ArlFrameSource.periodColumns(ArlGrid.conformal(25, 25, -95, 12, 20, -120, 400, 300)),
                "a Lambert grid");
    }

    @Test
    void aRegionAcrossTheSeamHoldsTheFileColumnsModuloThePeriod() {
        // every column its own temperature, so a column read from the wrong place shows
        Path met = TransportTestMet.write(spec(0.0), dir,
                (v, level, time, lat, lon, value) -> v.equals("TEMP") ? (float) (250.0 + lon / 4.0 + level) : value);
        try (ArlFrameSource src = TransportTestMet.source(met)) {
            assertTrue(src.isGlobal());
            assertEquals(180, src.fileGrid().nx());
            assertEquals(540, src.grid().nx());
            assertArrayEquals(new int[] {180, 0, 180, 21}, src.region(), "until a region is set: the middle copy");
            // the receptor at 179 E (file column 90, 1-based) is placed in the middle copy
            assertEquals(90.5 + 180, src.projection().toGrid(40.0, 179.0).x(), 1e-9);
            assertEquals(src.projection().toGrid(40.0, 179.0).x(), src.projection().toGrid(40.0, -181.0).x(), 1e-9);
            double x = src.projection().toGrid(40.0, 179.0).x();
            assertEquals(179.0, src.projection().toGeo(x, 11.0).longitude(), 1e-9);
            ArlFile file = ArlFile.open(met);
            float[] full = file.read(file.periods().get(0), "TEMP", 2);
            // columns 350..374 (0-based) of the copies: file columns 170..179 and 0..14
            src.setRegion(350, 3, 25, 4);
            RawMetFrame raw = src.read(T0);
            assertEquals(350, raw.x0());
            float[] temp = raw.upperField("TEMP");
            int plane = raw.wx() * raw.wy();
            for (int j = 0; j < 4; j++) {
                for (int i = 0; i < 25; i++) {
                    int fileColumn = Math.floorMod(350 + i, 180);
                    assertEquals(full[(3 + j) * 180 + fileColumn], temp[plane + j * 25 + i],
                            "column " + (350 + i) + " (file column " + fileColumn + "), row " + (3 + j));
                }
            }
        }
    }

    @Test
    void aRegionThroughThePoleReadsTheRowsBeyondItHalfATurnAwayWithTheWindTurned() {
        // pole to pole, 2 degrees: 180 columns, 91 rows; every point its own temperature and wind
        Path met = TransportTestMet.write(SyntheticMetSpec.builder()
                .grid(new SyntheticMetSpec.LatLonGrid(-90.0, 0.0, 2.0, 2.0, 180, 91))
                .times(SyntheticMetSpec.Times.hourly(T0, 1)).build(), dir,
                (v, level, time, lat, lon, value) -> switch (v) {
                    case "TEMP" -> (float) (250.0 + lon / 4.0 + lat / 8.0);
                    case "UWND" -> (float) (lon / 10.0 + lat / 100.0);
                    default -> value;
                });
        try (ArlFrameSource src = TransportTestMet.source(met)) {
            assertTrue(src.isThroughPoles());
            assertEquals(3 * 91 - 2, src.grid().ny());
            assertArrayEquals(new int[] {180, 90, 180, 91}, src.region(), "until a region is set: the file's own rows");
            // the north pole row is 0-based row 90 of the file, 180 of the continuous grid
            assertEquals(90.0, src.projection().toGeo(200.0, 181.0).latitude(), 1e-9);
            // one row beyond it: 88 N, half a turn away
            assertEquals(88.0, src.projection().toGeo(200.0, 182.0).latitude(), 1e-9);
            assertEquals(src.projection().toGeo(200.0 + 90, 180.0).longitude(),
                    src.projection().toGeo(200.0, 182.0).longitude(), 1e-9);
            assertEquals(src.projection().toGrid(40.0, 10.0).y(), 1.0 + 90 + 65, 1e-9,
                    "receptors are on the file's rows");
            ArlFile file = ArlFile.open(met);
            float[] temp = file.read(file.periods().get(0), "TEMP", 2);
            float[] u = file.read(file.periods().get(0), "UWND", 2);
            // rows 176..185 of the continuous grid: file rows 86..90, then 89..85 beyond the pole
            src.setRegion(170, 176, 30, 10);
            RawMetFrame raw = src.read(T0);
            int plane = raw.wx() * raw.wy();
            for (int j = 0; j < 10; j++) {
                int r = 176 + j - 90;
                boolean beyond = r > 90;
                int fileRow = beyond ? 180 - r : r;
                for (int i = 0; i < 30; i++) {
                    int fileColumn = Math.floorMod(170 + i + (beyond ? 90 : 0), 180);
                    int at = fileRow * 180 + fileColumn;
                    String where = "row " + (176 + j) + " (file row " + fileRow + "), column " + (170 + i)
                            + " (file column " + fileColumn + ")";
                    assertEquals(temp[at], raw.upperField("TEMP")[plane + j * 30 + i], where);
                    assertEquals(beyond ? -u[at] : u[at], raw.upperField("UWND")[plane + j * 30 + i], where);
                }
            }
        }
    }

    @Test
    void aRegionalGridIsUsedAsItIs() {
        Path met = TransportTestMet.write(SyntheticMetSpec.builder()
                .grid(new SyntheticMetSpec.LatLonGrid(20.0, -130.0, 2.0, 2.0, 40, 21))
                .times(SyntheticMetSpec.Times.hourly(T0, 1)).build(), dir);
        try (ArlFrameSource src = TransportTestMet.source(met)) {
            assertFalse(src.isGlobal());
            assertEquals(src.fileGrid(), src.grid());
            assertEquals(src.fileGrid().projection().toGrid(40.0, -100.0), src.projection().toGrid(40.0, -100.0));
        }
    }

    private static SyntheticMetSpec spec(double firstLon) {
        return SyntheticMetSpec.builder()
                .grid(new SyntheticMetSpec.LatLonGrid(20.0, firstLon, 2.0, 2.0, 180, 21))
                .times(SyntheticMetSpec.Times.hourly(T0, 1)).build();
    }
}
