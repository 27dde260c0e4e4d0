package org.stilt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.met.ArlFile;
import org.stilt.core.met.ArlGrid;
import org.stilt.core.met.ArlPeriod;
import org.stilt.core.met.VerticalCoordinate;

/** In-process tests of {@code stilt met synth}: files written, printed lines, exit codes and messages. */
class MetSynthCommandTest {

    @TempDir
    Path tmp;

    static final Path EXAMPLE = Path.of("../examples/met/example-met.yaml");

    @Test
    void bundledExampleWritesTheDailyE2eAFile() throws IOException {
        CliRun r = CliRun.of("met", "synth", "--yaml", EXAMPLE.toString(), "--output", tmp.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        Path f = tmp.resolve("met_a_20210115.arl");
        assertEquals(List.of("wrote " + f + ": 25 periods 2021-01-15T00:00:00Z .. 2021-01-16T00:00:00Z, 101 x 71 lat/lon, 28 sigma levels"),
                r.out().lines().toList());
        assertEquals(0, r.errLines());
        ArlFile a = ArlFile.open(f);
        assertEquals(244.0, a.grid().syncLon(), 1e-9);
        ArlPeriod p = a.periodAt(Instant.parse("2021-01-15T12:00:00Z"));
        assertEquals(5.0, a.read(p, "UWND", 5)[1234], 1e-4);
        assertEquals(1.0, a.read(p, "V10M", 0)[99], 1e-4);
        assertEquals(850.0, a.read(p, "PRSS", 0)[0], 1e-3);
        assertEquals(1300.0, a.read(p, "SHGT", 0)[7000], 1e-3);
        assertSameAsReference(f);
    }

    /**
     * The example's file is the reference file e2e_a/met_a_20210115.arl byte for byte, except
     * the last digit of some TEMP values (the reference generator integrated the standard
     * atmosphere slightly differently: at most 2e-3 K) and the index checksums of those records.
     */
    private static void assertSameAsReference(Path ours) throws IOException {
        Path gz = Path.of(System.getProperty("stilt.reference.dir", "../../shared/reference"),
                "e2e", "e2e_a_uniform_6h", "met_a_20210115.arl.gz");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(gz), "reference file not available: " + gz);
        byte[] ref;
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(gz))) {
            ref = in.readAllBytes();
        }
        byte[] mine = Files.readAllBytes(ours);
        assertEquals(ref.length, mine.length);
        int recordLength = 50 + 101 * 71;
        int differing = 0;
        for (int r = 0; r < ref.length / recordLength; r++) {
            int o = r * recordLength;
            if (!java.util.Arrays.equals(ref, o, o + recordLength, mine, o, o + recordLength)) {
                String variable = new String(ref, o + 14, 4, java.nio.charset.StandardCharsets.US_ASCII);
                assertTrue(variable.equals("TEMP") || variable.equals("INDX"), "record " + r + " (" + variable + ") differs");
                differing++;
            }
        }
        assertTrue(differing < 600, differing + " records differ");
        ArlFile a = ArlFile.open(gz);
        ArlFile b = ArlFile.open(ours);
        for (int k = 1; k <= 27; k += 13) {
            assertEquals(a.read(a.periods().get(3), "TEMP", k)[500], b.read(b.periods().get(3), "TEMP", k)[500], 2e-3);
        }
    }

    @Test
    void optionsDescribeTheCommonCases() {
        Path out = tmp.resolve("lcc.arl");
        CliRun r = CliRun.of("met", "synth", "--grid", "lambert", "--centre", "40.5,-110", "--spacing", "12",
                "--size", "15,13", "--levels", "pressure:1000,850,700,500,300", "--start", "2021-07-15T00:00:00Z",
                "--hours", "6", "--interval", "180", "--wind", "4,2", "--shear", "0.002,0,2000", "--rotation", "40.5,-110,1e-5",
                "--omega", "-0.001", "--pbl", "300,2000", "--shtf", "-20,250", "--ustar", "0.4", "--utc-offset", "-7",
                "--terrain", "hill:1300,2300,40.5,-110,30", "--output", out.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("wrote " + out + ": 3 periods 2021-07-15T00:00:00Z .. 2021-07-15T06:00:00Z, 15 x 13 Lambert, 6 pressure levels"), r.out());
        ArlFile f = ArlFile.open(out);
        assertEquals(ArlGrid.Kind.LAMBERT_CONFORMAL, f.grid().kind());
        ArlPeriod p = f.periods().get(0);
        assertEquals(VerticalCoordinate.PRESSURE, p.index().verticalCoordinate());
        float[] shgt = f.read(p, "SHGT", 0);
        assertEquals(2300, shgt[6 * 15 + 7], 5.0); // centre point (8, 7) is the hill top
        assertTrue(shgt[0] < 1400);
        assertEquals(-0.001, f.read(p, "WWND", 3)[0], 1e-6);
        // 00 UTC = 17 h local: PBLH = 300 + 1700 cos(45 deg)
        assertEquals(300 + 1700 * Math.cos(Math.PI / 4), f.read(p, "PBLH", 0)[0], 0.1);
    }

    @Test
    void dailyOptionWritesOneFilePerDay() throws IOException {
        CliRun r = CliRun.of("met", "synth", "--corner", "39,-113", "--size", "20,10", "--levels", "sigma:0.99,0.9,0.5",
                "--start", "2021-01-15T00:00", "--hours", "48", "--wind", "5,1", "--daily", "met_%Y%m%d.arl",
                "--output", tmp.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertEquals(2, r.out().lines().count(), r.out());
        assertTrue(Files.isRegularFile(tmp.resolve("met_20210115.arl")));
        assertTrue(Files.isRegularFile(tmp.resolve("met_20210116.arl")));
        assertFalse(Files.exists(tmp.resolve("met_20210117.arl")));
        assertEquals(25, ArlFile.open(tmp.resolve("met_20210116.arl")).periods().size());
    }

    @Test
    void helpListsTheOptionsAndMetListsSynth() {
        CliRun r = CliRun.of("met", "synth", "--help");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertTrue(r.out().contains("--daily=PATTERN") && r.out().contains("met_%Y%m%d.arl") && r.out().contains("--yaml=FILE"), r.out());
        assertTrue(CliRun.of("met", "--help").out().contains("synth"));
    }

    private CliRun bad(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(1, r.errLines(), r.err());
        assertEquals("", r.out());
        return r;
    }

    @Test
    void badInputGivesExitCodeAndOneLineNamingTheValue() {
        CliRun r = bad("met", "synth", "--corner", "39,-113", "--start", "2021-01-15T00:00:00Z", "--wind", "5;1",
                "--output", tmp.resolve("x.arl").toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode());
        assertTrue(r.err().contains("--wind '5;1'") && r.err().contains("U,V"), r.err());
        r = bad("met", "synth", "--corner", "39,-113", "--start", "tomorrow");
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode());
        assertTrue(r.err().contains("--start 'tomorrow'"), r.err());
        r = bad("met", "synth", "--corner", "39,-113", "--start", "2021-01-15T00:00:00Z", "--levels", "hybrid");
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode());
        assertTrue(r.err().contains("--levels 'hybrid'"), r.err());
        r = bad("met", "synth", "--corner", "39,-113", "--start", "2021-01-15T00:00:00Z", "--terrain", "hill:1,2");
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode());
        assertTrue(r.err().contains("--terrain hill: '1,2'") && r.err().contains("hill:BASE,PEAK,LAT,LON,RADIUS_KM"), r.err());
        r = bad("met", "synth", "--start", "2021-01-15T00:00:00Z");
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode());
        assertTrue(r.err().contains("--corner"), r.err());
        r = bad("met", "synth", "--yaml", EXAMPLE.toString(), "--wind", "1,1");
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode());
        assertTrue(r.err().contains("--wind cannot be combined with --yaml"), r.err());
        r = bad("met", "synth", "--yaml", tmp.resolve("missing.yaml").toString());
        assertEquals(ExitCodes.INPUT_UNREADABLE, r.exitCode());
        r = bad("met", "synth", "--hours", "many");
        assertEquals(ExitCodes.USAGE, r.exitCode());
    }

    @Test
    void yamlErrorsNameTheKey() throws IOException {
        Path y = tmp.resolve("m.yaml");
        Files.writeString(y, "grid: {corner: [39, -113], spacing: 0.1, size: [20, 10]}\n"
                + "times: {start: 2021-01-15T00:00:00Z, hours: 3}\nwind: {u: 1, vv: 2}\n");
        CliRun r = bad("met", "synth", "--yaml", y.toString(), "--output", tmp.resolve("o.arl").toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode());
        assertTrue(r.err().contains("unknown key 'wind.vv'; did you mean 'wind.v'?"), r.err());
        assertFalse(Files.exists(tmp.resolve("o.arl")));
    }
}
