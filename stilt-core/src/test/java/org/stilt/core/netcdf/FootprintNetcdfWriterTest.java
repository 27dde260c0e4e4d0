package org.stilt.core.netcdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.EngineInfo;
import org.stilt.core.InvalidInputException;
import org.stilt.core.footprint.Footprint;
import org.stilt.core.footprint.FootprintDomain;

import ucar.ma2.DataType;
import ucar.nc2.Attribute;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

class FootprintNetcdfWriterTest {

    @TempDir
    Path dir;

    /** A footprint whose cell values are distinct, mostly zero, with values that are not exact floats. */
    static Footprint footprint(double[] x, double[] y, long[] times, FootprintDomain domain) {
        double[] v = new double[x.length * y.length * times.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 7 == 0 ? 1e-3 * Math.PI * (i + 1) / 3.0 : 0.0;
        }
        return new Footprint(x, y, times, v, domain, 1.0, times.length == 1, 200, true,
                List.of("np counts every particle", "hourly bins"));
    }

    static double[] centres(double from, double res, int n) {
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = from + i * res + res / 2;
        }
        return c;
    }

    @Test
    void lonLatHourlyRoundTripsThroughReaderAndPlainNetcdfJava() throws Exception {
        double[] x = centres(-113, 0.01, 7);
        double[] y = centres(40, 0.01, 5);
        long[] t = {1449705600L - 3 * 3600, 1449705600L - 2 * 3600, 1449705600L - 3600};
        Footprint fp = footprint(x, y, t, FootprintDomain.longlat(-113, -112.93, 40, 40.05, 0.01));
        Path out = dir.resolve("foot.nc");
        Clock clock = Clock.fixed(Instant.parse("2024-03-05T06:07:08Z"), ZoneOffset.UTC);
        FootprintNetcdfWriter.write(fp, out, Map.of("kernel_abi", "3", "met_files", "a.arl, b.arl"), clock);

        FootprintFile f = FootprintNetcdfReader.read(out);
        assertFalse(f.projected());
        assertArrayEquals(x, f.x());
        assertArrayEquals(y, f.y());
        assertArrayEquals(new double[] {t[0], t[1], t[2]}, f.timesEpochSeconds());
        for (int it = 0; it < t.length; it++) {
            for (int iy = 0; iy < y.length; iy++) {
                for (int ix = 0; ix < x.length; ix++) {
                    assertEquals((float) fp.value(it, iy, ix), f.value(it, iy, ix), 0f, "cell " + it + iy + ix);
                }
            }
        }
        Map<String, String> g = f.globalAttributes();
        assertEquals("+proj=longlat", g.get("crs"));
        assertEquals("PROJ.4", g.get("crs_format"));
        assertEquals("github.com/uataq/stilt", g.get("documentation"));
        assertEquals("STILT Footprint", g.get("title"));
        assertEquals("2024-03-05 06:07:08", g.get("time_created"));
        assertEquals(EngineInfo.nameAndVersion(), g.get("engine"));
        assertEquals(EngineInfo.version(), g.get("engine_version"));
        assertEquals("-113.0", g.get("xmn"));
        assertEquals("-112.93", g.get("xmx"));
        assertEquals("0.01", g.get("xres"));
        assertEquals("1.0", g.get("smooth_factor"));
        assertEquals("false", g.get("time_integrate"));
        assertEquals("200", g.get("particle_count"));
        assertEquals("true", g.get("densified"));
        assertEquals("np counts every particle; hourly bins", g.get("deviations"));
        assertEquals("3", g.get("kernel_abi"));
        assertEquals("a.arl, b.arl", g.get("met_files"));
        assertEquals("ppm (umol-1 m2 s)", f.footAttributes().get("units"));
        assertEquals("-1.0", f.footAttributes().get("_FillValue"));

        try (NetcdfFile nc = NetcdfFile.open(out.toString())) {
            Variable foot = nc.findVariable("foot");
            assertEquals(DataType.FLOAT, foot.getDataType());
            assertEquals("time lat lon", foot.getDimensionsString());
            assertEquals(-1f, foot.findAttribute("_FillValue").getNumericValue());
            assertEquals(DataType.FLOAT, foot.findAttribute("_FillValue").getDataType());
            assertEquals("footprint", foot.findAttribute("standard_name").getStringValue());
            assertEquals("stilt surface influence footprint", foot.findAttribute("long_name").getStringValue());
            assertNull(foot.findAttribute("grid_mapping"), "lon/lat grids have no grid mapping variable");
            assertNull(nc.findVariable("projection"));
            assertNull(nc.findVariable("crs"));
            assertCoordinate(nc.findVariable("lon"), "degrees_east", "longitude", "longitude at cell center");
            assertCoordinate(nc.findVariable("lat"), "degrees_north", "latitude", "latitude at cell center");
            Variable time = nc.findVariable("time");
            assertEquals(DataType.DOUBLE, time.getDataType());
            assertEquals("seconds since 1970-01-01 00:00:00Z", time.findAttribute("units").getStringValue());
            assertEquals("time", time.findAttribute("standard_name").getStringValue());
            assertEquals("utc time", time.findAttribute("long_name").getStringValue());
            assertEquals("standard", time.findAttribute("calendar").getStringValue());
            assertEquals(List.of("lon", "lat", "time"), nc.getDimensions().stream().map(d -> d.getShortName()).toList());
            float[] raw = (float[]) foot.read().get1DJavaArray(float.class);
            assertEquals((float) fp.values()[7], raw[7]);
            assertEquals(0f, raw[1], "zeros are written as 0, not fill");
            assertCompressed(foot);
        }
    }

    static void assertCoordinate(Variable v, String units, String standardName, String longName) {
        assertNotNull(v);
        assertEquals(DataType.DOUBLE, v.getDataType());
        assertEquals(units, v.findAttribute("units").getStringValue());
        assertEquals(standardName, v.findAttribute("standard_name").getStringValue());
        assertEquals(longName, v.findAttribute("long_name").getStringValue());
    }

    /** The HDF5 layout message of the variable (NetCDF-Java 4.5's H5 reader exposes it via toString). */
    static void assertCompressed(Variable v) {
        String layout = String.valueOf(v.getSPobject());
        assertTrue(layout.contains("isChunked"), layout);
        assertTrue(layout.contains("name= deflate"), layout);
        assertTrue(layout.contains("name= shuffle"), layout);
        assertNotNull(v.findAttribute("_ChunkSizes"));
    }

    @Test
    void wrappedLongitudesAbove180AreKept() {
        double[] x = centres(170, 0.1, 200); // 170.05 .. 189.95
        double[] y = centres(-25, 0.1, 3);
        Footprint fp = footprint(x, y, new long[] {1449705600L}, FootprintDomain.longlat(170, -170, -25, -24.7, 0.1));
        Path out = dir.resolve("wrap.nc");
        FootprintNetcdfWriter.write(fp, out, Map.of());
        FootprintFile f = FootprintNetcdfReader.read(out);
        assertArrayEquals(x, f.x());
        assertTrue(f.x()[199] > 189.9);
        assertEquals("170.0", f.globalAttributes().get("xmn"));
        assertEquals("-170.0", f.globalAttributes().get("xmx"), "the domain is recorded as requested");
    }

    @Test
    void lambertConformalConicGetsANumericCfGridMapping() throws Exception {
        String proj = "+proj=lcc +lat_1=33 +lat_2=45 +lat_0=40 +lon_0=-97 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs";
        double[] x = centres(-1700000, 4000, 134);
        double[] y = centres(-100000, 4000, 30);
        Footprint fp = footprint(x, y, new long[] {1449705600L},
                new FootprintDomain(-117, -111, 39.5, 41.5, 4000, 4000, proj));
        Path out = dir.resolve("lcc.nc");
        FootprintNetcdfWriter.write(fp, out, Map.of());
        FootprintFile f = FootprintNetcdfReader.read(out);
        assertTrue(f.projected());
        assertArrayEquals(x, f.x());
        assertEquals("projection", f.footAttributes().get("grid_mapping"));
        assertEquals(proj, f.globalAttributes().get("crs"));
        try (NetcdfFile nc = NetcdfFile.open(out.toString())) {
            assertEquals("time y x", nc.findVariable("foot").getDimensionsString());
            assertCoordinate(nc.findVariable("x"), "m", "projection_x_coordinate", "x coordinate of projection");
            assertCoordinate(nc.findVariable("y"), "m", "projection_y_coordinate", "y coordinate of projection");
            Variable p = nc.findVariable("projection");
            assertEquals(0, p.getRank());
            assertEquals("lambert_conformal_conic", p.findAttribute("grid_mapping_name").getStringValue());
            Attribute sp = p.findAttribute("standard_parallel");
            assertEquals(DataType.DOUBLE, sp.getDataType());
            assertEquals(2, sp.getLength());
            assertEquals(33.0, sp.getNumericValue(0).doubleValue());
            assertEquals(45.0, sp.getNumericValue(1).doubleValue());
            assertEquals(-97.0, num(p, "longitude_of_central_meridian"));
            assertEquals(40.0, num(p, "latitude_of_projection_origin"));
            assertEquals(0.0, num(p, "false_easting"));
            assertEquals(0.0, num(p, "false_northing"));
            assertEquals(6378137.0, num(p, "semi_major_axis"));
            assertEquals(298.257223563, num(p, "inverse_flattening"));
            assertEquals(proj, p.findAttribute("proj4_params").getStringValue());
            assertCompressed(nc.findVariable("foot"));
        }
    }

    static double num(Variable v, String attr) {
        Attribute a = v.findAttribute(attr);
        assertNotNull(a, attr);
        assertFalse(a.isString(), attr + " must be numeric");
        return a.getNumericValue().doubleValue();
    }

    @Test
    void utmNorthAndSouthGetTransverseMercator() throws Exception {
        for (String proj : List.of("+proj=utm +zone=12 +datum=WGS84 +units=m +no_defs",
                "+proj=utm +zone=33 +south +ellps=GRS80 +units=m")) {
            double[] x = centres(300000, 2000, 4);
            double[] y = centres(4400000, 2000, 3);
            Footprint fp = footprint(x, y, new long[] {0L}, new FootprintDomain(-117, -111, 39.5, 41.5, 2000, 2000, proj));
            Path out = dir.resolve("utm.nc");
            FootprintNetcdfWriter.write(fp, out, Map.of());
            try (NetcdfFile nc = NetcdfFile.open(out.toString())) {
                Variable p = nc.findVariable("projection");
                boolean south = proj.contains("+south");
                assertEquals("transverse_mercator", p.findAttribute("grid_mapping_name").getStringValue());
                assertEquals(0.9996, num(p, "scale_factor_at_central_meridian"));
                assertEquals(south ? 15.0 : -111.0, num(p, "longitude_of_central_meridian"));
                assertEquals(0.0, num(p, "latitude_of_projection_origin"));
                assertEquals(500000.0, num(p, "false_easting"));
                assertEquals(south ? 10000000.0 : 0.0, num(p, "false_northing"));
                assertEquals(south ? 298.257222101 : 298.257223563, num(p, "inverse_flattening"));
                assertEquals("projection", nc.findVariable("foot").findAttribute("grid_mapping").getStringValue());
            }
        }
    }

    @Test
    void unsupportedProjectionKeepsTheProjStringWithoutGridMappingName() throws Exception {
        String proj = "+proj=robin +lon_0=0 +datum=WGS84 +units=m";
        Footprint fp = footprint(centres(0, 1000, 3), centres(0, 1000, 2), new long[] {0L},
                new FootprintDomain(-1, 1, -1, 1, 1000, 1000, proj));
        Path out = dir.resolve("robin.nc");
        FootprintNetcdfWriter.write(fp, out, Map.of());
        try (NetcdfFile nc = NetcdfFile.open(out.toString())) {
            Variable p = nc.findVariable("projection");
            assertNull(p.findAttribute("grid_mapping_name"));
            assertEquals(proj, p.findAttribute("proj4_params").getStringValue());
        }
    }

    @Test
    void largeGridIsCompressedAndFast() throws Exception {
        int nx = 600;
        int ny = 300;
        double[] v = new double[nx * ny];
        for (int iy = 100; iy < 160; iy++) {
            for (int ix = 200; ix < 320; ix++) {
                v[iy * nx + ix] = Math.exp(-((ix - 260) * (ix - 260) + (iy - 130) * (iy - 130)) / 200.0) * 1e-2;
            }
        }
        Footprint fp = new Footprint(centres(-117, 0.01, nx), centres(38, 0.01, ny), new long[] {1626393600L}, v,
                FootprintDomain.longlat(-117, -111, 38, 41, 0.01), 1, true, 500, false, List.of());
        Path out = dir.resolve("big.nc");
        FootprintNetcdfWriter.write(fp, out, Map.of()); // warm-up
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            FootprintNetcdfWriter.write(fp, out, Map.of());
            best = Math.min(best, System.nanoTime() - t0);
        }
        long readBest = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            FootprintNetcdfReader.read(out);
            readBest = Math.min(readBest, System.nanoTime() - t0);
        }
        long size = Files.size(out);
        System.out.printf("[timing] write 600x300 footprint: %.1f ms (best of 5), read: %.1f ms, file %d bytes"
                + " (raw float data %d bytes)%n", best / 1e6, readBest / 1e6, size, nx * ny * 4);
        assertTrue(size < nx * ny * 4 / 5, "deflate must shrink a mostly-zero grid: " + size + " bytes");
        FootprintFile f = FootprintNetcdfReader.read(out);
        for (int i = 0; i < v.length; i++) {
            assertEquals((float) v[i], f.values()[i], 0f);
        }
    }

    /** libnetcdf is not thread-safe: concurrent writers must be serialised, and every file must come out whole. */
    @Test
    void concurrentWritersProduceCompleteFiles() throws Exception {
        int threads = 4;
        int perThread = 6;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
            for (int k = 0; k < threads; k++) {
                int id = k;
                futures.add(pool.submit(() -> {
                    for (int j = 0; j < perThread; j++) {
                        double[] v = new double[40 * 30];
                        v[(id * perThread + j) % v.length] = id + j / 10.0;
                        Footprint fp = new Footprint(centres(0, 0.1, 40), centres(0, 0.1, 30), new long[] {0L}, v,
                                FootprintDomain.longlat(0, 4, 0, 3, 0.1), 1, true, 1, false, List.of());
                        FootprintNetcdfWriter.write(fp, dir.resolve("c" + id + "_" + j + ".nc"), Map.of());
                        // all threads also write the same target; the last rename wins, never a partial file
                        FootprintNetcdfWriter.write(fp, dir.resolve("shared.nc"), Map.of());
                    }
                    return null;
                }));
            }
            for (var f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        for (int id = 0; id < threads; id++) {
            for (int j = 0; j < perThread; j++) {
                FootprintFile f = FootprintNetcdfReader.read(dir.resolve("c" + id + "_" + j + ".nc"));
                assertEquals((float) (id + j / 10.0), f.values()[(id * perThread + j) % f.values().length]);
            }
        }
        assertEquals(1, FootprintNetcdfReader.read(dir.resolve("shared.nc")).nonZeroCount());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count());
        }
    }

    @Test
    void writesViaTemporaryNameAndReplacesAnExistingFile() throws Exception {
        Path out = dir.resolve("sub/dir/foot.nc");
        Footprint a = footprint(centres(0, 1, 3), centres(0, 1, 2), new long[] {0L}, FootprintDomain.longlat(0, 3, 0, 2, 1));
        FootprintNetcdfWriter.write(a, out, Map.of());
        assertTrue(Files.isRegularFile(out), "parent directories are created");
        Files.writeString(out, "not a netcdf file, must be replaced");
        double[] v = new double[6];
        v[4] = 42.5;
        Footprint b = new Footprint(a.x(), a.y(), a.timesEpochSeconds(), v, a.domain(), 1, true, 1, false, List.of());
        FootprintNetcdfWriter.write(b, out, Map.of());
        assertEquals(42.5f, FootprintNetcdfReader.read(out).value(0, 1, 1));
        try (Stream<Path> files = Files.list(out.getParent())) {
            assertEquals(List.of("foot.nc"), files.map(p -> p.getFileName().toString()).toList(), "no temp file left");
        }
    }

    @Test
    void failureInsideTheWriteLeavesNoTempAndKeepsTheOldFile() throws Exception {
        Path out = dir.resolve("keep.nc");
        Files.writeString(out, "old content");
        var e = assertThrows(org.stilt.core.OutputWriteException.class, () ->
                NetcdfOutput.write(out, "test file", DeflateChunking.standard(), w -> {
                    w.addDimension(null, "n", 3);
                    w.create();
                    throw new IOException("simulated disk full");
                }));
        assertTrue(e.getMessage().contains(out.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("simulated disk full"), e.getMessage());
        assertEquals("old content", Files.readString(out));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("keep.nc"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void unwritableOutputDirectoryGivesAClearError() throws Exception {
        Footprint fp = footprint(centres(0, 1, 3), centres(0, 1, 2), new long[] {0L}, FootprintDomain.longlat(0, 3, 0, 2, 1));
        // a parent that is a regular file
        Path file = Files.writeString(dir.resolve("plain"), "x");
        var e1 = assertThrows(org.stilt.core.OutputWriteException.class,
                () -> FootprintNetcdfWriter.write(fp, file.resolve("foot.nc"), Map.of()));
        assertTrue(e1.getMessage().contains(file.resolve("foot.nc").toString()), e1.getMessage());
        assertTrue(e1.getMessage().contains("not a directory"), e1.getMessage());
        // /proc refuses new files even for root
        Path proc = Path.of("/proc/stilt-java-test-foot.nc");
        if (Files.isDirectory(Path.of("/proc"))) {
            var e2 = assertThrows(org.stilt.core.OutputWriteException.class,
                    () -> FootprintNetcdfWriter.write(fp, proc, Map.of()));
            assertTrue(e2.getMessage().startsWith("cannot write footprint file " + proc
                    + ": cannot create a file in directory /proc"), e2.getMessage());
        }
        // a read-only directory (permission bits do not stop root, so only checked for other users)
        Path ro = Files.createDirectory(dir.resolve("ro"));
        if (ro.toFile().setWritable(false, false) && !Files.isWritable(ro)) {
            try {
                var e3 = assertThrows(org.stilt.core.OutputWriteException.class,
                        () -> FootprintNetcdfWriter.write(fp, ro.resolve("foot.nc"), Map.of()));
                assertTrue(e3.getMessage().contains("is not writable"), e3.getMessage());
            } finally {
                ro.toFile().setWritable(true, false);
            }
        }
    }

    @Test
    void rejectsReservedOrInvalidExtraAttributesAndEmptyAxes() {
        Footprint fp = footprint(centres(0, 1, 3), centres(0, 1, 2), new long[] {0L}, FootprintDomain.longlat(0, 3, 0, 2, 1));
        Path out = dir.resolve("x.nc");
        var reserved = assertThrows(InvalidInputException.class,
                () -> FootprintNetcdfWriter.write(fp, out, Map.of("title", "mine")));
        assertTrue(reserved.getMessage().contains("[title]"), reserved.getMessage());
        var invalid = assertThrows(InvalidInputException.class,
                () -> FootprintNetcdfWriter.write(fp, out, Map.of("a/b", "a", "_hidden", "b")));
        assertTrue(invalid.getMessage().contains("a/b") && invalid.getMessage().contains("_hidden"), invalid.getMessage());
        Footprint empty = new Footprint(new double[] {0.5}, new double[] {0.5}, new long[0], new double[0],
                FootprintDomain.longlat(0, 1, 0, 1, 1), 1, false, 1, false, List.of());
        assertThrows(InvalidInputException.class, () -> FootprintNetcdfWriter.write(empty, out, Map.of()));
        assertFalse(Files.exists(out));
    }
}
