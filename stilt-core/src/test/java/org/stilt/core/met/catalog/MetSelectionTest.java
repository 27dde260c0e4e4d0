package org.stilt.core.met.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.MetUnavailableException;
import org.stilt.core.StiltException;

/**
 * The coverage check: strict (every required time) and lenient (R-STILT's {@code n_met_min} only), and the error
 * messages.
 *
 * <p>Thread-safety: a JUnit test class; not shared.
 */
class MetSelectionTest {

    private static final Instant T0500 = Instant.parse("2015-12-10T05:00:00Z");

    @TempDir
    Path dir;

    private MetStream hrrr() {
        return MetStream.of("hrrr", dir, MetFileFinderTest.HRRR, "6 hours");
    }

    @Test
    void strictModeNamesTheMissingTimes() throws IOException {
        MetFileFinderTest.hrrrFiles(dir);
        Files.delete(dir.resolve("20151210.00z.hrrra"));
        Files.delete(dir.resolve("20151209.12z.hrrra"));
        MetSelection s = MetFileFinder.select(hrrr(), T0500, -24);
        assertEquals(List.of(Instant.parse("2015-12-09T12:00:00Z"), Instant.parse("2015-12-10T00:00:00Z")),
                s.missingTimes());
        assertEquals(4, s.files().size());
        assertFalse(s.complete());
        MetUnavailableException e = assertThrows(MetUnavailableException.class, s::requireCoverage);
        assertEquals(StiltException.Kind.MET_UNAVAILABLE, e.kind());
        assertEquals("Meteorological files missing for met stream 'hrrr': no file for 2 of 6 required times:"
                + " 2015-12-09T12:00:00Z (20151209.12z.hrrra), 2015-12-10T00:00:00Z (20151210.00z.hrrra)."
                + " Searched " + dir + " recursively for file format \"%Y%m%d.%Hz.hrrra\" every 6 hours"
                + " (receptor time 2015-12-10T05:00:00Z, n_hours -24)", e.getMessage());
    }

    @Test
    void lenientModeOnlyChecksTheMinimumLikeR() throws IOException {
        MetFileFinderTest.hrrrFiles(dir);
        Files.delete(dir.resolve("20151210.00z.hrrra"));
        MetSelection s = MetFileFinder.select(hrrr(), T0500, -24);
        assertEquals(List.of("20151209.00z.hrrra", "20151209.06z.hrrra", "20151209.12z.hrrra",
                "20151209.18z.hrrra", "20151210.06z.hrrra"),
                s.requireCoverage(CoverageMode.LENIENT).stream().map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void tooFewFilesUsesRStiltsPhraseInBothModes() {
        MetSelection s = MetFileFinder.select(hrrr(), T0500, -24);
        for (CoverageMode mode : CoverageMode.values()) {
            MetUnavailableException e = assertThrows(MetUnavailableException.class, () -> s.requireCoverage(mode));
            assertTrue(e.getMessage().startsWith("Insufficient number of meteorological files found for met stream"
                    + " 'hrrr': 0 found, at least 1 needed (n_met_min); no file for 6 of 6 required times:"
                    + " 2015-12-09T00:00:00Z (20151209.00z.hrrra), 2015-12-09T06:00:00Z (20151209.06z.hrrra),"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("Searched " + dir + " recursively for file format"
                    + " \"%Y%m%d.%Hz.hrrra\" every 6 hours"), e.getMessage());
        }
    }

    @Test
    void minimumFilesAboveWhatExistsFailsEvenWhenEveryTimeIsCovered() throws IOException {
        MetFileFinderTest.hrrrFiles(dir);
        MetSelection s = MetFileFinder.select(hrrr().withMinimumFiles(7), T0500, -24);
        assertTrue(s.missingTimes().isEmpty());
        MetUnavailableException e = assertThrows(MetUnavailableException.class,
                () -> s.requireCoverage(CoverageMode.LENIENT));
        assertTrue(e.getMessage().startsWith(MetSelection.INSUFFICIENT_PHRASE + " for met stream 'hrrr': 6 found,"
                + " at least 7 needed (n_met_min). Searched"), e.getMessage());
    }

    @Test
    void minimumZeroWithLenientModeNeverFails() {
        MetSelection s = MetFileFinder.select(hrrr().withMinimumFiles(0), T0500, -24);
        assertEquals(List.of(), s.requireCoverage(CoverageMode.LENIENT));
        assertThrows(MetUnavailableException.class, () -> s.requireCoverage(CoverageMode.STRICT));
    }

    @Test
    void longListsAreCutAfterTenTimes() {
        MetSelection s = MetFileFinder.select(hrrr(), T0500, -240);
        assertEquals(42, s.requiredTimes().size(), "2015-11-30 00z .. 2015-12-10 06z every 6 h");
        MetUnavailableException e = assertThrows(MetUnavailableException.class, s::requireCoverage);
        String m = e.getMessage();
        assertTrue(m.contains("no file for 42 of 42 required times: 2015-11-30T00:00:00Z (20151130.00z.hrrra), "),
                m);
        assertTrue(m.contains(", 2015-12-02T06:00:00Z (20151202.06z.hrrra) and 32 more."), m);
        assertFalse(m.contains("2015-12-02T12:00:00Z"), m);
    }

    @Test
    void messageSaysWhenTheDirectoryDoesNotExistAndWhenLockFilesWereIgnored() throws IOException {
        MetStream gone = MetStream.of("nam", dir.resolve("missing"), "%Y%m%d_nam12", "1 day");
        MetUnavailableException e = assertThrows(MetUnavailableException.class,
                () -> MetFileFinder.select(gone, T0500, 3.5).requireCoverage());
        assertTrue(e.getMessage().contains("Searched " + dir.resolve("missing") + " recursively (not an existing"
                + " directory) for file format \"%Y%m%d_nam12\" every 1 day (receptor time 2015-12-10T05:00:00Z,"
                + " n_hours 3.5)"), e.getMessage());

        Files.createFile(dir.resolve("20151210.06z.hrrra.lock"));
        Files.createFile(dir.resolve("20151210.00z.hrrra_block"));
        e = assertThrows(MetUnavailableException.class,
                () -> MetFileFinder.select(hrrr(), T0500, -1).requireCoverage());
        assertTrue(e.getMessage().endsWith("; 2 paths were ignored because they match the regex '.lock'"
                + " (R-STILT's lock-file filter)"), e.getMessage());
    }
}
