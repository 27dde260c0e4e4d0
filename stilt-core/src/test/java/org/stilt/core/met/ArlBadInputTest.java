package org.stilt.core.met;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.StiltException;
import org.stilt.core.UnreadableInputException;
import org.stilt.core.met.ArlFormatException.Problem;

/**
 * One test per kind of bad ARL input: the exception type, its problem kind, and a message that
 * names the file, the record number, the byte offset and what was expected.
 */
class ArlBadInputTest {

    /** 12 × 10 lat/lon grid: 120 points, records of 170 bytes. */
    private static final int RL = 170;
    /** Per period: 2 INDX records (LENH 228) + 2 surface + 2 × 5 upper records. */
    private static final int PERIOD_RECORDS = 14;

    @TempDir
    Path tmp;

    Path file;
    byte[] bytes;

    @BeforeEach
    void write() throws IOException {
        file = ArlTestFiles.write(tmp.resolve("good.arl"), ArlTestFiles.smallGrid(), VerticalCoordinate.SIGMA, 3, 3);
        bytes = Files.readAllBytes(file);
        assertEquals(3 * PERIOD_RECORDS * RL, bytes.length);
        ArlFile.open(file).requireValidChecksums();
    }

    private void patch(long offset, String text) throws IOException {
        byte[] t = text.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(t, 0, bytes, (int) offset, t.length);
        Files.write(file, bytes);
    }

    /** Offset of a field of the index header of period {@code p}. */
    private static long indexField(int p, int column) {
        return (long) p * PERIOD_RECORDS * RL + (long) (column / 120) * RL + ArlLabel.LENGTH + column % 120;
    }

    private ArlFormatException assertBad(Problem problem, long record, String... fragments) {
        ArlFormatException e = assertThrows(ArlFormatException.class, () -> ArlFile.open(file).requireValidChecksums());
        return check(e, problem, record, record * RL, fragments);
    }

    private ArlFormatException check(ArlFormatException e, Problem problem, long record, long offset, String... fragments) {
        String m = e.getMessage();
        assertEquals(problem, e.problem(), m);
        assertEquals(StiltException.Kind.INPUT_UNREADABLE, e.kind());
        assertEquals(record, e.recordNumber(), m);
        assertEquals(offset, e.byteOffset(), m);
        assertTrue(m.startsWith("met file " + file + ": record " + record + " at byte " + offset + ": "), m);
        assertTrue(m.contains("expected"), "message says what was expected: " + m);
        for (String f : fragments) {
            assertTrue(m.contains(f), m + "\n  should contain: " + f);
        }
        return e;
    }

