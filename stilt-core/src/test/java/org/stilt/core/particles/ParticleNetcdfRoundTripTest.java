package org.stilt.core.particles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.EngineInfo;
import org.stilt.core.InvalidInputException;
import org.stilt.core.UnreadableInputException;
import org.stilt.core.footprint.Footprint;
import org.stilt.core.footprint.FootprintDomain;
import org.stilt.core.netcdf.DeflateChunking;
import org.stilt.core.netcdf.FootprintNetcdfWriter;
import org.stilt.core.netcdf.NetcdfOutput;

import ucar.ma2.DataType;
import ucar.nc2.Attribute;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

class ParticleNetcdfRoundTripTest {

    static final List<String> STILT_COLUMNS = List.of("time", "indx", "long", "lati", "zagl", "foot", "mlht", "dens",
            "samt", "sigw", "tlgr", "foot_no_hnf_dilution");

    @TempDir
    Path dir;

    /** A realistic table: particles x time steps, row order time-step-major like PARTICLE_STILT.DAT. */
    static ParticleTable table(int particles, int steps, long seed) {
        int n = particles * steps;
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (String c : STILT_COLUMNS) {
            cols.put(c, new double[n]);
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int s = 0; s < steps; s++) {
            for (int p = 0; p < particles; p++) {
                int i = s * particles + p;
                cols.get("time")[i] = -(s + 1);
                cols.get("indx")[i] = p + 1;
                cols.get("long")[i] = -112 - s * 0.003 + r.nextDouble() * 0.01;
                cols.get("lati")[i] = 40.5 + r.nextGaussian() * 0.02;
                cols.get("zagl")[i] = r.nextDouble() * 1500;
                cols.get("foot")[i] = r.nextDouble() < 0.3 ? 0 : r.nextDouble() * 0.1;
                cols.get("mlht")[i] = 800 + r.nextDouble();
                cols.get("dens")[i] = 1.0 + r.nextDouble() * 0.2;
                cols.get("samt")[i] = r.nextDouble() < 0.5 ? 1.0 : 0.5;
                cols.get("sigw")[i] = r.nextDouble();
                cols.get("tlgr")[i] = r.nextDouble() * 100;
                cols.get("foot_no_hnf_dilution")[i] = r.nextDouble() * 0.01;
            }
        }
        return new ParticleTable(cols, Map.of("receptor_run_time", "2015-12-10T00:00:00Z", "receptor_lati", "40.5",
                "params", "numpar=200, veght=0.5"));
    }

