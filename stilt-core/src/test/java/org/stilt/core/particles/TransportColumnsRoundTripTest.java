package org.stilt.core.particles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

/**
 * The transport kernel's particle table (every column of {@code TrajectoryRows}, with long/lati) is described by the
 * NetCDF writer (units and long names) and round-trips exactly through the NetCDF and the CSV writers.
 */
class TransportColumnsRoundTripTest {

    static final List<String> TRANSPORT_COLUMNS = List.of("time", "indx", "long", "lati", "zagl", "zsfc", "pres",
            "dens", "temp", "wout", "mlht", "shtf", "ustr", "dswf", "lhtf", "sphu");

    @TempDir
    Path dir;

    static ParticleTable table() {
        int particles = 7;
        int steps = 30;
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (String c : TRANSPORT_COLUMNS) {
            cols.put(c, new double[particles * steps]);
        }
        SplittableRandom r = new SplittableRandom(5);
        for (int s = 0; s < steps; s++) {
            for (int p = 0; p < particles; p++) {
                int i = s * particles + p;
                for (String c : TRANSPORT_COLUMNS) {
                    cols.get(c)[i] = r.nextDouble() * 1000 - 100;
                }
                cols.get("time")[i] = -(s + 1);
                cols.get("indx")[i] = p + 1;
                cols.get("sphu")[i] = r.nextDouble() * 1e-2;
            }
        }
        cols.get("wout")[3] = Double.NaN;
        cols.get("shtf")[4] = 1.5e-300;
        return new ParticleTable(cols, Map.of("n_hours", "-11"));
    }

    @Test
    void everyTransportColumnHasUnitsAndALongName() throws Exception {
        ParticleTable t = table();
        Path f = dir.resolve("p.nc");
        ParticleNetcdfWriter.write(t, f);
        try (NetcdfFile nc = NetcdfFile.open(f.toString())) {
            for (String c : TRANSPORT_COLUMNS) {
                Variable v = nc.findVariable(c);
                assertNotNull(v, c);
                assertNotNull(v.findAttribute("long_name"), c + " long_name");
                if (!c.equals("indx")) {
                    assertNotNull(v.findAttribute("units"), c + " units");
                }
            }
            assertEquals("m s-1", nc.findVariable("ustr").findAttribute("units").getStringValue());
            assertEquals("W m-2", nc.findVariable("lhtf").findAttribute("units").getStringValue());
        }
        assertTrue(ParticleNetcdfWriter.knownColumns().containsAll(TRANSPORT_COLUMNS));
    }

    @Test
    void netcdfRoundTripIsExact() {
        ParticleTable t = table();
        Path f = dir.resolve("p.nc");
        ParticleNetcdfWriter.write(t, f);
        ParticleTable back = ParticleNetcdfReader.read(f, null);
        assertEquals(TRANSPORT_COLUMNS, back.columnNames());
        for (String c : TRANSPORT_COLUMNS) {
            assertArrayEquals(t.column(c), back.column(c), c);
        }
        assertEquals("-11", back.attributes().get("n_hours"));
    }

    @Test
    void csvAndCsvGzRoundTripsAreExact() throws Exception {
        ParticleTable t = table();
        for (String name : List.of("p.csv", "sub/p.csv.gz")) {
            Path f = dir.resolve(name);
            ParticleCsvWriter.write(t, f);
            ParticleTable back = ParticleFiles.read(f, null);
            assertEquals(TRANSPORT_COLUMNS, back.columnNames(), name);
            for (String c : TRANSPORT_COLUMNS) {
                assertArrayEquals(t.column(c), back.column(c), name + " " + c);
            }
        }
        String first = Files.readAllLines(dir.resolve("p.csv")).get(1);
        assertTrue(first.startsWith("-1,1,"), first);
        assertTrue(Files.readString(dir.resolve("p.csv")).contains(",NA,"));
        try (var s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void formatWritesWholeNumbersWithoutFraction() {
        assertEquals("-60", ParticleCsvWriter.format(-60.0));
        assertEquals("0.1", ParticleCsvWriter.format(0.1));
        assertEquals("NA", ParticleCsvWriter.format(Double.NaN));
        assertEquals("-0.0", ParticleCsvWriter.format(-0.0));
    }
}
