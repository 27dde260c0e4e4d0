package org.stilt.core.met;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The two real HRRR files: structure, values, checksums and a byte-identical re-write. */
class ArlRealFileTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"20190530_00-05_hrrr", "20190530_06-11_hrrr"})
    void readsTheTrueGridAndTimes(String name) {
        ArlFile f = ArlFile.open(MetReference.hrrr(name));
        ArlGrid g = f.grid();
        assertEquals(59, g.nx());
        assertEquals(41, g.ny());
        assertEquals(ArlGrid.Kind.LAMBERT_CONFORMAL, g.kind());
        assertEquals(38.5, g.coneAngleDeg());
        assertEquals(38.5, g.refLat());
        assertEquals(262.5, g.refLon());
        assertEquals(3.0, g.gridSizeKm());
        assertEquals(40.1015, g.syncLat());
        assertEquals(-112.91, g.syncLon());
        assertEquals(50 + 59 * 41, f.recordLength());
        assertEquals(6, f.periods().size());
        int startHour = name.contains("00-05") ? 0 : 6;
        assertEquals(Instant.parse("2019-05-30T00:00:00Z").plusSeconds(3600L * startHour), f.firstTime());
        assertEquals(Duration.ofHours(1), f.interval());
        ArlIndex idx = f.periods().get(0).index();
        assertEquals(20, idx.levelCount());
        assertEquals(VerticalCoordinate.SIGMA, idx.verticalCoordinate());
        assertEquals("HRRR", idx.source());
        assertEquals(0.47675, idx.levels().get(19).value());
        assertEquals(18, idx.levels().get(0).variables().size());
        assertEquals(1026, f.sizeBytes() / f.recordLength());
        assertEquals(List.of(), f.checksumMismatches());
    }

    @ParameterizedTest
    @ValueSource(strings = {"20190530_00-05_hrrr", "20190530_06-11_hrrr"})
    void firstValueAndPhysicalRanges(String name) {
        ArlFile f = ArlFile.open(MetReference.hrrr(name));
        ArlPeriod p = f.periods().get(0);
        float[] u = f.read(p, "UWND", 1);
        assertEquals(f.record(p, "UWND", 1).label().firstValue(), u[0]);
        for (float v : f.read(p, "PRSS", 0)) {
            assertTrue(v > 600 && v < 1050, "surface pressure " + v + " hPa");
        }
        for (float v : f.read(p, "TEMP", 1)) {
            assertTrue(v > 250 && v < 320, "temperature " + v + " K");
        }
        for (float v : f.read(p, "SHGT", 0)) {
            assertTrue(v > 500 && v < 4500, "terrain " + v + " m");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"20190530_00-05_hrrr", "20190530_06-11_hrrr"})
    void rewritesByteIdentically(String name) throws IOException {
        Path src = MetReference.hrrr(name);
        ArlFile f = ArlFile.open(src);
        Path out = tmp.resolve(name);
        try (ArlWriter w = ArlWriter.create(out)) {
            for (ArlPeriod p : f.periods()) {
                w.copyPeriod(f, p);
            }
        }
        assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(out));
    }

    /**
     * The exponent edge case: packing the unpacked values with the exponent chosen from the data
     * reproduces NOAA's bytes for every record but one WWND record of the first file. NOAA's
     * original largest difference lay just below 2^-3, so it chose NEXP = -3 and one difference
     * needed 128 steps: byte 255, one above the 254 a symmetric coder would allow. The
     * reconstructed field's largest difference is then exactly 2^-3 and the rule gives NEXP = -2.
     * {@link ArlWriter#copyPeriod} keeps the label's exponent and the encoder allows byte 255, which
     * makes every record identical ({@link #rewritesByteIdentically}).
     */
    @ParameterizedTest
    @ValueSource(strings = {"20190530_00-05_hrrr", "20190530_06-11_hrrr"})
    void recomputedExponentDiffersOnlyAtTheEdge(String name) {
        ArlFile f = ArlFile.open(MetReference.hrrr(name));
        int records = 0;
        java.util.List<String> different = new java.util.ArrayList<>();
        for (ArlPeriod p : f.periods()) {
            for (ArlRecord r : p.records()) {
                records++;
                String v = r.label().variable();
                int level = r.label().level();
                float[] values = new float[f.grid().points()];
                f.readExact(p, v, level, values, 0);
                ArlPacking.Packed packed = ArlPacking.pack(values, 59, 41);
                byte[] original = f.packedBytes(p, v, level);
                if (!java.util.Arrays.equals(packed.bytes(), original)) {
                    different.add(r.recordNumber() + " " + v + " " + level);
                    assertEquals(r.label().exponent() + 1, packed.exponent());
                    assertTrue(new String(original, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf('\u00ff') >= 0,
                            "the record that differs holds byte 255");
                }
            }
        }
        assertEquals(1020, records);
        assertEquals(name.contains("00-05") ? List.of("786 WWND 11") : List.of(), different);
    }
}
