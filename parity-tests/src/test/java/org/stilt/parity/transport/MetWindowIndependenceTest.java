package org.stilt.parity.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.stilt.core.transport.ArlFrameSource;
import org.stilt.core.transport.TrajectoryRequest;
import org.stilt.core.transport.TrajectoryResult;
import org.stilt.core.transport.TrajectoryRunner;
import org.stilt.core.transport.VerticalMotion;
import org.stilt.ffi.NativeTransportKernel;
import org.stilt.parity.ReferenceAccess;

/**
 * The met window (the sub-grid the frames cover) never changes a trajectory: a run whose window
 * starts one cell around the receptor and must grow (undoing and re-running intervals when a
 * particle outruns it) gives the same table, bit for bit, as the default (adaptive) window, the
 * fixed 200 km margin and the full grid; the adaptive window is the smaller.
 */
class MetWindowIndependenceTest {

    @Test
    void tinyGrowingWindowEqualsDefaultAndFullGrid() {
        Path dir = ReferenceAccess.referenceDir().resolve("transport/deterministic/det_shear_column_24h");
        Assumptions.assumeTrue(Files.isDirectory(dir), "missing " + dir);
        DeterministicCase c = DeterministicCase.load(dir);
        TrajectoryRequest request = DeterministicParity.request(c, c.firstHeights(), VerticalMotion.DATA);
        TrajectoryRunner runner = new TrajectoryRunner(NativeTransportKernel.create(c.zTop));
        TrajectoryResult normal;
        TrajectoryResult tiny;
        TrajectoryResult full;
        TrajectoryResult fixed;
        try (ArlFrameSource s = new ArlFrameSource(c.openMet(), c.zTop)) {
            normal = runner.run(request, s);
        }
        try (ArlFrameSource s = new ArlFrameSource(c.openMet(), c.zTop)) {
            fixed = runner.withWindowMargin(TrajectoryRunner.MARGIN_METERS, TrajectoryRunner.MIN_MARGIN_CELLS)
                    .run(request, s);
        }
        try (ArlFrameSource s = new ArlFrameSource(c.openMet(), c.zTop)) {
            tiny = runner.withWindowMargin(0.0, 1).run(request, s);
        }
        try (ArlFrameSource s = new ArlFrameSource(c.openMet(), c.zTop)) {
            full = runner.withWindowMargin(1.0e9, 1).run(request, s);
            assertTrue(s.regionIsFullGrid(), "a 1e6 km margin covers the whole grid");
        }
        assertTrue(tiny.windowRetries() > 0, "the tiny window must have grown by retries");
        int[] r = normal.finalRegion();
        assertTrue(r[2] < 201 || r[3] < 141, "the default window is smaller than the 201 x 141 grid: "
                + java.util.Arrays.toString(r));
        int[] rf = fixed.finalRegion();
        assertTrue((long) r[2] * r[3] < (long) rf[2] * rf[3], "the adaptive window " + java.util.Arrays.toString(r)
                + " is smaller than the fixed 200 km one " + java.util.Arrays.toString(rf));
        for (String col : normal.particles().columnNames()) {
            assertArrayEquals(full.particles().column(col), normal.particles().column(col), "default vs full: " + col);
            assertArrayEquals(full.particles().column(col), fixed.particles().column(col), "fixed vs full: " + col);
            assertArrayEquals(full.particles().column(col), tiny.particles().column(col), "tiny vs full: " + col);
        }
        assertEquals(full.rowCount(), tiny.rowCount());
    }
}
