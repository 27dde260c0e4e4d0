package org.stilt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** In-process tests of {@code stilt met info} on the real HRRR files and on damaged copies. */
class MetInfoCommandTest {

    @TempDir
    Path tmp;

    static Path hrrr(String name) {
        Path p = Path.of(System.getProperty("stilt.reference.dir", "../../shared/reference"), "met", name);
        assumeTrue(Files.isRegularFile(p), "reference met file not available: " + p);
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"20190530_00-05_hrrr", "20190530_06-11_hrrr"})
    void printsTheTrueGridTimesAndLevels(String name) {
        CliRun r = CliRun.of("met", "info", hrrr(name).toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertEquals(0, r.errLines(), r.err());
        String h = name.contains("00-05") ? "0" : "6";
        String l = name.contains("00-05") ? "5" : "11";
        for (String expected : new String[] {
            "grid:       59 × 41 points, LAMBERT_CONFORMAL, spacing 3 km",
            "projection: Lambert conformal, cone 38.5°, true at 38.5°, central meridian 262.5°, spacing 3 km",
            "pole 90, 0; ref lat 38.5, ref lon 262.5; grid size 3 km; orientation 0; cone 38.5; sync (1, 1) at 40.1015, -112.91",
            "corners:    (1,1) 40.1015, -112.9100; (59,1) ",
            String.format("times:      2019-05-30T%02d:00:00Z .. 2019-05-30T%02d:00:00Z, interval PT1H, 6 periods",
                    Integer.parseInt(h), Integer.parseInt(l)),
            "vertical:   SIGMA (flag 1), 20 levels including the surface",
            "level  0  1         SHGT MSLP TPP1 DIFR",
            "level 19  0.47675   TEMP UWND VWND WWND DIFW SPHU TKEN PRES",
            "0 PRSS  min ",
            "values below it read as 0)",
            "checksums:  all 1020 records match their index"}) {
            assertTrue(r.out().contains(expected), "missing: " + expected + "\n" + r.out());
        }
    }

    @Test
    void jsonForBothFilesWithTimeAndLevel() throws IOException {
        CliRun r = CliRun.of("met", "info", "--json", "--time", "2019-05-30T03:00:00Z", "--level", "1",
                hrrr("20190530_00-05_hrrr").toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        JsonNode a = new ObjectMapper().readTree(r.out());
        assertEquals(1, a.size());
        JsonNode s = a.get(0);
        assertEquals(59, s.at("/grid/nx").asInt());
        assertEquals(41, s.at("/grid/ny").asInt());
        assertEquals("LAMBERT_CONFORMAL", s.at("/grid/kind").asText());
        assertEquals(38.5, s.at("/grid/coneAngleDeg").asDouble());
        assertEquals(262.5, s.at("/grid/refLon").asDouble());
        assertEquals(40.1015, s.at("/grid/syncLat").asDouble());
        assertEquals(4, s.at("/grid/corners").size());
        assertEquals(6, s.at("/times/count").asInt());
        assertEquals("PT1H", s.at("/times/interval").asText());
        assertEquals("2019-05-30T00:00:00Z", s.at("/times/first").asText());
        assertEquals("SIGMA", s.at("/vertical/coordinate").asText());
        assertEquals(20, s.at("/vertical/levelCount").asInt());
        assertEquals("2019-05-30T03:00:00Z", s.at("/statistics/time").asText());
        assertEquals(8, s.at("/statistics/fields").size());
        org.stilt.core.met.ArlFile file = org.stilt.core.met.ArlFile.open(hrrr("20190530_00-05_hrrr"));
        org.stilt.core.met.ArlPeriod p3 = file.periodAt(java.time.Instant.parse("2019-05-30T03:00:00Z"));
        int zeroedTotal = 0;
        for (JsonNode f : s.at("/statistics/fields")) {
            assertEquals(1, f.get("level").asInt());
            assertTrue(f.get("min").asDouble() <= f.get("max").asDouble());
            // values below the record's precision read as zero (columns 2..): counted independently
            String v = f.get("variable").asText();
            float precision = file.record(p3, v, 1).label().precision();
            assertEquals(precision, f.get("precision").floatValue(), v);
            float[] exact = new float[file.grid().points()];
            file.readExact(p3, v, 1, exact, 0);
            int zeroed = 0;
            for (int i = 0; i < exact.length; i++) {
                if (i % file.grid().nx() != 0 && exact[i] != 0f && Math.abs(exact[i]) < precision) {
                    zeroed++;
                }
            }
            assertEquals(zeroed, f.get("zeroedBelowPrecision").asInt(), v);
            zeroedTotal += zeroed;
        }
        assertTrue(zeroedTotal > 0, "HRRR's level-1 omega has values below its precision");
        assertEquals(0, s.at("/checksums/mismatches").asInt());

        r = CliRun.of("met", "info", "--json", hrrr("20190530_00-05_hrrr").toString(),
                hrrr("20190530_06-11_hrrr").toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        JsonNode both = new ObjectMapper().readTree(r.out());
        assertEquals(2, both.size());
        assertEquals("2019-05-30T06:00:00Z", both.get(1).at("/times/first").asText());
        assertEquals(170, both.get(1).at("/statistics/fields").size(), "18 surface + 19 × 8 upper fields");
    }

    @Test
    void checksumMismatchExitsFourAfterPrinting() throws IOException {
        byte[] b = Files.readAllBytes(hrrr("20190530_00-05_hrrr"));
        int offset = 786 * 2469 + 50 + 100;
        b[offset] = (byte) (b[offset] + 1);
        Path bad = Files.write(tmp.resolve("bad_hrrr"), b);
        CliRun r = CliRun.of("met", "info", bad.toString());
        assertEquals(ExitCodes.INPUT_UNREADABLE, r.exitCode());
        assertTrue(r.out().contains("checksums:  1 of 1020 records MISMATCH"), r.out());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains("record 786 at byte " + 786 * 2469 + ": 'WWND' level 11 (2019-05-30T04:00:00Z) has"
                + " checksum "), r.err());
        assertTrue(r.err().contains("as its index lists (1 of 1020 records mismatch)"), r.err());
    }

    @Test
    void malformedAndMissingFilesExitFourNamingTheRecord() throws IOException {
        byte[] b = Files.readAllBytes(hrrr("20190530_00-05_hrrr"));
        b[20 * 2469 + 2] = 'x';
        Path bad = Files.write(tmp.resolve("bad_label"), b);
        CliRun r = CliRun.of("met", "info", bad.toString(), hrrr("20190530_06-11_hrrr").toString());
        assertEquals(ExitCodes.INPUT_UNREADABLE, r.exitCode());
        assertTrue(r.err().contains("record 20 at byte " + 20 * 2469 + ": corrupt label"), r.err());
        assertTrue(r.out().contains("20190530_06-11_hrrr"), "the good file is still reported: " + r.out());
        r = CliRun.of("met", "info", tmp.resolve("nope").toString());
        assertEquals(ExitCodes.INPUT_UNREADABLE, r.exitCode());
        assertTrue(r.err().contains("does not exist"), r.err());
    }

    @Test
    void unknownTimeOrLevelIsInvalidInput() {
        CliRun r = CliRun.of("met", "info", "--time", "2019-05-30T07:00:00Z", hrrr("20190530_00-05_hrrr").toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode());
        assertTrue(r.err().contains("has no period at 2019-05-30T07:00:00Z; expected one of"), r.err());
        r = CliRun.of("met", "info", "--level", "20", hrrr("20190530_00-05_hrrr").toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode());
        assertTrue(r.err().contains("has no level 20; expected 0..19"), r.err());
        r = CliRun.of("met", "info");
        assertEquals(ExitCodes.USAGE, r.exitCode());
        r = CliRun.of("met", "--help");
        assertTrue(r.out().contains("info"), r.out());
    }
}
