package org.stilt.core.met.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stilt.core.InvalidInputException;

/**
 * R-STILT's {@code find_met_files} rules (stilt-reference §4.1), including the verification table, with empty files
 * in temporary directories.
 *
 * <p>Thread-safety: a JUnit test class; not shared.
 */
class MetFileFinderTest {

    static final String HRRR = "%Y%m%d.%Hz.hrrra";

    @TempDir
    Path dir;

    /** Empty files with 6-hourly HRRR names from 2015-12-09 00z to 2015-12-11 18z, in {@code where}. */
    static List<Path> hrrrFiles(Path where) throws IOException {
        Files.createDirectories(where);
        List<Path> out = new ArrayList<>();
        for (int day = 9; day <= 11; day++) {
            for (int hour = 0; hour < 24; hour += 6) {
                out.add(Files.createFile(where.resolve(String.format("201512%02d.%02dz.hrrra", day, hour))));
            }
        }
        return out;
    }

    private static Instant t(String iso) {
        return Instant.parse(iso);
    }

    private MetStream hrrr() {
        return MetStream.of("hrrr", dir, HRRR, "6 hours");
    }

    /** Paths {@code dir/<name>} for names like {@code "09.06z"}, meaning 2015-12-09 06z. */
    private List<Path> hrrr(String... dayHour) {
        List<Path> out = new ArrayList<>();
        for (String s : dayHour) {
            out.add(dir.resolve("201512" + s + ".hrrra"));
        }
        return out;
    }

    private static List<String> names(List<Path> paths, Path base) {
        return paths.stream().map(p -> base.relativize(p).toString()).toList();
    }

    // ---- the verification table of stilt-reference §4.1 -------------------------------------------------------

    @Test
    void table0500() throws IOException {
        hrrrFiles(dir);
        assertEquals(hrrr("09.00z", "09.06z", "09.12z", "09.18z", "10.00z", "10.06z"),
                MetFileFinder.find(hrrr(), t("2015-12-10T05:00:00Z"), -24));
    }

    @Test
    void table0530() throws IOException {
        hrrrFiles(dir);
        assertEquals(hrrr("09.00z", "09.06z", "09.12z", "09.18z", "10.00z", "10.06z"),
                MetFileFinder.find(hrrr(), t("2015-12-10T05:30:00Z"), -24));
    }

    @Test
    void table0600() throws IOException {
        hrrrFiles(dir);
        assertEquals(hrrr("09.06z", "09.12z", "09.18z", "10.00z", "10.06z"),
                MetFileFinder.find(hrrr(), t("2015-12-10T06:00:00Z"), -24));
    }

    @Test
    void table0300() throws IOException {
        hrrrFiles(dir);
        assertEquals(hrrr("09.00z", "09.06z", "09.12z", "09.18z", "10.00z"),
                MetFileFinder.find(hrrr(), t("2015-12-10T03:00:00Z"), -24));
    }

    @Test
    void table2300() throws IOException {
        hrrrFiles(dir);
        assertEquals(hrrr("09.18z", "10.00z", "10.06z", "10.12z", "10.18z", "11.00z"),
                MetFileFinder.find(hrrr(), t("2015-12-10T23:00:00Z"), -24));
    }

    @Test
    void tableForwardSixHoursFrom0500() throws IOException {
        hrrrFiles(dir);
        assertEquals(hrrr("10.00z", "10.06z"), MetFileFinder.find(hrrr(), t("2015-12-10T05:00:00Z"), 6));
    }

    @Test
    void everyTableRowIsCompleteUnderTheStrictCheck() throws IOException {
        hrrrFiles(dir);
        for (String time : List.of("05:00", "05:30", "06:00", "03:00", "23:00")) {
            MetSelection s = MetFileFinder.select(hrrr(), t("2015-12-10T" + time + ":00Z"), -24);
            assertTrue(s.complete(), time);
            assertEquals(s.files(), s.requireCoverage(CoverageMode.STRICT));
        }
    }

