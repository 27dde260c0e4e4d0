package org.stilt.core.transport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.stilt.core.KernelException;
import org.stilt.core.MetUnavailableException;
import org.stilt.core.met.GridProjection;
import org.stilt.core.met.GridProjection.GeoPoint;
import org.stilt.core.met.GridProjection.GridPoint;
import org.stilt.core.particles.ParticleTable;

/**
 * Runs one receptor's trajectories (docs/transport.md): releases the particles, then walks the
 * met intervals from the release time for {@code n_hours}, calling the kernel once per interval
 * with the two bracketing frames, and converts the kernel's grid positions to longitude/latitude.
 *
 * <p>Met window: frames cover only a sub-grid around the particles (all active particles plus a
 * margin, at least {@value #MIN_MARGIN_CELLS} cells), grown before each interval as the particles
 * spread. The margin is adaptive: {@value #ADAPTIVE_MARGIN_FACTOR} times the distance the fastest
 * wind near the particles covers in one met interval, never more than about 200 km (the fixed
 * margin of {@link #withWindowMargin}); it only grows. When a particle still reaches the edge of the window within an
 * interval, the kernel reports it (status 2), the interval is undone (state and rows restored) and
 * re-run on a window grown by twice the margin; results do not depend on the window.
 *
 * <p>Thread-safety: stateless; safe to share. Each call uses its own state and frame source.
 */
public final class TrajectoryRunner {

    /** Smallest margin around the particles, in grid cells. */
    public static final int MIN_MARGIN_CELLS = 8;
    /** Margin around the particles, metres (one hour at 55 m/s). */
    public static final double MARGIN_METERS = 200_000.0;

    /** Safety factor on the distance the fastest wind near the particles covers in one met interval. */
    public static final double ADAPTIVE_MARGIN_FACTOR = 1.5;
    /** The wind that sizes the adaptive margin is the fastest up to this far above the highest particle, m. */
    public static final double ADAPTIVE_MARGIN_HEADROOM_METERS = 3000.0;

    private final TransportKernel kernel;
    private final double marginMeters;
    private final int minMarginCells;
    private final boolean adaptiveMargin;
    private final MixedLayerOptions mixedLayer;
    private final int threads;

    /** A runner with the default window margin (adaptive, at most {@value #MARGIN_METERS} m). */
    public TrajectoryRunner(TransportKernel kernel) {
        this(kernel, MARGIN_METERS, MIN_MARGIN_CELLS, true, MixedLayerOptions.STILT_DEFAULT, 1);
    }

    private TrajectoryRunner(TransportKernel kernel, double marginMeters, int minMarginCells, boolean adaptiveMargin,
                             MixedLayerOptions mixedLayer, int threads) {
        if (threads < 1) {
            throw new org.stilt.core.InvalidInputException("threads " + threads + "; expected at least 1");
        }
        this.threads = threads;
        this.mixedLayer = java.util.Objects.requireNonNull(mixedLayer, "mixedLayer");
        this.kernel = java.util.Objects.requireNonNull(kernel, "kernel");
        if (!(marginMeters >= 0) || minMarginCells < 1) {
            throw new IllegalArgumentException("window margin " + marginMeters + " m, at least " + minMarginCells
                    + " cells; expected >= 0 m and >= 1 cell");
        }
        this.marginMeters = marginMeters;
        this.minMarginCells = minMarginCells;
        this.adaptiveMargin = adaptiveMargin;
    }

    /**
     * The same runner with a fixed met-window margin around the particles instead of the adaptive
     * one (results never depend on it; a small margin means smaller frames but more window growth
     * and retries).
     */
    public TrajectoryRunner withWindowMargin(double meters, int minCells) {
        return new TrajectoryRunner(kernel, meters, minCells, false, mixedLayer, threads);
    }

    /** The same runner with another mixed-layer rule (default: R-STILT's KMIXD = 3, KMIX0 = 150 m). */
    public TrajectoryRunner withMixedLayer(MixedLayerOptions options) {
        return new TrajectoryRunner(kernel, marginMeters, minMarginCells, adaptiveMargin, options, threads);
    }

