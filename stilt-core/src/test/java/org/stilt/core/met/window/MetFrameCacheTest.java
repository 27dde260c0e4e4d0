package org.stilt.core.met.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.InvalidInputException;
import org.stilt.core.StiltException;

/** Sharing, leases, LRU eviction and the budget of the frame cache. */
class MetFrameCacheTest {

    @TempDir
    Path tmp;

    private MetSeries series;
    private MetVariables.Selection sel;
    private final SubGrid sg = new SubGrid(2, 2, 8, 6);
    private long frameBytes;

    @BeforeEach
    void files() {
        series = MetSeries.open(List.of(MetTestFiles.write(tmp.resolve("a"), MetTestFiles.LAT_LON, MetTestFiles.T0, 5)));
        sel = MetVariables.stilt().resolve(series.firstIndex(), series.files().get(0).path());
        frameBytes = MetFrames.layout(series.entry(0), sel, sg).byteSize();
    }

    private MetFrameCache.Key key(int i) {
        return new MetFrameCache.Key(series.entry(i).file().path(), i, sel, sg);
    }

    @Test
    void concurrentLeasesOfOneFrameBuildItOnceAndShareIt() throws Exception {
        MetFrameCache cache = new MetFrameCache(1L << 30);
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<MetFrameCache.Lease>> fs = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            fs.add(pool.submit(() -> {
                go.await();
                return cache.lease(series.entry(2), sel, sg);
            }));
        }
        go.countDown();
        List<MetFrameCache.Lease> leases = new ArrayList<>();
        for (Future<MetFrameCache.Lease> f : fs) {
            leases.add(f.get());
        }
        pool.shutdown();
        MetFrameCache.Stats s = cache.stats();
        assertEquals(1, s.misses(), "built once");
        assertEquals(n - 1, s.hits());
        assertEquals(1, s.frames());
        for (MetFrameCache.Lease l : leases) {
            assertSame(leases.get(0).frame(), l.frame());
        }
        for (int i = 0; i < n - 1; i++) {
            leases.get(i).close();
        }
        assertEquals(1, cache.stats().leasedFrames(), "one lease still open");
        leases.get(n - 1).close();
        leases.get(n - 1).close(); // twice is harmless
        assertEquals(0, cache.stats().leasedFrames());
        assertThrows(IllegalStateException.class, () -> leases.get(0).frame());
    }

    @Test
    void evictsTheLeastRecentlyLeasedUnusedFrameFirstAndKeepsTheBudget() {
        MetFrameCache cache = new MetFrameCache(3 * frameBytes);
        for (int i = 0; i < 3; i++) {
            cache.lease(series.entry(i), sel, sg).close();
        }
        cache.lease(series.entry(0), sel, sg).close(); // 0 is now the most recent; 1 the least
        cache.lease(series.entry(3), sel, sg).close();
        assertFalse(cache.contains(key(1)), "least recently leased evicted");
        assertTrue(cache.contains(key(0)) && cache.contains(key(2)) && cache.contains(key(3)));
        cache.lease(series.entry(4), sel, sg).close();
        assertFalse(cache.contains(key(2)));
        MetFrameCache.Stats s = cache.stats();
        assertEquals(2, s.evictions());
        assertEquals(3, s.frames());
        assertEquals(3 * frameBytes, s.heldBytes());
        assertTrue(s.heldBytes() <= s.budgetBytes());
        assertEquals(1, s.hits());
        assertEquals(5, s.misses());
    }

    @Test
    void aLeasedFrameIsNeverEvictedAndAFullCacheSaysWhy() {
        MetFrameCache cache = new MetFrameCache(2 * frameBytes + 10);
        MetFrameCache.Lease a = cache.lease(series.entry(0), sel, sg);
        MetFrameCache.Lease b = cache.lease(series.entry(1), sel, sg);
        MetCacheFullException e = assertThrows(MetCacheFullException.class, () -> cache.lease(series.entry(2), sel, sg));
        assertEquals(frameBytes, e.requestedBytes());
        assertEquals(2 * frameBytes, e.leasedBytes());
        assertEquals(2 * frameBytes + 10, e.budgetBytes());
        assertTrue(e.getMessage().contains("2 frame(s) of " + 2 * frameBytes + " bytes")
                && e.getMessage().contains(MetFrameCache.BUDGET_PROPERTY), e.getMessage());
        assertTrue(e instanceof StiltException);
        assertTrue(cache.contains(key(0)) && cache.contains(key(1)));
        a.close();
        try (MetFrameCache.Lease c = cache.lease(series.entry(2), sel, sg)) {
            assertFalse(cache.contains(key(0)));
            assertSame(b.frame(), cache.lease(series.entry(1), sel, sg).frame());
            assertEquals(c.frame().layout().validTime(), series.entry(2).validTime());
        }
        MetCacheFullException tooBig = assertThrows(MetCacheFullException.class,
                () -> new MetFrameCache(frameBytes - 1).lease(series.entry(0), sel, sg));
        assertTrue(tooBig.getMessage().contains("larger than the whole budget"), tooBig.getMessage());
    }

    @Test
    void evictedMemoryIsReusedWithoutStaleValues() {
        MetFrameCache cache = new MetFrameCache(2 * frameBytes);
        MetFrameCache.Lease firstLease = cache.lease(series.entry(0), sel, sg);
        MetFrame first = firstLease.frame();
        assertEquals(0, cache.evictUnleased(), "leased frames stay");
        firstLease.close();
        assertEquals(1, cache.evictUnleased());
        assertEquals(frameBytes, cache.stats().pooledBytes());
        try (MetFrameCache.Lease l = cache.lease(series.entry(3), sel, sg)) {
            assertSame(first.storage, l.frame().storage, "pooled memory reused");
            assertEquals(0, cache.stats().pooledBytes());
            assertEquals(MetFrames.build(series.entry(3), sel, sg).bytes(), l.frame().bytes());
        }
        // a full cache hands the least recently leased frame's memory to the new frame
        cache.lease(series.entry(1), sel, sg).close();
        try (MetFrameCache.Lease l = cache.lease(series.entry(2), sel, sg)) {
            assertEquals(MetFrames.build(series.entry(2), sel, sg).bytes(), l.frame().bytes());
            assertFalse(cache.contains(key(3)));
            assertTrue(cache.contains(key(1)));
        }
        assertEquals(2 * frameBytes, cache.stats().heldBytes());
        cache.clear();
        assertEquals(0, cache.stats().heldBytes() + cache.stats().pooledBytes());
    }

    @Test
    void sizeClassesWasteAtMostOneSixteenth() {
        assertEquals(5000, MetFrameCache.sizeClass(5000));
        for (long b : new long[] {65_537, 149_280_000L, 1_000_000_007L, 2_000_000_000L}) {
            long c = MetFrameCache.sizeClass(b);
            assertTrue(c >= b && c <= b + b / 16 && c <= Integer.MAX_VALUE, b + " → " + c);
        }
        assertEquals(MetFrameCache.sizeClass(149_000_000L), MetFrameCache.sizeClass(149_280_000L));
    }

    @Test
    void budgetsParseAndDefaultToThreeQuartersOfDirectMemory() {
        assertEquals(8L << 30, MetFrameCache.parseBytes("8g"));
        assertEquals(512L << 20, MetFrameCache.parseBytes(" 512M "));
        assertEquals(1000, MetFrameCache.parseBytes("1000"));
        assertThrows(InvalidInputException.class, () -> MetFrameCache.parseBytes("-1"));
        assertThrows(InvalidInputException.class, () -> MetFrameCache.parseBytes("lots"));
        assertThrows(InvalidInputException.class, () -> new MetFrameCache(0));
        long d = MetFrameCache.defaultBudgetBytes();
        assertTrue(d > 0 && d <= Runtime.getRuntime().maxMemory() || d > 0, "positive: " + d);
        String old = System.getProperty(MetFrameCache.BUDGET_PROPERTY);
        try {
            System.setProperty(MetFrameCache.BUDGET_PROPERTY, "3m");
            assertEquals(3L << 20, MetFrameCache.withConfiguredBudget().budgetBytes());
        } finally {
            if (old == null) {
                System.clearProperty(MetFrameCache.BUDGET_PROPERTY);
            } else {
                System.setProperty(MetFrameCache.BUDGET_PROPERTY, old);
            }
        }
    }
}