    // ---- steps 1-5 in isolation ----------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // receptor | n_hours | first | last | count
        "2015-12-10T05:00:00Z|-24|2015-12-09T00:00:00Z|2015-12-10T06:00:00Z|6",
        "2015-12-10T06:00:00Z|-24|2015-12-09T06:00:00Z|2015-12-10T06:00:00Z|5",
        "2015-12-10T03:00:00Z|-24|2015-12-09T00:00:00Z|2015-12-10T00:00:00Z|5",
        "2015-12-10T23:00:00Z|-24|2015-12-09T18:00:00Z|2015-12-11T00:00:00Z|6",
        "2015-12-10T05:00:00Z|6|2015-12-10T00:00:00Z|2015-12-10T06:00:00Z|2",
        "2015-12-10T05:00:00Z|-0.5|2015-12-10T00:00:00Z|2015-12-10T06:00:00Z|2",
        "2015-12-10T04:59:00Z|-1|2015-12-10T00:00:00Z|2015-12-10T00:00:00Z|1",
        // forward runs never get the extra file, even when they end in a file's last hour
        "2015-12-10T00:00:00Z|5.5|2015-12-10T00:00:00Z|2015-12-10T00:00:00Z|1",
        "2015-12-10T00:00:00Z|6|2015-12-10T00:00:00Z|2015-12-10T06:00:00Z|2"})
    void requiredTimes(String receptor, double nHours, String first, String last, int count) {
        List<Instant> times = MetFileFinder.requiredTimes(MetFileResolution.SIX_HOURS, t(receptor), nHours);
        assertEquals(count, times.size(), times.toString());
        assertEquals(t(first), times.getFirst());
        assertEquals(t(last), times.getLast());
        for (int i = 1; i < times.size(); i++) {
            assertEquals(6 * 3600, times.get(i).getEpochSecond() - times.get(i - 1).getEpochSecond());
        }
    }

    @Test
    void nHoursMustBeFinite() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> MetFileFinder.requiredTimes(MetFileResolution.SIX_HOURS, t("2015-12-10T05:00:00Z"), Double.NaN));
        assertTrue(e.getMessage().contains("n_hours") && e.getMessage().contains("NaN"), e.getMessage());
    }

    // ---- steps 6-9 -------------------------------------------------------------------------------------------------

    @Test
    void dayOnlyFormatMatchesEveryFileOfEachDay() throws IOException {
        hrrrFiles(dir);
        MetStream s = MetStream.of("hrrr", dir, "%Y%m%d", "6 hours");
        assertEquals(hrrr("09.00z", "09.06z", "09.12z", "09.18z", "10.00z", "10.06z", "10.12z", "10.18z"),
                MetFileFinder.find(s, t("2015-12-10T05:00:00Z"), -24));
    }

    @Test
    void dotsInTheFormatMatchAnyCharacter() throws IOException {
        Path odd = Files.createFile(dir.resolve("20151210x00z_hrrra"));
        assertEquals(List.of(odd), MetFileFinder.find(hrrr(), t("2015-12-10T01:00:00Z"), 1));
    }

    @Test
    void invalidRegexFallsBackToLiteralSubstring() throws IOException {
        Path f = Files.createFile(dir.resolve("met[20151210.arl"));
        Files.createFile(dir.resolve("met20151210.arl"));
        MetStream s = MetStream.of("m", dir, "met[%Y%m%d", "1 day");
        assertEquals(List.of(f), MetFileFinder.find(s, t("2015-12-10T05:00:00Z"), 1));
    }

    @Test
    void lockPathsAreDroppedIncludingTheUnescapedDotQuirk() throws IOException {
        hrrrFiles(dir);
        Files.createFile(dir.resolve("20151210.18z.hrrra.lock"));
        Files.createDirectories(dir.resolve("xblock"));
        Files.createFile(dir.resolve("xblock/20151210.18z.hrrra"));
        Files.createFile(dir.resolve("20151211.00z.hrrra.xblock"));
        Files.createDirectories(dir.resolve("lock"));
        Files.createFile(dir.resolve("lock/20151210.18z.hrrra")); // "/lock": the dot matches the '/'
        MetSelection s = MetFileFinder.select(hrrr(), t("2015-12-10T23:00:00Z"), -1);
        assertEquals(hrrr("10.18z", "11.00z"), s.files());
        assertEquals(4, s.lockPathsIgnored());
    }

    @Test
    void theLockRegexAppliesToTheWholePathIncludingTheDirectory() throws IOException {
        Path base = dir.resolve("myblocks");
        hrrrFiles(base);
        MetStream s = MetStream.of("hrrr", base, HRRR, "6 hours");
        MetSelection sel = MetFileFinder.select(s, t("2015-12-10T05:00:00Z"), -24);
        assertEquals(List.of(), sel.files());
        assertEquals(12, sel.lockPathsIgnored());
    }

    @Test
    void recursiveSearchInSortedOrder() throws IOException {
        Path a = Files.createDirectories(dir.resolve("2015/12/09"));
        Path b = Files.createDirectories(dir.resolve("2015/12/10"));
        Files.createFile(a.resolve("20151209.18z.hrrra"));
        Files.createFile(b.resolve("20151210.00z.hrrra"));
        Files.createFile(b.resolve("20151210.06z.hrrra"));
        Files.createDirectories(dir.resolve("other"));
        Files.createFile(dir.resolve("other/20151210.00z.hrrra.idx"));
        assertEquals(List.of("2015/12/09/20151209.18z.hrrra", "2015/12/10/20151210.00z.hrrra",
                "other/20151210.00z.hrrra.idx", "2015/12/10/20151210.06z.hrrra"),
                names(MetFileFinder.find(hrrr(), t("2015-12-10T05:00:00Z"), -6), dir));
    }

    @Test
    void symlinkDuplicatesKeepTheFirstInSortedOrder() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("2015/12"));
        Path real = Files.createFile(sub.resolve("20151210.00z.hrrra"));
        Files.createSymbolicLink(dir.resolve("20151210.00z.hrrra"), real);
        Path realLater = Files.createDirectories(dir.resolve("z")).resolve("20151210.06z.hrrra");
        Files.createFile(realLater);
        Path linkFirst = Files.createDirectories(dir.resolve("a")).resolve("20151210.06z.hrrra");
        Files.createSymbolicLink(linkFirst, realLater);
        assertEquals(List.of(real, linkFirst), MetFileFinder.find(hrrr(), t("2015-12-10T05:00:00Z"), -1));
    }

    @Test
    void symlinkedDirectoriesAreFollowedAndDeduplicated() throws IOException {
        Path store = Files.createDirectories(dir.resolve("store"));
        Path f = Files.createFile(store.resolve("20151210.00z.hrrra"));
        Path met = Files.createDirectories(dir.resolve("met"));
        Files.createSymbolicLink(met.resolve("hrrr"), store);
        Files.createSymbolicLink(met.resolve("loop"), met); // a loop is skipped, not an error
        MetStream s = MetStream.of("hrrr", met, HRRR, "6 hours");
        assertEquals(List.of(met.resolve("hrrr/20151210.00z.hrrra")),
                MetFileFinder.find(s, t("2015-12-10T01:00:00Z"), -1));
        assertTrue(Files.exists(f));
    }

    @Test
    void hiddenFilesAndDirectoriesAreNotListedLikeRListFiles() throws IOException {
        Files.createFile(dir.resolve(".20151210.00z.hrrra"));
        Files.createDirectories(dir.resolve(".cache"));
        Files.createFile(dir.resolve(".cache/20151210.00z.hrrra"));
        Path visible = Files.createFile(dir.resolve("x20151210.00z.hrrra"));
        assertEquals(List.of(visible), MetFileFinder.find(hrrr(), t("2015-12-10T01:00:00Z"), -1));
    }

    @Test
    void candidatesSortByCodePointSoUpperCaseComesFirst() throws IOException {
        Path lower = Files.createFile(dir.resolve("a_20151210.00z.hrrra"));
        Path upper = Files.createFile(dir.resolve("B_20151210.00z.hrrra"));
        assertEquals(List.of(upper, lower), MetFileFinder.find(hrrr(), t("2015-12-10T01:00:00Z"), -1));
        assertTrue(MetFileFinder.compareCodePoints("a\uD83D\uDE00", "a\uFFFF") > 0, "supplementary after BMP");
        assertTrue(MetFileFinder.compareCodePoints("ab", "abc") < 0);
        assertEquals(0, MetFileFinder.compareCodePoints("abc", "abc"));
    }

    @Test
    void filesMatchingSeveralPatternsAppearOnceAtTheirFirstPattern() throws IOException {
        Path first = Files.createFile(dir.resolve("20151209.18z.hrrra"));
        Path both = Files.createFile(dir.resolve("combo_20151210.00z.hrrra_20151209.18z.hrrra"));
        Path second = Files.createFile(dir.resolve("x_20151210.00z.hrrra"));
        assertEquals(List.of(first, both, second), MetFileFinder.find(hrrr(), t("2015-12-10T00:00:00Z"), -6));
    }

    @Test
    void dailyFiles() throws IOException {
        for (int day = 8; day <= 12; day++) {
            Files.createFile(dir.resolve(String.format("met_a_201512%02d.arl", day)));
        }
        MetStream s = MetStream.of("daily", dir, "met_a_%Y%m%d.arl", "1 day");
        assertEquals(List.of(dir.resolve("met_a_20151209.arl"), dir.resolve("met_a_20151210.arl")),
                MetFileFinder.find(s, t("2015-12-10T05:00:00Z"), -24));
        // In the last hour of the day the next day's file is added.
        assertEquals(List.of(dir.resolve("met_a_20151209.arl"), dir.resolve("met_a_20151210.arl"),
                dir.resolve("met_a_20151211.arl")), MetFileFinder.find(s, t("2015-12-10T23:00:00Z"), -24));
        assertEquals(List.of(dir.resolve("met_a_20151209.arl"), dir.resolve("met_a_20151210.arl")),
                MetFileFinder.find(s, t("2015-12-10T00:00:00Z"), -24));
        assertEquals(List.of(dir.resolve("met_a_20151210.arl"), dir.resolve("met_a_20151211.arl"),
                dir.resolve("met_a_20151212.arl")), MetFileFinder.find(s, t("2015-12-10T05:00:00Z"), 48));
    }

    @Test
    void missingDirectoryFindsNothingLikeR() {
        MetStream s = MetStream.of("hrrr", dir.resolve("nope"), HRRR, "6 hours");
        assertEquals(List.of(), MetFileFinder.find(s, t("2015-12-10T05:00:00Z"), -24));
    }
}