    @Test
    void everyValueRoundTripsExactlyWithColumnOrderAndAttributes() throws Exception {
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("time", new double[] {-1, -1.5, -2, -1440, 0.1 + 0.2});
        cols.put("indx", new double[] {1, 2, 3, 2147483647, -2147483648});
        cols.put("long", new double[] {-111.98032300000001, 179.99999999999997, -180, Math.nextUp(0.0), -0.0});
        cols.put("lati", new double[] {40.782561, -89.99999999, Double.MIN_NORMAL, 1e-300, 90});
        cols.put("foot", new double[] {Double.NaN, 0, 1.2345678901234567e-5, Double.MAX_VALUE, Double.NaN});
        cols.put("zagl", new double[] {5, 5, 5, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
        cols.put("my_extra", new double[] {1, 2, 3, 4, 5});
        ParticleTable t = new ParticleTable(cols, Map.of("receptor", "2015-12-10 00:00 40.5 -112 5",
                "engine", "stale value replaced by the writer", "unit_test", "µg ✓"));
        Path out = dir.resolve("by-id/sim/sim_traj.nc");
        ParticleNetcdfWriter.write(t, out);

        ParticleTable back = ParticleNetcdfReader.read(out, null);
        assertEquals(List.copyOf(cols.keySet()), back.columnNames());
        assertEquals(5, back.rowCount());
        for (String c : cols.keySet()) {
            assertArrayEquals(cols.get(c), back.column(c), c); // Double.equals: NaN == NaN, -0.0 != 0.0
        }
        Map<String, String> expected = new HashMap<>(Map.of("receptor", "2015-12-10 00:00 40.5 -112 5",
                "unit_test", "µg ✓", "engine", EngineInfo.nameAndVersion(), "engine_version", EngineInfo.version()));
        assertEquals(expected, back.attributes());

        ParticleTable some = ParticleNetcdfReader.read(out, List.of("foot", "time"));
        assertEquals(List.of("foot", "time"), some.columnNames());
        assertArrayEquals(cols.get("foot"), some.column("foot"));

        try (NetcdfFile nc = NetcdfFile.open(out.toString())) {
            assertEquals("stilt-particles", nc.findGlobalAttribute("format").getStringValue());
            Attribute version = nc.findGlobalAttribute("format_version");
            assertEquals(DataType.INT, version.getDataType());
            assertEquals(1, version.getNumericValue());
            assertEquals(5, nc.findDimension("obs").getLength());
            assertEquals(DataType.INT, nc.findVariable("indx").getDataType());
            assertEquals(DataType.DOUBLE, nc.findVariable("time").getDataType());
            assertEquals("min", nc.findVariable("time").findAttribute("units").getStringValue());
            assertEquals("degrees_east", nc.findVariable("long").findAttribute("units").getStringValue());
            assertEquals("degrees_north", nc.findVariable("lati").findAttribute("units").getStringValue());
            assertEquals("ppm (umol-1 m2 s)", nc.findVariable("foot").findAttribute("units").getStringValue());
            assertEquals("particle index", nc.findVariable("indx").findAttribute("long_name").getStringValue());
            assertTrue(Double.isNaN(nc.findVariable("foot").findAttribute("_FillValue").getNumericValue().doubleValue()));
            Variable extra = nc.findVariable("my_extra");
            assertNull(extra.findAttribute("units"));
            assertNull(extra.findAttribute("long_name"));
            assertEquals("obs", extra.getDimensionsString());
            String layout = String.valueOf(nc.findVariable("foot").getSPobject());
            assertTrue(layout.contains("isChunked") && layout.contains("name= deflate"), layout);
        }
        try (Stream<Path> files = Files.list(out.getParent())) {
            assertEquals(List.of("sim_traj.nc"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void shuffleIsChosenPerColumnWhereItCompressesBetter() throws Exception {
        int n = 50000;
        Map<String, double[]> cols = new LinkedHashMap<>();
        double[] full = new double[n];
        double[] decimal = new double[n];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            full[i] = 40 + r.nextDouble() * 1e-3;                              // full 53-bit mantissas
            decimal[i] = Double.parseDouble(String.format("%.4f", -112 + r.nextDouble() * 0.5)); // like text output
        }
        cols.put("full", full);
        cols.put("decimal", decimal);
        assertTrue(ParticleNetcdfWriter.shuffleHelps(full));
        assertTrue(!ParticleNetcdfWriter.shuffleHelps(decimal));
        Path out = dir.resolve("mixed.nc");
        ParticleNetcdfWriter.write(new ParticleTable(cols), out);
        try (NetcdfFile nc = NetcdfFile.open(out.toString())) {
            assertTrue(String.valueOf(nc.findVariable("full").getSPobject()).contains("name= shuffle"));
            String plain = String.valueOf(nc.findVariable("decimal").getSPobject());
            assertTrue(plain.contains("name= deflate") && !plain.contains("name= shuffle"), plain);
        }
        ParticleTable back = ParticleNetcdfReader.read(out, null);
        assertArrayEquals(full, back.column("full"));
        assertArrayEquals(decimal, back.column("decimal"));
    }

    @Test
    void indxWithNaNOrFractionsStaysDouble() throws Exception {
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("indx", new double[] {1, Double.NaN, 2.5});
        Path out = dir.resolve("p.nc");
        ParticleNetcdfWriter.write(new ParticleTable(cols), out);
        try (NetcdfFile nc = NetcdfFile.open(out.toString())) {
            assertEquals(DataType.DOUBLE, nc.findVariable("indx").getDataType());
        }
        assertArrayEquals(cols.get("indx"), ParticleNetcdfReader.read(out, null).column("indx"));
    }

    @Test
    void emptyTableRoundTrips() {
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (String c : ParticleTable.FOOTPRINT_COLUMNS) {
            cols.put(c, new double[0]);
        }
        Path out = dir.resolve("empty.nc");
        ParticleNetcdfWriter.write(new ParticleTable(cols), out);
        ParticleTable back = ParticleNetcdfReader.read(out, null);
        assertEquals(ParticleTable.FOOTPRINT_COLUMNS, back.columnNames());
        assertEquals(0, back.rowCount());
    }

    @Test
    void replacesAnExistingFile() {
        Path out = dir.resolve("p.nc");
        ParticleNetcdfWriter.write(table(3, 2, 1), out);
        ParticleTable second = table(5, 4, 2);
        ParticleNetcdfWriter.write(second, out);
        assertEquals(20, ParticleNetcdfReader.read(out, null).rowCount());
    }

    @Test
    void rejectsNonParticleFilesNamingWhatIsMissing() throws Exception {
        Path foot = dir.resolve("foot.nc");
        FootprintNetcdfWriter.write(new Footprint(new double[] {0.5}, new double[] {0.5}, new long[] {0},
                new double[] {1}, FootprintDomain.longlat(0, 1, 0, 1, 1), 1, true, 1, false, List.of()), foot, Map.of());
        var e = assertThrows(UnreadableInputException.class, () -> ParticleNetcdfReader.read(foot, null));
        assertTrue(e.getMessage().contains(foot.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("format = \"stilt-particles\" is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("foot"), "lists the variables found: " + e.getMessage());

        Path out = dir.resolve("p.nc");
        ParticleNetcdfWriter.write(table(2, 2, 3), out);
        var missing = assertThrows(InvalidInputException.class,
                () -> ParticleNetcdfReader.read(out, List.of("time", "pres", "xhgt")));
        assertTrue(missing.getMessage().contains("lacks column(s) pres, xhgt"), missing.getMessage());

        Path newer = dir.resolve("newer.nc");
        NetcdfOutput.write(newer, "test file", DeflateChunking.standard(), w -> {
            w.addGroupAttribute(null, new Attribute("format", "stilt-particles"));
            w.addGroupAttribute(null, new Attribute("format_version", 2));
            w.addDimension(null, "obs", 1);
            w.create();
        });
        var v2 = assertThrows(UnreadableInputException.class, () -> ParticleNetcdfReader.read(newer, null));
        assertTrue(v2.getMessage().contains("format_version 2"), v2.getMessage());

        Path text = Files.writeString(dir.resolve("x.nc"), "time,indx\n");
        var notNc = assertThrows(UnreadableInputException.class, () -> ParticleNetcdfReader.read(text, null));
        assertTrue(notNc.getMessage().contains(text + " is not a NetCDF file (it starts with \"time,indx\\x0a\")"),
                notNc.getMessage());
    }

    @Test
    void rejectsInvalidColumnAndAttributeNames() {
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("a/b", new double[] {1});
        var e = assertThrows(InvalidInputException.class,
                () -> ParticleNetcdfWriter.write(new ParticleTable(cols), dir.resolve("p.nc")));
        assertTrue(e.getMessage().contains("a/b"), e.getMessage());
        Map<String, double[]> ok = Map.of("time", new double[] {1});
        var f = assertThrows(InvalidInputException.class, () -> ParticleNetcdfWriter.write(
                new ParticleTable(ok, Map.of("format", "csv")), dir.resolve("p.nc")));
        assertTrue(f.getMessage().contains("[format]"), f.getMessage());
    }

    /** 720,000 rows (e.g. 500 particles x 1440 min) x 12 columns. Prints timings; no timed assertion. */
    @Test
    void largeTableWriteAndReadTimes() {
        ParticleTable t = table(500, 1440, 42);
        Path out = dir.resolve("big_traj.nc");
        long writeBest = Long.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            long t0 = System.nanoTime();
            ParticleNetcdfWriter.write(t, out);
            writeBest = Math.min(writeBest, System.nanoTime() - t0);
        }
        ParticleTable back = null;
        long readBest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            back = ParticleNetcdfReader.read(out, null);
            readBest = Math.min(readBest, System.nanoTime() - t0);
        }
        long footBest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            ParticleNetcdfReader.read(out, ParticleTable.FOOTPRINT_COLUMNS);
            footBest = Math.min(footBest, System.nanoTime() - t0);
        }
        long bytes;
        try {
            bytes = Files.size(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        System.out.printf("[timing] synthetic random particle table 720000 rows x 12 columns (worst case for deflate): write %.0f ms, read all %.0f ms,"
                        + " read 5 footprint columns %.0f ms (best of runs); file %.1f MB (raw %.1f MB)%n",
                writeBest / 1e6, readBest / 1e6, footBest / 1e6, bytes / 1e6, 720000 * (11 * 8 + 4) / 1e6);
        for (String c : t.columnNames()) {
            assertArrayEquals(t.column(c), back.column(c), c);
        }
    }
}
