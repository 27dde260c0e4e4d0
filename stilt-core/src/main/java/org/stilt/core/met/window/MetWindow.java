package org.stilt.core.met.window;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import org.stilt.core.InvalidInputException;
import org.stilt.core.MetUnavailableException;

/**
 * The met of one simulation: the valid times of a {@link MetSeries} that cover its run (forward
 * or backward) on the sub-grid of a {@link MetRegion}, as {@link MetFrame}s leased from a shared
 * {@link MetFrameCache}. Frames are built on demand by {@link #bracket} or all at once, in
 * parallel, by {@link #frames(Executor)}; the window holds their leases until {@link #close},
 * {@link #grow} or {@link #releasePassed}.
 *
 * <p>Thread-safety: not thread-safe; one window belongs to one simulation thread
 * ({@link #frames(Executor)} uses the executor's threads internally and returns after they finish).
 */
public final class MetWindow implements AutoCloseable {

    /** Direction of a run in time. */
    public enum Direction { FORWARD, BACKWARD }

    private final MetSeries series;
    private final MetVariables.Selection selection;
    private final MetFrameCache cache;
    private final Instant runStart;
    private final Instant runEnd;
    private final int first;
    private final int last;
    private MetRegion region;
    private SubGrid subGrid;
    private final TreeMap<Integer, MetFrameCache.Lease> leases = new TreeMap<>();
    private boolean closed;

    private MetWindow(MetSeries series, MetVariables.Selection selection, MetFrameCache cache, Instant runStart,
                      Instant runEnd, int first, int last, MetRegion region, SubGrid subGrid) {
        this.series = series;
        this.selection = selection;
        this.cache = cache;
        this.runStart = runStart;
        this.runEnd = runEnd;
        this.first = first;
        this.last = last;
        this.region = region;
        this.subGrid = subGrid;
    }

    /**
     * A window for a run from {@code runStart} to {@code runEnd} (earlier for backward runs).
     *
     * @throws MetUnavailableException when the series does not cover the run, a required variable
     *                                 is missing or the region lies outside the grid
     */
    public static MetWindow open(MetSeries series, MetVariables variables, Instant runStart, Instant runEnd,
                                 MetRegion region, MetFrameCache cache) {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(variables, "variables");
        Objects.requireNonNull(runStart, "runStart");
        Objects.requireNonNull(runEnd, "runEnd");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(cache, "cache");
        Instant lo = runStart.isBefore(runEnd) ? runStart : runEnd;
        Instant hi = runStart.isBefore(runEnd) ? runEnd : runStart;
        if (lo.isBefore(series.firstTime()) || hi.isAfter(series.lastTime())) {
            throw new MetUnavailableException("met series " + series.firstTime() + " .. " + series.lastTime()
                    + " (" + series.files().size() + " files, first " + series.files().get(0).path()
                    + ") does not cover the run " + runStart + " .. " + runEnd);
        }
        int first = series.floorIndex(lo);
        int last = series.floorIndex(hi);
        if (series.entry(last).validTime().isBefore(hi)) {
            last++;
        }
        MetVariables.Selection sel = variables.resolve(series.firstIndex(), series.files().get(0).path());
        SubGrid sg = region.subGrid(series.grid());
        return new MetWindow(series, sel, cache, runStart, runEnd, first, last, region, sg);
    }

    /** Forward when the run ends after it starts. */
    public Direction direction() {
        return runEnd.isBefore(runStart) ? Direction.BACKWARD : Direction.FORWARD;
    }

    /** The series. */
    public MetSeries series() {
        return series;
    }

    /** The variables read. */
    public MetVariables.Selection variables() {
        return selection;
    }

    /** The current sub-grid. */
    public SubGrid subGrid() {
        return subGrid;
    }

    /** The current region. */
    public MetRegion region() {
        return region;
    }

