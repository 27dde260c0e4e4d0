package org.stilt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-process tests of {@code stilt met find}: exit codes, messages and the printed file list. */
class MetFindCommandTest {

    @TempDir
    Path tmp;

    Path hrrr;

    @BeforeEach
    void files() throws IOException {
        hrrr = Files.createDirectories(tmp.resolve("hrrr"));
        for (int day = 9; day <= 11; day++) {
            for (int hour = 0; hour < 24; hour += 6) {
                Files.createFile(hrrr.resolve(String.format("201512%02d.%02dz.hrrra", day, hour)));
            }
        }
    }

    private CliRun find(String time, String nHours, String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("met", "find", "--directory", hrrr.toString(),
                "--format", "%Y%m%d.%Hz.hrrra", "--resolution", "6 hours", "--time", time, "--n-hours", nHours));
        a.addAll(List.of(extra));
        return CliRun.of(a.toArray(String[]::new));
    }

    private List<String> expected(String... dayHour) {
        return java.util.Arrays.stream(dayHour).map(s -> hrrr.resolve("201512" + s + ".hrrra").toString()).toList();
    }

    @Test
    void printsTheFilesOnePerLine() {
        CliRun r = find("2015-12-10T05:00:00Z", "-24");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertEquals(expected("09.00z", "09.06z", "09.12z", "09.18z", "10.00z", "10.06z"), r.out().lines().toList());
        assertEquals(0, r.errLines());
    }

    @Test
    void forwardRunAndEqualsSyntax() {
        CliRun r = find("2015-12-10T05:00:00Z", "6");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertEquals(expected("10.00z", "10.06z"), r.out().lines().toList());
        r = CliRun.of("met", "find", "--directory=" + hrrr, "--format=%Y%m%d.%Hz.hrrra", "--resolution=6h",
                "--time=2015-12-10 23:00", "--n-hours=-24");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertEquals(expected("09.18z", "10.00z", "10.06z", "10.12z", "10.18z", "11.00z"), r.out().lines().toList());
    }

    @Test
    void missingTimeExitsEightUnlessLenient() throws IOException {
        Files.delete(hrrr.resolve("20151210.00z.hrrra"));
        CliRun r = find("2015-12-10T05:00:00Z", "-24");
        assertEquals(ExitCodes.MET_UNAVAILABLE, r.exitCode());
        assertEquals("", r.out());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains("met stream 'hrrr': no file for 1 of 6 required times: 2015-12-10T00:00:00Z"
                + " (20151210.00z.hrrra)"), r.err());
        r = find("2015-12-10T05:00:00Z", "-24", "--lenient");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertEquals(expected("09.00z", "09.06z", "09.12z", "09.18z", "10.06z"), r.out().lines().toList());
    }

    @Test
    void tooFewFilesUsesRStiltsPhrase() {
        CliRun r = find("2016-01-10T05:00:00Z", "-24", "--lenient");
        assertEquals(ExitCodes.MET_UNAVAILABLE, r.exitCode());
        assertTrue(r.err().contains("Insufficient number of meteorological files found"), r.err());
    }

    @Test
    void badValuesExitThreeAndRepeatedOptionsTwo() {
        CliRun r = find("2015-12-10T05:00:00Z", "-24", "--resolution", "5 hours");
        assertEquals(ExitCodes.USAGE, r.exitCode(), "option given twice is a usage error: " + r.err());
        r = CliRun.of("met", "find", "--directory", hrrr.toString(), "--format", "%Y%q", "--resolution", "6 hours",
                "--time", "2015-12-10T05:00:00Z", "--n-hours", "-24");
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode());
        assertTrue(r.err().contains("%q"), r.err());
        r = CliRun.of("met", "find", "--directory", hrrr.toString(), "--format", "%Y", "--resolution", "2 days",
                "--time", "2015-12-10T05:00:00Z", "--n-hours", "-24");
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode());
        assertTrue(r.err().contains("\"2 days\" is not supported"), r.err());
        r = find("yesterday", "-24");
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode());
        assertTrue(r.err().contains("--time must be an ISO-8601 UTC time"), r.err());
    }

    @Test
    void helpListsTheCommand() {
        CliRun r = CliRun.of("met", "--help");
        assertEquals(ExitCodes.OK, r.exitCode());
        assertTrue(r.out().contains("find"), r.out());
        r = CliRun.of("met", "find", "--help");
        assertEquals(ExitCodes.OK, r.exitCode());
        assertTrue(r.out().contains("'%Y%m%d.%Hz.hrrra'"), r.out());
    }
}
