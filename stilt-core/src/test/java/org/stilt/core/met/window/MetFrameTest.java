package org.stilt.core.met.window;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.met.ArlFile;
import org.stilt.core.met.ArlGrid;
import org.stilt.core.met.ArlPeriod;

/** Frame values equal the full-field unpack at the same points, in the documented layout. */
class MetFrameTest {

    @TempDir
    Path tmp;

    static Path hrrr(String name) {
        Path p = Path.of(System.getProperty("stilt.reference.dir", "../../shared/reference"), "met", name);
        if (!Files.isRegularFile(p)) {
            System.err.println("SKIPPED: reference met file not available: " + p.toAbsolutePath());
        }
        assumeTrue(Files.isRegularFile(p), "reference met file not available: " + p);
        return p;
    }

    static List<SubGrid> subGrids(ArlGrid g) {
        int nx = g.nx();
        int ny = g.ny();
        return List.of(SubGrid.full(g), new SubGrid(0, 0, 1, 1), new SubGrid(nx - 1, ny - 1, 1, 1),
                new SubGrid(0, ny - 5, 7, 5), new SubGrid(nx - 6, 0, 6, 9), new SubGrid(3, 2, nx / 2, ny / 2 + 1),
                new SubGrid(1, 1, nx - 2, ny - 2));
    }

    /** Checks every plane of a frame of {@code series}' entry 0 against ArlFile.read(WithDifference). */
    static void assertFrameMatchesFullUnpack(MetSeries series, SubGrid sg) {
        MetSeries.Entry e = series.entry(series.size() - 1);
        MetVariables.Selection sel = MetVariables.stilt().resolve(e.period().index(), e.file().path());
        MetFrame frame = MetFrames.build(e, sel, sg);
        MetFrameLayout l = frame.layout();
        ArlFile f = e.file();
        ArlPeriod p = e.period();
        int nx = f.grid().nx();
        FloatBuffer values = frame.values();
        for (int v = 0; v < l.nsfc(); v++) {
            MetVariables.Resolved r = sel.surface().get(v);
            float[] full = r.differenceName() == null ? f.read(p, r.name(), 0) : f.readWithDifference(p, r.name(), 0);
            for (int j = 0; j < sg.wy(); j++) {
                for (int i = 0; i < sg.wx(); i++) {
                    float expected = full[(sg.y0() + j) * nx + sg.x0() + i];
                    assertEquals(expected, frame.surface(v, i, j), r.name() + " " + sg + " at " + i + "," + j);
                    assertEquals(expected, values.get(l.surfaceOffset(v) + j * sg.wx() + i));
                }
            }
        }
        for (int v = 0; v < l.nupper(); v++) {
            MetVariables.Resolved r = sel.upper().get(v);
            for (int k = 0; k < l.nlev(); k++) {
                float[] full = r.differenceName() == null ? f.read(p, r.name(), k + 1)
                        : f.readWithDifference(p, r.name(), k + 1);
                for (int j = 0; j < sg.wy(); j++) {
                    for (int i = 0; i < sg.wx(); i++) {
                        float expected = full[(sg.y0() + j) * nx + sg.x0() + i];
                        assertEquals(expected, frame.upper(v, k, i, j), r.name() + " level " + (k + 1) + " " + sg);
                        assertEquals(expected, values.get(l.upperOffset(v, k) + j * sg.wx() + i));
                    }
                }
            }
        }
    }

    @Test
    void latLonFramesEqualTheFullFieldAtEverySubGrid() {
        MetSeries s = MetSeries.of(List.of(ArlFile.open(
                MetTestFiles.write(tmp.resolve("ll.arl"), MetTestFiles.LAT_LON, MetTestFiles.T0, 2))));
        for (SubGrid sg : subGrids(s.grid())) {
            assertFrameMatchesFullUnpack(s, sg);
        }
    }

    @Test
    void lambertFramesEqualTheFullFieldAtEverySubGrid() {
        MetSeries s = MetSeries.of(List.of(ArlFile.open(
                MetTestFiles.write(tmp.resolve("lc.arl"), MetTestFiles.LAMBERT, MetTestFiles.T0, 2))));
        for (SubGrid sg : subGrids(s.grid())) {
            assertFrameMatchesFullUnpack(s, sg);
        }
    }

    @Test
    void realHrrrFramesEqualTheFullFieldIncludingDifw() {
        MetSeries s = MetSeries.open(List.of(hrrr("20190530_00-05_hrrr")));
        for (SubGrid sg : subGrids(s.grid())) {
            assertFrameMatchesFullUnpack(s, sg);
        }
        MetVariables.Selection sel = MetVariables.stilt().resolve(s.firstIndex(), s.files().get(0).path());
        assertEquals("DIFW", sel.upper().get(sel.upperNames().indexOf("WWND")).differenceName());
    }

    @Test
    void layoutIsSurfaceBlockThenUpperBlockInCOrder() {
        MetSeries s = MetSeries.of(List.of(ArlFile.open(
                MetTestFiles.write(tmp.resolve("ll.arl"), MetTestFiles.LAT_LON, MetTestFiles.T0, 1))));
        SubGrid sg = new SubGrid(2, 3, 5, 4);
        MetVariables.Selection sel = MetVariables.stilt().resolve(s.firstIndex(), s.files().get(0).path());
        MetFrame frame = MetFrames.build(s.entry(0), sel, sg);
        MetFrameLayout l = frame.layout();
        assertEquals(List.of("SHGT", "PRSS", "USTR", "SHTF", "PBLH", "T02M"), l.surfaceVariables());
        assertEquals(List.of("UWND", "VWND", "TEMP", "WWND", "PRES", "SPHU"), l.upperVariables());
        assertEquals(4, l.nlev());
        assertArrayEquals(new double[] {0.995, 0.98, 0.95, 0.9}, l.levelValues());
        assertEquals(0, l.surfaceOffset(0));
        assertEquals(20, l.surfaceOffset(1));
        assertEquals(6 * 20, l.upperBlockOffset());
        assertEquals(6 * 20 + (2 * 4 + 3) * 20, l.upperOffset(2, 3));
        assertEquals((6 + 6 * 4) * 20 * 4L, frame.byteSize());
        assertEquals(frame.byteSize(), frame.bytes().capacity());
        assertTrue(frame.bytes().isDirect());
        assertTrue(frame.bytes().isReadOnly());
        assertEquals(ByteOrder.nativeOrder(), frame.bytes().order());
        assertThrows(ReadOnlyBufferException.class, () -> frame.values().put(0, 1f));
        // byte-level: value (i=1, j=2) of TEMP at level 3 read as raw native floats
        int index = l.upperOffset(2, 2) + 2 * sg.wx() + 1;
        assertEquals(frame.upper(2, 2, 1, 2), frame.bytes().getFloat(index * 4));
        assertEquals(MetTestFiles.T0, l.validTime());
        assertEquals(s.grid(), l.grid());
    }
}