    /** Valid times of the window, ascending (from the last time ≤ the run's earlier end to the first ≥ its later end). */
    public List<Instant> times() {
        List<Instant> out = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            out.add(series.entry(i).validTime());
        }
        return out;
    }

    /**
     * The frames bracketing {@code t}, built if needed. Between valid times: the one before and the
     * one after. At an exact valid time: the interval the run continues into, i.e. forward runs
     * get (t, next) with weight 0 and backward runs (previous, t) with weight 1; at the window's
     * last (forward) or first (backward) time, the interval that ends there.
     *
     * @throws MetUnavailableException when {@code t} is outside the window's valid times
     * @throws MetCacheFullException   when the frames do not fit the cache
     */
    public MetBracket bracket(Instant t) {
        ensureOpen();
        Instant lo = series.entry(first).validTime();
        Instant hi = series.entry(last).validTime();
        if (t.isBefore(lo) || t.isAfter(hi)) {
            throw new MetUnavailableException("time " + t + " is outside the met window " + lo + " .. " + hi
                    + " (run " + runStart + " .. " + runEnd + ")");
        }
        int k = series.floorIndex(t);
        int a;
        int b;
        if (first == last) {
            a = first;
            b = first;
        } else if (!series.entry(k).validTime().equals(t)) {
            a = k;
            b = k + 1;
        } else if (direction() == Direction.FORWARD) {
            a = k < last ? k : k - 1;
            b = a + 1;
        } else {
            b = k > first ? k : k + 1;
            a = b - 1;
        }
        MetFrame before = frame(a);
        MetFrame after = frame(b);
        double w = 0.0;
        if (a != b) {
            Duration span = Duration.between(series.entry(a).validTime(), series.entry(b).validTime());
            w = (double) Duration.between(series.entry(a).validTime(), t).toNanos() / span.toNanos();
        }
        return new MetBracket(t, before, after, w);
    }

    private MetFrame frame(int i) {
        MetFrameCache.Lease l = leases.get(i);
        if (l == null) {
            l = cache.lease(series.entry(i), selection, subGrid);
            leases.put(i, l);
        }
        return l.frame();
    }

    /**
     * Builds (or leases from the cache) every frame of the window in parallel on {@code executor}.
     *
     * @return the frames in time order
     * @throws MetCacheFullException when they do not fit the cache (frames leased so far are kept)
     */
    public List<MetFrame> frames(Executor executor) {
        ensureOpen();
        List<Integer> todo = new ArrayList<>();
        List<CompletableFuture<MetFrameCache.Lease>> futures = new ArrayList<>();
        SubGrid sg = subGrid;
        for (int i = first; i <= last; i++) {
            if (!leases.containsKey(i)) {
                MetSeries.Entry e = series.entry(i);
                todo.add(i);
                futures.add(CompletableFuture.supplyAsync(() -> cache.lease(e, selection, sg), executor));
            }
        }
        RuntimeException failure = null;
        for (int n = 0; n < futures.size(); n++) {
            try {
                leases.put(todo.get(n), futures.get(n).join());
            } catch (CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException re ? re : e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        List<MetFrame> out = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            out.add(leases.get(i).frame());
        }
        return out;
    }

    /**
     * Adds {@code more} to the region. When the sub-grid grows, the window's frames are released
     * (they stay in the cache for others) and rebuilt on the larger sub-grid when next needed.
     *
     * @return whether the sub-grid changed
     */
    public boolean grow(MetRegion more) {
        ensureOpen();
        SubGrid added = more.subGrid(series.grid());
        region = region.union(more);
        if (subGrid.contains(added)) {
            return false;
        }
        subGrid = subGrid.union(added);
        releaseAll();
        return true;
    }

    /**
     * Releases the frames the run no longer needs once it has reached {@code t}: forward, those
     * before the last valid time ≤ t; backward, those after the first valid time ≥ t.
     *
     * @return how many frames were released
     */
    public int releasePassed(Instant t) {
        ensureOpen();
        int k = series.floorIndex(t);
        List<Integer> drop = new ArrayList<>();
        for (int i : leases.keySet()) {
            boolean passed = direction() == Direction.FORWARD ? i < k
                    : (k >= 0 && (series.entry(k).validTime().equals(t) ? i > k : i > k + 1));
            if (passed) {
                drop.add(i);
            }
        }
        for (int i : drop) {
            leases.remove(i).close();
        }
        return drop.size();
    }

    /** Number of frames the window currently holds. */
    public int heldFrames() {
        return leases.size();
    }

    private void releaseAll() {
        for (MetFrameCache.Lease l : leases.values()) {
            l.close();
        }
        leases.clear();
    }

    private void ensureOpen() {
        if (closed) {
            throw new InvalidInputException("met window " + runStart + " .. " + runEnd + " is closed");
        }
    }

    /** Releases every frame. */
    @Override
    public void close() {
        if (!closed) {
            releaseAll();
            closed = true;
        }
    }
}