    /**
     * The same runner advancing the ensemble in {@code n} particle chunks on {@code n} threads (one
     * kernel call per chunk and met interval; the chunks do not wait for each other at interval ends,
     * {@link ChunkedRun}); the release's frames are converted in {@code n} row bands on the same
     * threads ({@link ArlFrameSource#setConversionThreads}), later ones by the first chunk thread
     * that needs them. Results are identical for any {@code n}: every particle keeps its own random
     * stream and index, rows are merged in the one-thread order, and the met conversion works
     * column by column.
     */
    public TrajectoryRunner withThreads(int n) {
        return new TrajectoryRunner(kernel, marginMeters, minMarginCells, adaptiveMargin, mixedLayer, n);
    }

    /** The kernel used. */
    public TransportKernel kernel() {
        return kernel;
    }

    /** Runs {@code request} on the met of {@code source}. */
    public TrajectoryResult run(TrajectoryRequest request, ArlFrameSource source) {
        return run(request, source, Math.abs(request.minutes()));
    }

    /**
     * Runs only the first {@code maxMinutes} minutes of {@code request} (used to find release
     * heights that reproduce a reference run's first output row).
     */
    public TrajectoryResult run(TrajectoryRequest request, ArlFrameSource source, long maxMinutes) {
        long runStart = System.nanoTime();
        GridProjection projection = source.projection();
        source.setConverter(kernel.frameConverter(source.levels(), projection, mixedLayer));
        GridPoint start = projection.toGrid(request.latitude(), request.longitude());
        int nx = source.grid().nx();
        int ny = source.grid().ny();
        if (!(start.x() >= 2.0 && start.x() <= nx - 1.0 && start.y() >= 2.0 && start.y() <= ny - 1.0)) {
            throw new MetUnavailableException("receptor " + request.latitude() + "N " + request.longitude()
                    + "E is at grid x " + start.x() + ", y " + start.y() + ", outside the met grid interior "
                    + "2.." + (nx - 1) + " × 2.." + (ny - 1));
        }
        int dt = request.minutes() < 0 ? -1 : 1;
        long end = dt * Math.min(Math.abs(request.minutes()), Math.max(1, maxMinutes));
        double[] heights = request.releaseHeights();
        int n = heights.length;
        int chunks = Math.max(1, Math.min(threads, n / 2));
        ParticleState[] states = new ParticleState[chunks];
        // chunk k takes particles k, k + K, k + 2K, ... (K chunks): a column release orders particles
        // by height, and the low ones (short T_L, many sub-steps) cost several times the high ones
        for (int k = 0; k < chunks; k++) {
            states[k] = new ParticleState((n - k + chunks - 1) / chunks);
        }
        // every particle writes a row per minute until it stops: reserve that, so the rows never grow
        TrajectoryRows rows = new TrajectoryRows((long) n * Math.abs(end));
        Intervals intervals = new Intervals(source, request.runTime(), dt, end);
        double metersPerCell = 1.0 / Math.min(projection.gridUnitsPerMeterX(request.latitude(), request.longitude()),
                projection.gridUnitsPerMeterY(request.latitude(), request.longitude()));
        int fixedMargin = Math.max(minMarginCells, (int) Math.ceil(marginMeters / metersPerCell));
        // adaptive: start small, then size the margin from the winds near the particles (below)
        Window window = new Window(source, adaptiveMargin ? minMarginCells : fixedMargin, minMarginCells, fixedMargin,
                adaptiveMargin, metersPerCell);
        java.util.concurrent.ExecutorService pool = chunks == 1 ? null
                : java.util.concurrent.Executors.newFixedThreadPool(chunks, r -> {
                    Thread th = new Thread(r, "stilt-transport-chunk");
                    th.setDaemon(true);
                    return th;
                });
        try {
            // release: the first interval's frames (in row bands on the idle pool), then the particles
            Interval first = intervals.at(0);
            first.requireMet(source);
            if (pool != null) {
                source.setConversionThreads(pool, chunks);
            }
            KernelFrame[] ab = new KernelFrame[2];
            long metNanos = window.frames(new double[] {start.x(), start.x(), start.y(), start.y()}, first, ab);
            if (pool != null) {
                // from here frames are converted on the chunk threads themselves (ChunkedRun)
                source.setConversionThreads(null, 1);
            }
            for (int k = 0; k < chunks; k++) {
                double[] h = new double[states[k].size()];
                for (int i = 0; i < h.length; i++) {
                    h[i] = heights[k + i * chunks];
                }
                place(states[k], h, k, chunks, start, ab[0], ab[1], first.aMinute(), first.bMinute(),
                        request.modelTopMeters(), request.heightsAboveSeaLevel());
            }
            Progress progress;
            if (pool == null) {
                progress = advanceOneThread(request, intervals, window, states[0], rows, nx, ny);
            } else {
                progress = new ChunkedRun(kernel, request, intervals, window, states, rows, nx, ny).run(pool);
            }
            long tableStart = System.nanoTime();
            ParticleTable table = toTable(rows, projection, request, kernel.name(), pool);
            long end2 = System.nanoTime();
            TrajectoryTimings timings = new TrajectoryTimings(end2 - runStart, metNanos + progress.metNanos(),
                    progress.advanceNanos(), progress.mergeNanos(), end2 - tableStart, progress.chunkMetNanos(),
                    progress.kernelCpuNanos(), progress.waitNanos());
            return new TrajectoryResult(table, n, n - activeCount(states), rows.rowCount(), window.retries(),
                    source.region(), timings);
        } finally {
            if (pool != null) {
                source.setConversionThreads(null, 1);
                stop(pool);
            }
        }
    }