    @Test
    void truncatedInsideARecord() throws IOException {
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 30));
        assertBad(Problem.RECORD_LENGTH, 41, "not a whole number of 170-byte records", "140 bytes of a truncated record");
    }

    @Test
    void truncatedAtARecordBoundary() throws IOException {
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3 * RL));
        assertBad(Problem.TRUNCATED, 2 * PERIOD_RECORDS, "lists 12 data records but the file ends after 9 (truncated file)");
    }

    @Test
    void truncatedBeforeTheFirstHeader() throws IOException {
        Files.write(file, Arrays.copyOf(bytes, 100));
        assertBad(Problem.TRUNCATED, 0, "the file has 100 bytes");
        Files.write(file, new byte[0]);
        assertBad(Problem.TRUNCATED, 0, "the file has 0 bytes");
    }

    @Test
    void wrongRecordLength() throws IOException {
        Files.write(file, Arrays.copyOf(bytes, bytes.length + 7));
        assertBad(Problem.RECORD_LENGTH, 42, "7 bytes of a truncated record");
    }

    @Test
    void labelWithNonDigits() throws IOException {
        patch(5L * RL + 2, " x");
        assertBad(Problem.CORRUPT_LABEL, 5, "corrupt label", "month ' x' is not an integer");
    }

    @Test
    void labelWithMonth13AndDay32() throws IOException {
        patch(5L * RL + 2, "13");
        assertBad(Problem.CORRUPT_LABEL, 5, "month 13; expected 1..12");
        patch(5L * RL + 2, " 530");
        patch(5L * RL + 4, "32");
        assertBad(Problem.CORRUPT_LABEL, 5, "day 32; expected 1..31 for 2019-05");
    }

    @Test
    void labelWithOutOfRangeReal() throws IOException {
        patch(4L * RL + 36, " 0.1000000E+99");
        assertBad(Problem.CORRUPT_LABEL, 4, "first value ' 0.1000000E+99' is out of the float range");
        patch(4L * RL + 36, " 0.10000NaN+01");
        assertBad(Problem.CORRUPT_LABEL, 4, "is not a real number");
    }

    @Test
    void labelWithGarbageVariable() throws IOException {
        patch(3L * RL + 14, "\u0000\u00ffXY");
        assertBad(Problem.CORRUPT_LABEL, 3, "variable name '??XY' is not printable ASCII");
    }

    @Test
    void indexWithBadGridSize() throws IOException {
        patch(indexField(0, 93), " -5");
        assertBad(Problem.CORRUPT_INDEX, 0, "NX -5");
        patch(indexField(0, 93), " 12");
        patch(indexField(1, 93), " 13");
        assertBad(Problem.INCONSISTENT_PERIODS, PERIOD_RECORDS, "index grid is 13 × 10; expected 12 × 10");
    }

    @Test
    void indexWithChangedGridSizeOfTheFirstPeriod() throws IOException {
        patch(indexField(0, 93), " 13");
        ArlFormatException e = assertThrows(ArlFormatException.class, () -> ArlFile.open(file));
        check(e, Problem.RECORD_LENGTH, 39, 39 * 180, "not a whole number of 180-byte records (50 + 13 × 10)");
    }

    @Test
    void indexWithBadLevelCount() throws IOException {
        patch(indexField(0, 99), "  0");
        assertBad(Problem.CORRUPT_INDEX, 0, "NZ 0", "NZ ≥ 1");
        patch(indexField(0, 99), "  4");
        assertBad(Problem.CORRUPT_INDEX, 0, "index catalogue ends in level 3 of 4");
    }

    @Test
    void indexLengthLongerThanTheCatalogue() throws IOException {
        patch(indexField(0, 104), " 236");
        assertBad(Problem.CORRUPT_INDEX, 0, "index length LENH 236 but the catalogue of 3 levels ends at byte 228",
                "expected LENH = 228");
        patch(indexField(0, 104), "9999");
        assertBad(Problem.CORRUPT_INDEX, 0, "index length LENH 9999 for 3 levels; expected at most 2508");
        patch(indexField(0, 104), "  50");
        assertBad(Problem.CORRUPT_INDEX, 0, "LENH 50");
    }

    @Test
    void catalogueInconsistentWithTheRecords() throws IOException {
        // the surface level lists SHGT, PRSS: rename PRSS in the catalogue
        patch(indexField(0, 108 + 8 + 8), "MSLP");
        assertBad(Problem.CATALOGUE_MISMATCH, 3, "record is 'PRSS' level 0; expected 'MSLP' level 0");
        patch(indexField(0, 108 + 8 + 8), "PRSS");
        // one variable fewer at the surface: the next record is not what the index lists
        patch(indexField(0, 108 + 6), " 1");
        assertBad(Problem.CORRUPT_INDEX, 0, "level 1 value 'PRSS  ' is not a real number");
    }

    @Test
    void recordDatedDifferentlyFromItsIndex() throws IOException {
        patch(7L * RL + 6, " 5");
        assertBad(Problem.CATALOGUE_MISMATCH, 7, "is dated 2019-05-30T05:00; expected 2019-05-30T00:00");
    }

    @Test
    void checksumMismatch() throws IOException {
        int data = 9 * RL + ArlLabel.LENGTH + 17;
        bytes[data] = (byte) (bytes[data] + 1);
        Files.write(file, bytes);
        ArlFile f = ArlFile.open(file);
        assertEquals(1, f.checksumMismatches().size());
        ArlFormatException e = assertThrows(ArlFormatException.class, f::requireValidChecksums);
        check(e, Problem.CHECKSUM_MISMATCH, 9, 9L * RL, "has checksum", "as its index lists");
    }

    @Test
    void unknownVerticalCoordinate() throws IOException {
        patch(indexField(0, 102), " 7");
        assertBad(Problem.UNKNOWN_VERTICAL_COORDINATE, 0, "unknown vertical coordinate flag 7");
    }

    @Test
    void unsupportedGrid() throws IOException {
        patch(indexField(0, 9 + 7 * 4), "3.00000");     // grid size 3 km: a Lambert grid ...
        patch(indexField(0, 9 + 7 * 6), "95.0000");     // ... with a cone angle of 95°
        assertBad(Problem.UNSUPPORTED_GRID, 0, "cone angle 95.0°; expected -90..90");
        patch(indexField(0, 9 + 7 * 6), "38.5000");
        patch(indexField(0, 9 + 7 * 5), "10.0000");     // orientation 10°
        assertBad(Problem.UNSUPPORTED_GRID, 0, "grid orientation 10.0°");
        patch(indexField(0, 9 + 7 * 4), ".000000");
        patch(indexField(0, 9 + 7 * 2), "-.25000");     // negative lat/lon spacing
        assertBad(Problem.UNSUPPORTED_GRID, 0, "expected positive spacings");
    }

    @Test
    void timeGapInsideTheFile() throws IOException {
        for (int r = 2 * PERIOD_RECORDS; r < 3 * PERIOD_RECORDS; r++) {
            patch((long) r * RL + 6, " 3");
        }
        assertBad(Problem.INCONSISTENT_PERIODS, 2 * PERIOD_RECORDS, "time gap", "expected the file's interval PT1H");
        for (int r = 2 * PERIOD_RECORDS; r < 3 * PERIOD_RECORDS; r++) {
            patch((long) r * RL + 6, " 0");
        }
        assertBad(Problem.INCONSISTENT_PERIODS, 2 * PERIOD_RECORDS, "expected periods in increasing time order");
    }

    @Test
    void notAnArlFile() throws IOException {
        Files.writeString(file, "#!/bin/sh\necho this is not meteorology, just a file long enough for an index "
                + "header and some more text to make it so.\n".repeat(3));
        assertBad(Problem.CORRUPT_LABEL, 0, "corrupt label");
        Files.write(file, new byte[RL * 3]);
        assertBad(Problem.CORRUPT_LABEL, 0, "year");
    }

    @Test
    void smallGridWithCorruptHeaderContinuation() throws IOException {
        Path tiny = ArlTestFiles.write(tmp.resolve("tiny.arl"), ArlTestFiles.tinyGrid(), VerticalCoordinate.SIGMA, 2, 1);
        byte[] b = Files.readAllBytes(tiny);
        ArlFile.open(tiny);
        // 42 points per record: header bytes 93..96 (NX) lie in the third INDX record at data byte 9
        int rl = 50 + 42;
        System.arraycopy(" 99".getBytes(StandardCharsets.ISO_8859_1), 0, b, 2 * rl + 50 + 93 - 84, 3);
        Files.write(tiny, b);
        file = tiny;
        ArlFormatException e = assertThrows(ArlFormatException.class, () -> ArlFile.open(tiny));
        check(e, Problem.CORRUPT_INDEX, 0, 0, "corrupt index header");
    }

    @Test
    void unknownVariableIsMetUnavailable() {
        ArlFile f = ArlFile.open(file);
        org.stilt.core.MetUnavailableException e = assertThrows(org.stilt.core.MetUnavailableException.class,
                () -> f.read(f.periods().get(1), "XXXX", 0));
        assertTrue(e.getMessage().startsWith("met file " + file + ": period 2019-05-30T01:00:00Z has no variable 'XXXX'"
                + " at level 0; available: [SHGT, PRSS]"), e.getMessage());
    }

    @Test
    void missingFileIsUnreadableNotFormat() {
        UnreadableInputException e = assertThrows(UnreadableInputException.class,
                () -> ArlFile.open(tmp.resolve("nope.arl")));
        assertTrue(e.getMessage().contains("nope.arl does not exist"), e.getMessage());
    }

    @Test
    void corruptGzip() throws IOException {
        Path gz = tmp.resolve("bad.arl.gz");
        Files.write(gz, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7});
        UnreadableInputException e = assertThrows(UnreadableInputException.class, () -> ArlFile.open(gz));
        assertTrue(e.getMessage().contains("cannot read met file " + gz), e.getMessage());
    }
}
