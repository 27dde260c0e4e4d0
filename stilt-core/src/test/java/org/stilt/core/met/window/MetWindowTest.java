package org.stilt.core.met.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.MetUnavailableException;

/** Bracketing, growth and parallel building of a simulation's frames. */
class MetWindowTest {

    @TempDir
    Path tmp;

    private MetSeries series;
    private MetFrameCache cache;
    private final MetRegion region = MetRegion.point(34.0, 255.0, 2);

    private static Instant h(double hours) {
        return MetTestFiles.T0.plusSeconds(Math.round(hours * 3600));
    }

    @BeforeEach
    void files() {
        series = MetSeries.open(List.of(
                MetTestFiles.write(tmp.resolve("b"), MetTestFiles.LAT_LON, h(3), 3),
                MetTestFiles.write(tmp.resolve("a"), MetTestFiles.LAT_LON, h(0), 3)));
        cache = new MetFrameCache(1L << 30);
    }

    private MetWindow window(double startHours, double endHours) {
        return MetWindow.open(series, MetVariables.stilt(), h(startHours), h(endHours), region, cache);
    }

    private static void assertBracket(MetBracket b, double beforeH, double afterH, double weight) {
        assertEquals(h(beforeH), b.beforeTime(), "before");
        assertEquals(h(afterH), b.afterTime(), "after");
        assertEquals(weight, b.weightAfter(), 1e-12, "weight");
    }

    @Test
    void forwardBracketsIncludingExactHitsAndTheIntervalEnd() {
        try (MetWindow w = window(1, 4.5)) {
            assertEquals(MetWindow.Direction.FORWARD, w.direction());
            assertEquals(List.of(h(1), h(2), h(3), h(4), h(5)), w.times());
            assertBracket(w.bracket(h(1)), 1, 2, 0.0);
            assertBracket(w.bracket(h(2.5)), 2, 3, 0.5);
            assertBracket(w.bracket(h(3)), 3, 4, 0.0);
            assertBracket(w.bracket(h(4.75)), 4, 5, 0.75);
            assertBracket(w.bracket(h(5)), 4, 5, 1.0);
            MetUnavailableException e = assertThrows(MetUnavailableException.class, () -> w.bracket(h(0.5)));
            assertTrue(e.getMessage().contains("outside the met window"), e.getMessage());
            assertThrows(MetUnavailableException.class, () -> w.bracket(h(5.1)));
        }
    }

    @Test
    void backwardBracketsIncludingExactHitsAndTheIntervalEnd() {
        try (MetWindow w = window(4, 0.5)) {
            assertEquals(MetWindow.Direction.BACKWARD, w.direction());
            assertEquals(List.of(h(0), h(1), h(2), h(3), h(4)), w.times());
            assertBracket(w.bracket(h(4)), 3, 4, 1.0);
            assertBracket(w.bracket(h(2)), 1, 2, 1.0);
            assertBracket(w.bracket(h(1.25)), 1, 2, 0.25);
            assertBracket(w.bracket(h(0)), 0, 1, 0.0);
        }
    }

    @Test
    void aWindowOfOneValidTimeGivesTheSameFrameTwice() {
        try (MetWindow w = window(2, 2)) {
            MetBracket b = w.bracket(h(2));
            assertSame(b.before(), b.after());
            assertEquals(0.0, b.weightAfter());
        }
    }

    @Test
    void aRunTheSeriesDoesNotCoverIsAnError() {
        MetUnavailableException e = assertThrows(MetUnavailableException.class, () -> window(3, 6.5));
        assertTrue(e.getMessage().contains("does not cover the run"), e.getMessage());
        assertThrows(MetUnavailableException.class, () -> window(-0.5, 2));
    }

    @Test
    void bracketFramesHoldTheEntriesValues() {
        try (MetWindow w = window(0, 5)) {
            MetBracket b = w.bracket(h(3.5));
            MetFrame expected = MetFrames.build(series.entry(4), w.variables(), w.subGrid());
            assertEquals(expected.bytes(), b.after().bytes());
            assertFalse(expected.bytes().equals(b.before().bytes()));
        }
    }

    @Test
    void growingEnlargesTheSubGridAndRebuildsFrames() {
        try (MetWindow w = window(0, 5)) {
            SubGrid before = w.subGrid();
            MetBracket b0 = w.bracket(h(1.5));
            assertEquals(2, w.heldFrames());
            assertFalse(w.grow(MetRegion.point(34.2, 255.3, 0)), "already inside");
            assertTrue(w.grow(MetRegion.point(36.0, 259.0, 1)));
            SubGrid after = w.subGrid();
            assertTrue(after.contains(before) && !before.contains(after), before + " → " + after);
            assertEquals(0, w.heldFrames());
            MetBracket b1 = w.bracket(h(1.5));
            assertEquals(after, b1.before().layout().subGrid());
            assertEquals(before, b0.before().layout().subGrid());
            // the old frame's values are the new frame's values at the same grid points
            int di = before.x0() - after.x0();
            int dj = before.y0() - after.y0();
            assertEquals(b0.before().upper(2, 1, 1, 1), b1.before().upper(2, 1, 1 + di, 1 + dj));
        }
    }

    @Test
    void framesAreBuiltInParallelOnceAndSharedWithTheNextWindow() {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (MetWindow w = window(5, 0); MetWindow w2 = window(0, 5)) {
            List<MetFrame> frames = w.frames(pool);
            assertEquals(6, frames.size());
            for (int i = 0; i < 6; i++) {
                assertEquals(h(i), frames.get(i).layout().validTime());
            }
            assertEquals(6, cache.stats().misses());
            List<MetFrame> again = w2.frames(pool);
            assertEquals(6, cache.stats().hits());
            assertSame(frames.get(3), again.get(3));
            assertSame(frames.get(3), w.bracket(h(3)).after());
            assertEquals(1, w.releasePassed(h(3.5)), "backward at 3.5 h (bracket 3 h..4 h) no longer needs 5 h");
            assertEquals(3, w2.releasePassed(h(3)), "forward at 3 h no longer needs 0..2 h");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, cache.stats().leasedFrames());
    }
}