    /** Longest wait for the chunk threads of a failed or cancelled run to end, s. */
    static final long CHUNK_STOP_SECONDS = 30;

    /**
     * Stops the chunk threads (interrupting them) and waits until they have ended, at most
     * {@value #CHUNK_STOP_SECONDS} s: after a failure or cancellation a chunk thread may still be in
     * its current kernel call, and nothing of the run should outlive it (the caller closes the met
     * source next). Keeps the caller's interrupt status.
     */
    private static void stop(java.util.concurrent.ExecutorService pool) {
        pool.shutdownNow();
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + CHUNK_STOP_SECONDS * 1_000_000_000L;
        try {
            while (!pool.isTerminated()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    pool.awaitTermination(left, java.util.concurrent.TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * What advancing the particles through the run's intervals took: met and kernel time on the
     * calling thread, merging, met converted on the chunk threads, kernel CPU, chunk waits (ns).
     */
    record Progress(long metNanos, long advanceNanos, long mergeNanos, long chunkMetNanos, long kernelCpuNanos,
                    long waitNanos) {
    }

    /** The one-thread run: every interval in turn, retried on a larger window when a particle outruns it. */
    private Progress advanceOneThread(TrajectoryRequest request, Intervals intervals, Window window,
                                      ParticleState state, TrajectoryRows rows, int nx, int ny) {
        long metNanos = 0;
        long advanceNanos = 0;
        long kernelCpu = 0;
        KernelFrame[] ab = new KernelFrame[2];
        List<double[]> boxes = new ArrayList<>();
        for (int i = 0; intervals.has(i) && state.activeCount() > 0; i++) {
            checkNotInterrupted(intervals.at(i).startMinute(), intervals.end());
            Interval iv = intervals.at(i);
            iv.requireMet(window.source());
            keepOnTheGlobe(window.source().projection(), state);
            // hycs_std's position sub-grid, from the particles at the start of the previous interval
            // and their motion over the one before (AdvectionSubGrid)
            boxes.add(state.activeBounds());
            AdvectionSubGrid subGrid = subGrid(intervals, boxes, i, nx, ny);
            metNanos += window.framesFor(new ParticleState[] {state}, iv, ab);
            long[] times = new long[3];
            advanceInterval(kernel, iv.step(nx, ny, request).inSubGrid(subGrid), window, iv, state, rows, ab,
                    window.margin(), times);
            advanceNanos += times[0];
            kernelCpu += times[1];
            metNanos += times[2];
        }
        return new Progress(metNanos, advanceNanos, 0, 0, kernelCpu, 0);
    }

    /**
     * On a global grid ({@link GridProjection.Global}: copies of the file's columns side by side,
     * the receptor in the middle one), moves each particle that has come within half a turn of the
     * continuous grid's ends one turn back towards the middle ({@link ParticleState#wrapColumns}),
     * so that particles may circle the globe (or a pole) any number of times; called at the start
     * of every met interval, before the window and the position sub-grid are placed. A particle
     * then stops only if it travels more than half a turn of longitude within one interval.
     * Nothing happens on other grids.
     */
    static void keepOnTheGlobe(GridProjection projection, ParticleState state) {
        if (projection instanceof GridProjection.Global g) {
            int period = g.period();
            state.wrapColumns(period, period / 2.0 + 1.0, 2.5 * period + 1.0);
        }
    }

    /**
     * hycs_std's position sub-grid for interval {@code i} ({@link AdvectionSubGrid#ahead}): around
     * the particles at the start of interval i − 1 (interval 0 for i = 0), led by their motion from
     * the start of interval i − 2; {@code boxes} holds every particle's box at the start of
     * intervals 0 … max(0, i − 1) at least.
     */
    static AdvectionSubGrid subGrid(Intervals intervals, List<double[]> boxes, int i, int nx, int ny) {
        int last = Math.max(0, i - 1);
        if (last == 0) {
            return AdvectionSubGrid.ahead(boxes.get(0), null, 0.0, nx, ny);
        }
        double hours = Math.abs(intervals.at(last).startMinute() - intervals.at(last - 1).startMinute()) / 60.0;
        return AdvectionSubGrid.ahead(boxes.get(last), boxes.get(last - 1), hours, nx, ny);
    }

    /**
     * Advances {@code state} across {@code iv} on the frames in {@code ab} (taken by the caller with
     * margin {@code usedMargin}), appending its rows to {@code out}. When a particle outruns the
     * window the interval is undone (state restored, {@code out} truncated to its rows on entry) and
     * run again on a larger window. Adds the kernel calls' wall time to {@code times[0]}, their CPU
     * time to {@code times[1]} and the time taken growing the window to {@code times[2]} (ns).
     */
    static void advanceInterval(TransportKernel kernel, KernelStep step, Window window, Interval iv,
                                ParticleState state, TrajectoryRows out, KernelFrame[] ab, int usedMargin,
                                long[] times) {
        ParticleState before = state.copy();
        int rowsBefore = out.rowCount();
        int margin = usedMargin;
        while (true) {
            long start = System.nanoTime();
            long cpu0 = threadCpuNanos();
            boolean outran = false;
            try {
                kernel.advance(step, ab[0], ab[1], state, out);
            } catch (KernelException e) {
                if (!window.mayRetry(e, ab[0])) {
                    throw e;
                }
                outran = true;
            } finally {
                times[0] += System.nanoTime() - start;
                times[1] += cpu0 >= 0 ? threadCpuNanos() - cpu0 : 0;
            }
            if (!outran) {
                return;
            }
            // a particle outran the window: undo the interval and run it again on a larger one
            state.setFrom(before);
            out.truncate(rowsBefore);
            times[2] += window.retry(new ParticleState[] {state}, iv, ab, margin);
            margin = window.margin();
        }
    }

    /** Throws {@link org.stilt.core.RunCancelledException} when the current thread was interrupted. */
    static void checkNotInterrupted(long minute, long end) {
        if (Thread.currentThread().isInterrupted()) {
            throw new org.stilt.core.RunCancelledException("trajectory run cancelled at minute " + minute + " of "
                    + end + " (the thread was interrupted: a timeout or Ctrl-C)");
        }
    }

    /**
     * One met interval of a run: minutes {@code startMinute} to {@code stopMinute} (from the
     * release) between the frames valid at {@code ta} and {@code tb}, which are {@code aMinute}
     * and {@code bMinute} minutes from the release.
     */
    record Interval(long startMinute, long stopMinute, int dt, Instant ta, Instant tb, double aMinute,
                    double bMinute) {

        /** Throws {@link MetUnavailableException} unless the source has both frames. */
        void requireMet(ArlFrameSource source) {
            if (!source.has(ta) || !source.has(tb)) {
                throw new MetUnavailableException("the run needs met valid at " + ta + " and " + tb
                        + " (minute " + startMinute + " of the run); the met files cover " + source.firstTime()
                        + " to " + source.lastTime());
            }
        }

        /** The kernel step of this interval. */
        KernelStep step(int nx, int ny, TrajectoryRequest request) {
            return new KernelStep(startMinute, stopMinute, dt, aMinute, bMinute, nx, ny, request.verticalMotion(),
                    request.turbulence());
        }
    }

    /**
     * The run's met intervals in order, computed on demand (a pure function of the release, the met
     * interval and the run length, so every chunk thread walks the same list). Thread-safety: safe.
     */
    static final class Intervals {
        private final Instant release;
        private final Instant firstMet;
        private final Duration interval;
        private final long intervalMinutes;
        private final int dt;
        private final long end;
        private final java.util.List<Interval> list = new java.util.ArrayList<>();

        Intervals(ArlFrameSource source, Instant release, int dt, long end) {
            this.release = release;
            this.firstMet = source.firstTime();
            this.interval = source.interval();
            this.intervalMinutes = interval.toMinutes();
            this.dt = dt;
            this.end = end;
        }

        /** The run's last minute (negative for a backward run). */
        long end() {
            return end;
        }

        /** Whether the run has an interval {@code i} (0-based). */
        synchronized boolean has(int i) {
            extendTo(i);
            return i < list.size();
        }

        /** Interval {@code i} (0-based; {@link #has} first). */
        synchronized Interval at(int i) {
            extendTo(i);
            return list.get(i);
        }

        private void extendTo(int i) {
            while (list.size() <= i) {
                long t = list.isEmpty() ? 0 : list.get(list.size() - 1).stopMinute();
                if (t == end) {
                    return;
                }
                long sinceFirst = Duration.between(firstMet, release).toMinutes() + t;
                long aIndex = dt < 0 ? Math.floorDiv(sinceFirst - 1, intervalMinutes)
                        : Math.floorDiv(sinceFirst, intervalMinutes);
                Instant ta = firstMet.plus(Duration.ofMinutes(aIndex * intervalMinutes));
                Instant tb = ta.plus(interval);
                double aMinute = Duration.between(release, ta).toSeconds() / 60.0;
                double bMinute = Duration.between(release, tb).toSeconds() / 60.0;
                long stop = dt < 0 ? Math.max(end, (long) Math.ceil(aMinute)) : Math.min(end, (long) Math.floor(bMinute));
                if (stop == t) {
                    stop = t + dt;
                }
                list.add(new Interval(t, stop, dt, ta, tb, aMinute, bMinute));
            }
        }
    }

    /**
     * The run's met window: grows the source's region around the particles plus the margin and
     * hands out an interval's two frames; sizes the adaptive margin and doubles it when a particle
     * outran the window. All source access of a run goes through here. Thread-safety: safe (chunk
     * threads take the frames they need; one converts while the others advance).
     */
    static final class Window {
        private final ArlFrameSource source;
        private final int minMargin;
        private final int fixedMargin;
        private final boolean adaptive;
        private final double metersPerCell;
        private int margin;
        private int retries;

        Window(ArlFrameSource source, int margin, int minMargin, int fixedMargin, boolean adaptive,
               double metersPerCell) {
            this.source = source;
            this.margin = margin;
            this.minMargin = minMargin;
            this.fixedMargin = fixedMargin;
            this.adaptive = adaptive;
            this.metersPerCell = metersPerCell;
        }

        ArlFrameSource source() {
            return source;
        }

        /** Times an interval was re-run on a larger window. */
        synchronized int retries() {
            return retries;
        }

        /** Grows the window to hold {@code bounds} plus the margin; the frames of {@code iv} into out; ns taken. */
        synchronized long frames(double[] bounds, Interval iv, KernelFrame[] out) {
            return window(source, bounds, margin, iv.ta(), iv.tb(), out);
        }

        /**
         * The frames of {@code iv} around the active particles of {@code states}, the adaptive
         * margin first sized from the winds near them; ns taken.
         */
        synchronized long framesFor(ParticleState[] states, Interval iv, KernelFrame[] out) {
            long ns = window(source, activeBounds(states), margin, iv.ta(), iv.tb(), out);
            if (adaptive && margin < fixedMargin) {
                int needed = Math.min(fixedMargin, Math.max(minMargin, adaptiveMarginCells(out[0], out[1],
                        source.levels(), maxScaledHeight(states), source.interval().toMinutes() * 60.0,
                        metersPerCell)));
                if (needed > margin) {
                    margin = needed;
                    ns += window(source, activeBounds(states), margin, iv.ta(), iv.tb(), out);
                }
            }
            return ns;
        }

        /** The current margin, cells (it only grows). */
        synchronized int margin() {
            return margin;
        }

        /**
         * Whether a kernel failure is a particle leaving a window that can still grow: the frames
         * the call used ({@code used}) did not cover the whole grid. (Not the source's current
         * region: on several threads another chunk may have grown it since.)
         */
        synchronized boolean mayRetry(KernelException e, KernelFrame used) {
            return e.status() == JavaTransportKernel.STATUS_OUTSIDE_WINDOW && !(used.x0() == 0 && used.y0() == 0
                    && used.wx() == source.grid().nx() && used.wy() == source.grid().ny());
        }

        /**
         * Counts a retry, makes the margin at least twice {@code usedMargin} (the margin when the
         * failed call's frames were taken) and hands out {@code iv}'s frames on the larger window;
         * ns taken.
         */
        synchronized long retry(ParticleState[] states, Interval iv, KernelFrame[] out, int usedMargin) {
            margin = Math.max(margin, 2 * usedMargin);
            retries++;
            return window(source, activeBounds(states), margin, iv.ta(), iv.tb(), out);
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory
            .getThreadMXBean();

    /** The current thread's CPU time, ns, or -1 when the JVM cannot measure it. */
    private static long threadCpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    /** Rows per task when the particle table is built on several threads. */
    private static final int TABLE_RANGE_ROWS = 16_384;

    /** Waits for every task; the first failure is rethrown, an interrupt cancels the run. */
    private static void awaitAll(java.util.List<? extends java.util.concurrent.Future<?>> tasks) {
        for (java.util.concurrent.Future<?> f : tasks) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                tasks.forEach(x -> x.cancel(true));
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                tasks.forEach(x -> x.cancel(true));
                Thread.currentThread().interrupt();
                throw new org.stilt.core.RunCancelledException("trajectory run cancelled while building the table");
            }
        }
    }

    /**
     * Appends the chunks' rows in the one-thread order — minute by minute, by particle index within
     * a minute (the chunks interleave particles, each chunk's rows of a minute are in index order) —
     * then clears them.
     */
    static void merge(TrajectoryRows[] chunkRows, TrajectoryRows rows, KernelStep step) {
        int chunks = chunkRows.length;
        int total = 0;
        for (TrajectoryRows r : chunkRows) {
            total += r.rowCount();
        }
        // the (chunk, row) of every merged row in order, then copied column by column
        int[] fromChunk = new int[total];
        int[] fromRow = new int[total];
        int merged = 0;
        int[] cursor = new int[chunks];
        int[] end = new int[chunks];
        for (int s = 1; s <= step.steps(); s++) {
            double time = step.startMinute() + (double) s * step.dtMinutes();
            for (int k = 0; k < chunks; k++) {
                int to = cursor[k];
                while (to < chunkRows[k].rowCount() && chunkRows[k].get(to, TrajectoryRows.TIME) == time) {
                    to++;
                }
                end[k] = to;
            }
            while (true) {
                int best = -1;
                double bestIndex = Double.POSITIVE_INFINITY;
                for (int k = 0; k < chunks; k++) {
                    if (cursor[k] < end[k]) {
                        double ix = chunkRows[k].get(cursor[k], TrajectoryRows.INDX);
                        if (ix < bestIndex) {
                            bestIndex = ix;
                            best = k;
                        }
                    }
                }
                if (best < 0) {
                    break;
                }
                fromChunk[merged] = best;
                fromRow[merged] = cursor[best];
                merged++;
                cursor[best]++;
            }
        }
        rows.appendGathered(chunkRows, fromChunk, fromRow, merged);
        for (TrajectoryRows r : chunkRows) {
            r.truncate(0);
        }
    }

    /**
     * Grows the met window to cover {@code bounds} plus {@code margin} cells and makes the frames at
     * {@code ta} and {@code tb} available in {@code out[0]}, {@code out[1]}; returns the nanoseconds
     * it took.
     */
    private static long window(ArlFrameSource source, double[] bounds, int margin, Instant ta, Instant tb,
                               KernelFrame[] out) {
        long start = System.nanoTime();
        cover(source, bounds, margin);
        out[0] = source.frame(ta);
        out[1] = source.frame(tb);
        return System.nanoTime() - start;
    }

    /**
     * The adaptive window margin in grid cells: {@value #ADAPTIVE_MARGIN_FACTOR} times the distance
     * the fastest horizontal wind of either frame covers in one met interval, over the window and the
     * internal levels up to {@value #ADAPTIVE_MARGIN_HEADROOM_METERS} m above the highest particle
     * (scaled heights), in cells of {@code metersPerCell}, plus 2 cells. A particle that still
     * outruns the window makes the interval run again on a larger one (results never depend on it).
     */
    static int adaptiveMarginCells(KernelFrame a, KernelFrame b, InternalLevels levels, double topScaledMeters,
                                   double intervalSeconds, double metersPerCell) {
        double[] z = levels.heightsMeters();
        int kTop = 0;
        while (kTop < z.length - 1 && z[kTop] < topScaledMeters + ADAPTIVE_MARGIN_HEADROOM_METERS) {
            kTop++;
        }
        double vmax2 = 0.0;
        for (KernelFrame f : new KernelFrame[] {a, b}) {
            for (int j = 0; j < f.wy(); j++) {
                for (int i = 0; i < f.wx(); i++) {
                    for (int k = 0; k <= kTop; k++) {
                        double u = f.get3(KernelFrame.F3_U, i, j, k);
                        double v = f.get3(KernelFrame.F3_V, i, j, k);
                        double s2 = u * u + v * v;
                        if (s2 > vmax2) {
                            vmax2 = s2;
                        }
                    }
                }
            }
        }
        double meters = ADAPTIVE_MARGIN_FACTOR * Math.sqrt(vmax2) * intervalSeconds;
        return Double.isFinite(meters) ? (int) Math.ceil(meters / metersPerCell) + 2 : Integer.MAX_VALUE;
    }

    /** The highest scaled height of an active particle (0 when none). */
    private static double maxScaledHeight(ParticleState[] states) {
        double top = 0.0;
        for (ParticleState st : states) {
            for (int i = 0; i < st.size(); i++) {
                if (st.status[i] == ParticleState.ACTIVE && st.zs[i] > top) {
                    top = st.zs[i];
                }
            }
        }
        return top;
    }

    private static double[] activeBounds(ParticleState[] states) {
        double[] b = null;
        for (ParticleState st : states) {
            double[] c = st.activeBounds();
            if (c == null) {
                continue;
            }
            if (b == null) {
                b = c;
            } else {
                b[0] = Math.min(b[0], c[0]);
                b[1] = Math.max(b[1], c[1]);
                b[2] = Math.min(b[2], c[2]);
                b[3] = Math.max(b[3], c[3]);
            }
        }
        return b;
    }

    private static int activeCount(ParticleState[] states) {
        int n = 0;
        for (ParticleState st : states) {
            n += st.activeCount();
        }
        return n;
    }

    /** Grows the source's region to hold {@code bounds} (1-based grid coordinates) plus {@code margin} cells. */
    private static void cover(ArlFrameSource source, double[] bounds, int margin) {
        if (bounds == null) {
            return;
        }
        source.cover((int) Math.floor(bounds[0]) - 1 - margin, (int) Math.floor(bounds[2]) - 1 - margin,
                (int) Math.ceil(bounds[1]) - 1 + margin, (int) Math.ceil(bounds[3]) - 1 + margin);
    }

    /** Places the particles: scaled height from the height above the terrain at the receptor. */
    private static void place(ParticleState state, double[] heights, int firstParticle, int stride, GridPoint start,
                              KernelFrame a, KernelFrame b, double aMinute, double bMinute, double ztop,
                              boolean aboveSeaLevel) {
        double f = (0.0 - aMinute) / (bMinute - aMinute);
        double zg = bilinear(a, start) * (1 - f) + bilinear(b, start) * f;
        for (int p = 0; p < heights.length; p++) {
            double zagl = aboveSeaLevel ? heights[p] - zg : heights[p];
            if (!(zagl >= 0 && zagl < ztop - zg)) {
                throw new org.stilt.core.InvalidInputException("release height " + heights[p] + " m "
                        + (aboveSeaLevel ? "above sea level" : "above ground") + " of particle "
                        + (firstParticle + p * stride + 1)
                        + " is " + (zagl < 0 ? "below the terrain (" + zg + " m MSL)" : "above the model top")
                        + " at the receptor; expected a height between the ground and z_top");
            }
            state.place(p, start.x(), start.y(),
                    JavaTransportKernel.quantizeHeight(zagl * ztop / (ztop - zg), ztop));
        }
    }

    private static double bilinear(KernelFrame fr, GridPoint g) {
        double fx = g.x() - 1.0 - fr.x0();
        double fy = g.y() - 1.0 - fr.y0();
        int i = (int) Math.floor(fx);
        int j = (int) Math.floor(fy);
        double ax = fx - i;
        double ay = fy - j;
        return (1 - ax) * (1 - ay) * fr.get2(KernelFrame.F2_ZSFC, i, j) + ax * (1 - ay) * fr.get2(KernelFrame.F2_ZSFC,
                i + 1, j) + (1 - ax) * ay * fr.get2(KernelFrame.F2_ZSFC, i, j + 1) + ax * ay * fr.get2(
                KernelFrame.F2_ZSFC, i + 1, j + 1);
    }

    /** The columns written only with turbulence on, in this order (after the met columns). */
    public static final List<String> TURBULENCE_COLUMNS = List.of("foot", "samt", "sigw", "tlgr");

    /**
     * Converts kernel rows to an R-STILT particle table (long/lati from grid positions, in row
     * ranges on {@code pool} when one is given). The table adopts the rows' column arrays, so
     * {@code rows} is consumed: it can no longer be appended to.
     */
    static ParticleTable toTable(TrajectoryRows rows, GridProjection projection, TrajectoryRequest request,
                                 String kernelName, java.util.concurrent.ExecutorService pool) {
        int n = rows.rowCount();
        Map<String, double[]> cols = new LinkedHashMap<>();
        String[] names = {"time", "indx", "long", "lati", "zagl", "zsfc", "pres", "dens", "temp", "wout", "mlht",
            "shtf", "ustr", "dswf", "lhtf", "sphu"};
        int[] source = {TrajectoryRows.TIME, TrajectoryRows.INDX, TrajectoryRows.GRIDX, TrajectoryRows.GRIDY,
            TrajectoryRows.ZAGL, TrajectoryRows.ZSFC, TrajectoryRows.PRES, TrajectoryRows.DENS, TrajectoryRows.TEMP,
            TrajectoryRows.WOUT, TrajectoryRows.MLHT, TrajectoryRows.SHTF, TrajectoryRows.USTR, TrajectoryRows.DSWF,
            TrajectoryRows.LHTF, TrajectoryRows.SPHU};
        if (request.turbulence().enabled()) {
            names = java.util.Arrays.copyOf(names, names.length + 4);
            source = java.util.Arrays.copyOf(source, source.length + 4);
            String[] extra = TURBULENCE_COLUMNS.toArray(new String[0]);
            int[] extraSource = {TrajectoryRows.FOOT, TrajectoryRows.SAMT, TrajectoryRows.SIGW, TrajectoryRows.TLGR};
            System.arraycopy(extra, 0, names, names.length - 4, 4);
            System.arraycopy(extraSource, 0, source, source.length - 4, 4);
        }
        // the table adopts the rows' column arrays (no copy when the rows were reserved exactly);
        // grid x and y become longitude and latitude in place
        double[][] taken = rows.takeColumns(source, pool);
        double[] lon = taken[TrajectoryRows.GRIDX];
        double[] lat = taken[TrajectoryRows.GRIDY];
        for (int c = 0; c < names.length; c++) {
            cols.put(names[c], taken[source[c]]);
        }
        java.util.function.IntBinaryOperator toGeo = (first, last) -> {
            for (int r = first; r < last; r++) {
                GeoPoint g = projection.toGeo(lon[r], lat[r]);
                lon[r] = g.longitude();
                lat[r] = g.latitude();
            }
            return last - first;
        };
        if (pool == null || n < 2 * TABLE_RANGE_ROWS) {
            toGeo.applyAsInt(0, n);
        } else {
            java.util.List<java.util.concurrent.Future<Integer>> parts = new java.util.ArrayList<>();
            for (int r0 = 0; r0 < n; r0 += TABLE_RANGE_ROWS) {
                int first = r0;
                int last = Math.min(n, r0 + TABLE_RANGE_ROWS);
                parts.add(pool.submit(() -> toGeo.applyAsInt(first, last)));
            }
            awaitAll(parts);
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("run_time", request.runTime().toString());
        attrs.put("receptor_lati", Double.toString(request.latitude()));
        attrs.put("receptor_long", Double.toString(request.longitude()));
        attrs.put("n_hours", Integer.toString(request.hours()));
        attrs.put("release_heights", request.heightsAboveSeaLevel() ? "msl" : "agl");
        attrs.put("numpar", Integer.toString(request.particleCount()));
        attrs.put("transport_kernel", kernelName);
        TurbulenceOptions turb = request.turbulence();
        attrs.put("turbulence", turb.enabled() ? "on" : "off (NTURB=1)");
        if (turb.enabled()) {
            attrs.put("seed", Long.toString(turb.seed()));
            attrs.put("simulation_number", Long.toString(turb.simulationId()));
            attrs.put("tlfrac", Double.toString(turb.tlfrac()));
            attrs.put("hscale", Double.toString(turb.hscaleSeconds()));
            attrs.put("veght", Double.toString(turb.veght()));
            attrs.put("z0", Double.toString(turb.z0Meters()));
        }
        return new ParticleTable(cols, attrs);
    }
}
