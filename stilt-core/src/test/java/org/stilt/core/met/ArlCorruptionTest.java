package org.stilt.core.met;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stilt.core.StiltException;

/**
 * Seeded randomized corruption of valid ARL files: byte flips, truncations and extensions,
 * garbage in label fields and in index text, swapped records. Every case must either read
 * successfully (then its fields are unpacked and checksums compared) or throw a
 * {@link StiltException}; any other throwable fails with the seed and case number so that it can
 * be replayed. Each loop runs under a preemptive time limit, which also catches hangs.
 */
class ArlCorruptionTest {

    private static final int CASES_SMALL = 3000;
    private static final int CASES_HRRR = 1000;
    private static final Duration LIMIT = Duration.ofSeconds(60);

    /** Label fields: offset, length. */
    private static final int[][] LABEL_FIELDS = {{0, 2}, {2, 2}, {4, 2}, {6, 2}, {8, 2}, {10, 2}, {12, 2}, {14, 4},
        {18, 4}, {22, 14}, {36, 14}};
    private static final String GARBAGE = "0123456789 -+.eEdDxAZ\u0000\u00ff\t9999-1E+99NaN";

    @TempDir
    Path tmp;

    private record Counts(int ok, int rejected) {
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L})
    void smallFilesOnlyFailWithStiltExceptions(long seed) throws IOException {
        byte[][] originals = {
            Files.readAllBytes(ArlTestFiles.write(tmp.resolve("a.arl"), ArlTestFiles.smallGrid(), VerticalCoordinate.SIGMA, 3, 3)),
            Files.readAllBytes(ArlTestFiles.write(tmp.resolve("b.arl"), ArlTestFiles.tinyGrid(), VerticalCoordinate.PRESSURE, 2, 2)),
            Files.readAllBytes(ArlTestFiles.write(tmp.resolve("c.arl"),
                    new ArlGrid(90, 0, 60, -105, 50, 0, 90, 1, 1, 30, -150, 0, 11, 13), VerticalCoordinate.HYBRID, 2, 2)),
        };
        int[] recordLengths = {170, 92, 193};
        Counts c = assertTimeoutPreemptively(LIMIT, () -> run(seed, originals, recordLengths, CASES_SMALL, true));
        System.out.println("ArlCorruptionTest seed " + seed + ": " + c);
        assertTrue(c.rejected() > CASES_SMALL / 2, "most mutations are detected: " + c);
    }

    @ParameterizedTest
    @ValueSource(longs = {11L, 12L})
    void hrrrHeaderRegionOnlyFailsWithStiltExceptions(long seed) throws IOException {
        // the first period (2 INDX + 169 data records): the header region, six times faster to re-read than the file
        byte[] hrrr = Arrays.copyOf(Files.readAllBytes(MetReference.hrrr("20190530_00-05_hrrr")), 171 * (50 + 59 * 41));
        ArlFile.of(Path.of("first-period"), hrrr).requireValidChecksums();
        Counts c = assertTimeoutPreemptively(LIMIT, () -> run(seed, new byte[][] {hrrr}, new int[] {50 + 59 * 41},
                CASES_HRRR, false));
        System.out.println("ArlCorruptionTest HRRR seed " + seed + ": " + c);
    }

    private static Counts run(long seed, byte[][] originals, int[] recordLengths, int cases, boolean readAll) {
        Random rnd = new Random(seed);
        int ok = 0;
        int rejected = 0;
        for (int n = 0; n < cases; n++) {
            int which = rnd.nextInt(originals.length);
            byte[] original = originals[which];
            int rl = recordLengths[which];
            // HRRR: mutate the first period's index and labels (the header region), else anywhere
            int region = readAll ? original.length : rl * 24;
            String how;
            byte[] b;
            switch (rnd.nextInt(7)) {
                case 0 -> {
                    b = original.clone();
                    int flips = 1 + rnd.nextInt(4);
                    for (int i = 0; i < flips; i++) {
                        b[rnd.nextInt(region)] ^= (byte) (1 << rnd.nextInt(8));
                    }
                    how = "bit flips";
                }
                case 1 -> {
                    b = original.clone();
                    b[rnd.nextInt(region)] = (byte) rnd.nextInt(256);
                    how = "byte replaced";
                }
                case 2 -> {
                    b = Arrays.copyOf(original, rnd.nextInt(original.length));
                    how = "truncated to " + b.length;
                }
                case 3 -> {
                    b = Arrays.copyOf(original, original.length + 1 + rnd.nextInt(2 * rl));
                    how = "extended to " + b.length;
                }
                case 4 -> {
                    b = original.clone();
                    int record = rnd.nextInt(Math.min(region, b.length) / rl);
                    int[] field = LABEL_FIELDS[rnd.nextInt(LABEL_FIELDS.length)];
                    garbage(rnd, b, record * rl + field[0], field[1]);
                    how = "label garbage in record " + record + " field at " + field[0];
                }
                case 5 -> {
                    b = original.clone();
                    int period = readAll ? rnd.nextInt(2) : 0;
                    int records = original.length / rl;
                    int start = Math.min(period * (records / 3), records - 1) * rl;
                    int at = start + ArlLabel.LENGTH + rnd.nextInt(Math.min(rl - ArlLabel.LENGTH, 300));
                    garbage(rnd, b, at, 1 + rnd.nextInt(8));
                    how = "index garbage at " + at;
                }
                default -> {
                    b = original.clone();
                    int records = Math.min(region, b.length) / rl;
                    int r1 = rnd.nextInt(records);
                    int r2 = rnd.nextInt(records);
                    byte[] tmp = Arrays.copyOfRange(b, r1 * rl, (r1 + 1) * rl);
                    System.arraycopy(b, r2 * rl, b, r1 * rl, rl);
                    System.arraycopy(tmp, 0, b, r2 * rl, rl);
                    how = "records " + r1 + " and " + r2 + " swapped";
                }
            }
            try {
                ArlFile f = ArlFile.of(Path.of("case-" + seed + "-" + n + ".arl"), b);
                f.checksumMismatches();
                f.grid().projection().toGeo(1, 1);
                for (ArlPeriod p : readAll ? f.periods() : f.periods().subList(0, 1)) {
                    for (ArlRecord r : readAll ? p.records() : p.records().subList(0, 3)) {
                        f.readWithDifference(p, r.label().variable(), r.label().level());
                    }
                }
                ok++;
            } catch (StiltException e) {
                if (e.getMessage() == null || !e.getMessage().contains("case-" + seed + "-" + n + ".arl")) {
                    fail("seed " + seed + " case " + n + " (" + how + "): message does not name the file: " + e.getMessage());
                }
                if (e instanceof ArlFormatException a && !e.getMessage().contains(": record " + a.recordNumber()
                        + " at byte " + a.byteOffset() + ": ")) {
                    fail("seed " + seed + " case " + n + " (" + how + "): message does not name record and offset: "
                            + e.getMessage());
                }
                rejected++;
            } catch (Throwable t) {
                fail("seed " + seed + " case " + n + " (" + how + "): " + t, t);
            }
        }
        return new Counts(ok, rejected);
    }

    private static void garbage(Random rnd, byte[] b, int at, int length) {
        for (int i = 0; i < length && at + i < b.length; i++) {
            b[at + i] = (byte) GARBAGE.charAt(rnd.nextInt(GARBAGE.length()));
        }
        if (rnd.nextInt(4) == 0) {
            byte[] digits = String.valueOf(rnd.nextInt(2000) - 1000).getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(digits, 0, b, at, Math.min(digits.length, b.length - at));
        }
    }
}
