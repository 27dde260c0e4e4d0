package org.stilt.core.met;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stilt.core.MetUnavailableException;

/** ArlFile on small files written by ArlWriter: every vertical coordinate, tiny and lettered grids, DIF records, gzip. */
class ArlFileTest {

    @TempDir
    Path tmp;

    /** {@code read} = the exact values, except columns 1.. whose magnitude is below the precision: 0. */
    static void assertReadIsExactWithPrecisionZeros(float[] read, float[] exact, int nx, float precision) {
        for (int i = 0; i < exact.length; i++) {
            float want = i % nx != 0 && Math.abs(exact[i]) < precision ? 0f : exact[i];
            assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(read[i]), "point " + i + ": exact " + exact[i]
                    + ", precision " + precision + ", read " + read[i]);
        }
    }

    private static void assertFieldsMatch(ArlFile f, int periods) {
        ArlGrid g = f.grid();
        for (ArlPeriod p : f.periods()) {
            for (ArlRecord r : p.records()) {
                String v = r.label().variable();
                int k = r.label().level();
                float[] expected = ArlTestFiles.field(g, v, k, p.number());
                float[] actual = new float[g.points()];
                f.readExact(p, v, k, actual, 0);
                assertReadIsExactWithPrecisionZeros(f.read(p, v, k), actual, g.nx(), r.label().precision());
                double step = Math.scalb(1.0, r.label().exponent() - 7);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 0.5 * step + 1e-4 * Math.abs(expected[i]),
                            v + " level " + k + " period " + p.number() + " point " + i);
                }
            }
        }
        assertEquals(periods, f.periods().size());
        assertEquals(List.of(), f.checksumMismatches());
        f.requireValidChecksums();
    }

    @ParameterizedTest
    @EnumSource(VerticalCoordinate.class)
    void readsEveryVerticalCoordinate(VerticalCoordinate vc) {
        Path file = ArlTestFiles.write(tmp.resolve(vc + ".arl"), ArlTestFiles.smallGrid(), vc, 4, 3);
        ArlFile f = ArlFile.open(file);
        ArlIndex idx = f.periods().get(0).index();
        assertEquals(vc, idx.verticalCoordinate());
        assertEquals(vc.flag(), idx.verticalFlag());
        assertArrayEquals(ArlTestFiles.levels(vc, 4), idx.levels().stream().mapToDouble(ArlLevel::value).toArray(), 1e-9);
        assertEquals(List.of("SHGT", "PRSS"), idx.levels().get(0).variables().stream().map(ArlVariable::name).toList());
        assertEquals(ArlTestFiles.T0, f.firstTime());
        assertEquals(ArlTestFiles.T0.plus(Duration.ofHours(2)), f.lastTime());
        assertEquals(Duration.ofHours(1), f.interval());
        assertEquals(ArlGrid.Kind.LAT_LON, f.grid().kind());
        assertTrue(idx.indexRecords() > 1, "catalogue spans " + idx.indexRecords() + " records");
        assertFieldsMatch(f, 3);
    }

    @Test
    void gridSmallerThanTheIndexHeader() {
        ArlGrid g = ArlTestFiles.tinyGrid();
        Path file = ArlTestFiles.write(tmp.resolve("tiny.arl"), g, VerticalCoordinate.SIGMA, 3, 2);
        ArlFile f = ArlFile.open(file);
        assertEquals(7, f.grid().nx());
        assertEquals(6, f.grid().ny());
        assertEquals(50 + 42, f.recordLength());
        ArlIndex idx = f.periods().get(0).index();
        assertEquals((idx.textLength() + 41) / 42, idx.indexRecords());
        assertEquals(ArlGrid.Kind.LAMBERT_CONFORMAL, f.grid().kind());
        assertFieldsMatch(f, 2);
        // the smallest grid: 2 × 2, the header spans 27 records
        ArlGrid g2 = ArlGrid.latLon(0, 0, 1, 1, 2, 2);
        ArlFile f2 = ArlFile.open(ArlTestFiles.write(tmp.resolve("2x2.arl"), g2, VerticalCoordinate.PRESSURE, 2, 2));
        assertEquals(2, f2.grid().nx());
        assertFieldsMatch(f2, 2);
        // 100, 106 and 54 points: headers that spill a few bytes into the next record
        for (int[] size : new int[][] {{10, 10}, {53, 2}, {6, 9}}) {
            ArlGrid gs = ArlGrid.latLon(0, 0, 1, 1, size[0], size[1]);
            ArlFile fs = ArlFile.open(ArlTestFiles.write(tmp.resolve(size[0] + "x" + size[1] + ".arl"), gs,
                    VerticalCoordinate.TERRAIN, 3, 2));
            assertEquals(size[0], fs.grid().nx());
            assertEquals(size[1], fs.grid().ny());
            assertFieldsMatch(fs, 2);
        }
    }

    @Test
    void letteredGridSizes() {
        ArlGrid g = ArlGrid.latLon(10.0, 0.0, 0.01, 0.01, 1001, 3);
        ArlFile f = ArlFile.open(ArlTestFiles.write(tmp.resolve("wide.arl"), g, VerticalCoordinate.SIGMA, 2, 2));
        assertEquals(1001, f.grid().nx());
        assertEquals("A@", f.periods().get(0).records().get(0).label().gridId(), "as in the det_wide reference file");
        assertFieldsMatch(f, 2);
    }

    @Test
    void differenceRecordsAddToTheirParent() {
        ArlFile f = ArlFile.open(ArlTestFiles.write(tmp.resolve("dif.arl"), ArlTestFiles.smallGrid(),
                VerticalCoordinate.SIGMA, 3, 1));
        ArlPeriod p = f.periods().get(0);
        float[] w = f.read(p, "WWND", 2);
        float[] d = f.read(p, "DIFW", 2);
        float[] sum = f.readWithDifference(p, "WWND", 2);
        for (int i = 0; i < w.length; i++) {
            assertEquals(w[i] + d[i], sum[i]);
        }
        assertArrayEquals(f.read(p, "TEMP", 2), f.readWithDifference(p, "TEMP", 2), "no DIF after TEMP");
    }

    @Test
    void realHrrrDifferenceRecordFollowsItsParent() {
        ArlFile f = ArlFile.open(MetReference.hrrr("20190530_00-05_hrrr"));
        ArlPeriod p = f.periods().get(0);
        ArlLevel l1 = p.index().levels().get(1);
        assertEquals(l1.indexOf("WWND") + 1, l1.indexOf("DIFW"));
        float[] w = f.read(p, "WWND", 1);
        float[] d = f.read(p, "DIFW", 1);
        float[] sum = f.readWithDifference(p, "WWND", 1);
        for (int i = 0; i < w.length; i++) {
            assertEquals(w[i] + d[i], sum[i]);
        }
    }

    @Test
    void gzipFilesAreInflated() throws IOException {
        Path plain = ArlTestFiles.write(tmp.resolve("z.arl"), ArlTestFiles.smallGrid(), VerticalCoordinate.HYBRID, 3, 2);
        Path gz = tmp.resolve("z.arl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(plain, out);
        }
        ArlFile f = ArlFile.open(gz);
        assertEquals(Files.size(plain), f.sizeBytes());
        assertFieldsMatch(f, 2);
    }

    @Test
    void missingVariableOrLevelIsMetUnavailable() {
        ArlFile f = ArlFile.open(ArlTestFiles.write(tmp.resolve("m.arl"), ArlTestFiles.smallGrid(),
                VerticalCoordinate.SIGMA, 2, 1));
        ArlPeriod p = f.periods().get(0);
        MetUnavailableException e = assertThrows(MetUnavailableException.class, () -> f.read(p, "RELH", 1));
        assertTrue(e.getMessage().contains("has no variable 'RELH' at level 1; available: [UWND, VWND, WWND, DIFW, TEMP]"),
                e.getMessage());
        e = assertThrows(MetUnavailableException.class, () -> f.read(p, "TEMP", 7));
        assertTrue(e.getMessage().contains("levels 0..1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.read(p, "TEMP", 1, new float[10], 0));
    }
}
