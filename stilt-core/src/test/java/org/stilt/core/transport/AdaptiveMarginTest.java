package org.stilt.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The adaptive met-window margin ({@link TrajectoryRunner#adaptiveMarginCells}): 1.5 times the
 * distance the fastest wind of either frame covers in one interval, over the levels up to 3 km
 * above the highest particle, plus 2 cells.
 *
 * <p>Thread-safety: JUnit creates one instance per test; no shared state.
 */
class AdaptiveMarginTest {

    private static final InternalLevels LEVELS = InternalLevels.forModelTop(25_000.0);

    /** A 4 × 3 frame with wind (u, v) on every level, and a faster wind from level {@code fastFrom} up. */
    private static KernelFrame frame(double u, double v, int fastFrom, double fastU) {
        int nz = LEVELS.count();
        KernelFrame f = new KernelFrame(0, 0, 4, 3, nz, Instant.parse("2021-07-15T00:00:00Z"));
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 4; i++) {
                for (int k = 0; k < nz; k++) {
                    f.set3(KernelFrame.F3_U, i, j, k, (float) (k >= fastFrom ? fastU : u));
                    f.set3(KernelFrame.F3_V, i, j, k, (float) v);
                }
            }
        }
        return f;
    }

    @Test
    void fastestWindOfEitherFrameSetsTheMargin() {
        // 6-8-10 m/s in frame b: 1.5 · 10 m/s · 3600 s = 54 km = 5.4 cells of 10 km → 6 + 2
        int cells = TrajectoryRunner.adaptiveMarginCells(frame(3, 4, 99, 0), frame(6, 8, 99, 0), LEVELS, 500.0,
                3600.0, 10_000.0);
        assertEquals(8, cells);
    }

    @Test
    void windsFarAboveTheParticlesDoNotCount() {
        double[] z = LEVELS.heightsMeters();
        int jet = 0;
        while (z[jet] < 9000.0) {
            jet++;
        }
        // a 60 m/s jet from ~9 km up: ignored for particles below 1 km, counted for one at 7 km
        KernelFrame a = frame(10, 0, jet, 60);
        int low = TrajectoryRunner.adaptiveMarginCells(a, a, LEVELS, 1000.0, 3600.0, 3000.0);
        int high = TrajectoryRunner.adaptiveMarginCells(a, a, LEVELS, 7000.0, 3600.0, 3000.0);
        assertEquals((int) Math.ceil(1.5 * 10 * 3600 / 3000.0) + 2, low);
        assertEquals((int) Math.ceil(1.5 * 60 * 3600 / 3000.0) + 2, high);
    }

    @Test
    void nonFiniteWindGivesTheLargestMargin() {
        KernelFrame a = frame(Double.NaN, 0, 99, 0);
        KernelFrame b = frame(Double.POSITIVE_INFINITY, 0, 99, 0);
        assertEquals(Integer.MAX_VALUE, TrajectoryRunner.adaptiveMarginCells(b, b, LEVELS, 0.0, 3600.0, 3000.0));
        // NaN never compares larger: the finite frame decides (the kernel reports NaN met itself)
        assertEquals(2, TrajectoryRunner.adaptiveMarginCells(a, a, LEVELS, 0.0, 3600.0, 3000.0));
    }
}
