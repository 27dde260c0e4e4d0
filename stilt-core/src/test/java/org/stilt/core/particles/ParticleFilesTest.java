package org.stilt.core.particles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.InvalidInputException;
import org.stilt.core.UnreadableInputException;

class ParticleFilesTest {

    @TempDir
    Path dir;

    static ParticleTable small() {
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("time", new double[] {-1, -2});
        cols.put("indx", new double[] {1, 1});
        cols.put("long", new double[] {-112.5, -112.25});
        cols.put("lati", new double[] {40.125, 40.5});
        cols.put("foot", new double[] {0.01, Double.NaN});
        return new ParticleTable(cols, Map.of("receptor", "r1"));
    }

    @Test
    void netcdfByExtensionAnyCase() {
        for (String name : List.of("p_traj.nc", "P_TRAJ.NC", "p.nc4")) {
            Path f = dir.resolve(name);
            ParticleNetcdfWriter.write(small(), f);
            ParticleTable t = ParticleFiles.read(f, List.of("lati", "time"));
            assertEquals(List.of("lati", "time"), t.columnNames());
            assertArrayEquals(small().column("lati"), t.column("lati"));
            assertEquals("r1", t.attributes().get("receptor"));
        }
    }

    @Test
    void csvAndGzippedCsvByExtension() throws IOException {
        String csv = "time,indx,long,lati,foot\n-1,1,-112.5,40.125,0.01\n-2,1,-112.25,40.5,NA\n";
        Path plain = Files.writeString(dir.resolve("p.csv"), csv);
        Path gz = dir.resolve("p.CSV.GZ");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(csv.getBytes(StandardCharsets.UTF_8));
        }
        for (Path f : List.of(plain, gz)) {
            ParticleTable t = ParticleFiles.read(f, null);
            assertEquals(ParticleTable.FOOTPRINT_COLUMNS, t.columnNames());
            for (String c : t.columnNames()) {
                assertArrayEquals(small().column(c), t.column(c), c);
            }
        }
    }

    @Test
    void netcdfContentWithACsvNameIsReadAsNetcdf() {
        Path f = dir.resolve("mislabelled.csv");
        ParticleNetcdfWriter.write(small(), f);
        assertArrayEquals(small().column("foot"), ParticleFiles.read(f, null).column("foot"));
    }

    @Test
    void unknownExtensionAndMissingFile() throws IOException {
        Path parquet = Files.writeString(dir.resolve("p.parquet"), "PAR1");
        var e = assertThrows(InvalidInputException.class, () -> ParticleFiles.read(parquet, null));
        assertTrue(e.getMessage().contains(parquet.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(".nc, .nc4, .csv, .csv.gz"), e.getMessage());
        var m = assertThrows(UnreadableInputException.class, () -> ParticleFiles.read(dir.resolve("none.nc"), null));
        assertTrue(m.getMessage().contains("none.nc"), m.getMessage());
    }

    /**
     * The 720,000-row HYSPLIT particle table of reference case e2e_b: CSV → NetCDF → table is exact; prints the
     * write and read times (no timed assertion).
     */
    @Test
    void referenceParticlesRoundTripExactlyAndReadFast() {
        Path csv = Path.of(System.getProperty("stilt.reference.dir", "../../shared/reference"),
                "e2e", "e2e_b_shear_diurnal_24h", "particles.csv.gz");
        assumeTrue(Files.isRegularFile(csv), "reference particles not available: " + csv);
        ParticleTable fromCsv = ParticleFiles.read(csv, null);
        assertEquals(720000, fromCsv.rowCount());
        Path nc = dir.resolve("e2e_b_traj.nc");
        long writeBest = Long.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            long t0 = System.nanoTime();
            ParticleNetcdfWriter.write(fromCsv, nc);
            writeBest = Math.min(writeBest, System.nanoTime() - t0);
        }
        ParticleTable back = null;
        long readBest = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            back = ParticleFiles.read(nc, null);
            readBest = Math.min(readBest, System.nanoTime() - t0);
        }
        long footBest = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            ParticleFiles.read(nc, ParticleTable.FOOTPRINT_COLUMNS);
            footBest = Math.min(footBest, System.nanoTime() - t0);
        }
        long csvBest = Long.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            long t0 = System.nanoTime();
            ParticleFiles.read(csv, null);
            csvBest = Math.min(csvBest, System.nanoTime() - t0);
        }
        long bytes;
        long csvBytes;
        try {
            bytes = Files.size(nc);
            csvBytes = Files.size(csv);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        System.out.printf("[timing] e2e_b particles %d rows x %d columns: NetCDF write %.0f ms, read all %.0f ms,"
                        + " read 5 footprint columns %.0f ms (best of runs); .nc %.1f MB vs .csv.gz %.1f MB read in"
                        + " %.0f ms%n", fromCsv.rowCount(), fromCsv.columnNames().size(), writeBest / 1e6,
                readBest / 1e6, footBest / 1e6, bytes / 1e6, csvBytes / 1e6, csvBest / 1e6);
        assertEquals(fromCsv.columnNames(), back.columnNames());
        for (String c : fromCsv.columnNames()) {
            assertArrayEquals(fromCsv.column(c), back.column(c), c);
        }
    }
}
