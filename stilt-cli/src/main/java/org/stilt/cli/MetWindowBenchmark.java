package org.stilt.cli;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.stilt.core.met.ArlFile;
import org.stilt.core.met.ArlPeriod;
import org.stilt.core.met.GridProjection;
import org.stilt.core.met.window.MetFrame;
import org.stilt.core.met.window.MetFrameCache;
import org.stilt.core.met.window.MetRegion;
import org.stilt.core.met.window.MetSeries;
import org.stilt.core.met.window.MetVariables;
import org.stilt.core.met.window.MetWindow;
import org.stilt.core.met.window.SubGrid;

/**
 * The measurements of {@code stilt bench met-window}: building a backward window of
 * {@code hours} hours for one receptor on a {@code width × height} region, cold (empty frame
 * cache) on 1 thread and on {@code threads}, then cached; and the baseline of unpacking the full
 * fields of the same variables and periods in the same run.
 *
 * <p>Thread-safety: one instance per run; not shared.
 */
final class MetWindowBenchmark {

    record Settings(Path dir, int hours, int width, int height, double latitude, double longitude, int threads,
                    int repeat) {
    }

    private final Settings s;
    private final Consumer<String> out;

    MetWindowBenchmark(Settings s, Consumer<String> out) {
        this.s = s;
        this.out = out;
    }

    void run() {
        int files = s.hours() + 1;
        long t0 = System.nanoTime();
        int written = SyntheticHrrr.ensure(s.dir(), files);
        out.accept(String.format(Locale.ROOT, "met files: %d hourly synthetic HRRR files (%d × %d, %d levels) in %s;"
                + " %d written now in %.1f s", files, SyntheticHrrr.GRID.nx(), SyntheticHrrr.GRID.ny(),
                SyntheticHrrr.LEVELS, s.dir(), written, (System.nanoTime() - t0) / 1e9));
        List<Path> paths = new ArrayList<>();
        for (int h = 0; h < files; h++) {
            paths.add(SyntheticHrrr.file(s.dir(), h));
        }
        MetSeries series = MetSeries.open(paths);
        GridProjection.GridPoint gp = series.grid().projection().toGrid(s.latitude(), s.longitude());
        MetRegion region = MetRegion.gridBox(gp.x() - s.width() / 2.0 + 1, gp.x() + s.width() / 2.0 - 1,
                gp.y() - s.height() / 2.0 + 1, gp.y() + s.height() / 2.0 - 1, 0);
        Instant end = series.firstTime();
        Instant start = end.plusSeconds(3600L * s.hours());
        MetVariables vars = MetVariables.stilt();
        MetFrameCache cache = new MetFrameCache(Long.MAX_VALUE);
        int[] threadCounts = s.threads() == 1 ? new int[] {1} : new int[] {1, s.threads()};
        // warm-up: JIT the unpacking on two frames, untimed
        timeWindow(series, vars, start, start.minusSeconds(3600), region, cache, 1);
        cache.clear();
        SubGrid sg;
        try (MetWindow w = MetWindow.open(series, vars, start, end, region, cache)) {
            sg = w.subGrid();
            out.accept(String.format(Locale.ROOT, "window: backward %d h from %s, receptor %.4f, %.4f (grid x %.1f, y %.1f),"
                    + " sub-grid %s; %d frames × %d surface + %d×%d upper planes = %.1f MB each, %.2f GB in total",
                    s.hours(), start, s.latitude(), s.longitude(), gp.x(), gp.y(), sg, files,
                    w.variables().surface().size(), w.variables().upper().size(), SyntheticHrrr.LEVELS,
                    frameBytes(w) / 1e6, files * frameBytes(w) / 1e9));
        }
        double[] best = new double[threadCounts.length];
        for (int c = 0; c < threadCounts.length; c++) {
            best[c] = coldRuns(series, vars, start, end, region, cache, threadCounts[c], false);
        }
        double reused = coldRuns(series, vars, start, end, region, cache, s.threads(), true);
        double cached = timeWindow(series, vars, start, end, region, cache, s.threads())[0];
        MetFrameCache.Stats st = cache.stats();
        out.accept(String.format(Locale.ROOT, "cached window, %d thread(s): %.4f s (cache: %d hits, %d misses, %.2f GB held)",
                s.threads(), cached, st.hits(), st.misses(), st.heldBytes() / 1e9));
        cache.clear();
        awaitDirectMemoryFreed();
        double cpu0 = cpuSeconds();
        double base = baseline(series, vars, s.threads());
        out.accept("  baseline: " + cost(base, cpuSeconds() - cpu0));
        int last = threadCounts.length - 1;
        out.accept(String.format(Locale.ROOT, "baseline full-field unpack of the same %d periods and variables, %d thread(s):"
                + " %.3f s", files, s.threads(), base));
        out.accept(String.format(Locale.ROOT, "ratios: baseline / cold window (%d threads) = %.1f; cold 1 thread / cold %d threads"
                + " = %.2f; cold / cached = %.0f", threadCounts[last], base / best[last], threadCounts[last],
                best[0] / best[last], best[last] / Math.max(cached, 1e-9)));
        out.accept(String.format(Locale.ROOT, "target: %d-h window under 2 s on this machine (%d cores): fresh memory %s"
                + " (%.3f s on %d threads); reused memory %s (%.3f s)", s.hours(), Runtime.getRuntime().availableProcessors(),
                best[last] < 2.0 ? "REACHED" : "NOT reached", best[last], threadCounts[last],
                reused < 2.0 ? "REACHED" : "NOT reached", reused));
    }

    private static long frameBytes(MetWindow w) {
        return (long) (w.variables().surface().size() + w.variables().upper().size() * SyntheticHrrr.LEVELS)
                * w.subGrid().points() * Float.BYTES;
    }

    /**
     * Best wall seconds of {@code repeat} cold windows (no frame cached): with fresh memory
     * ({@link MetFrameCache#clear()}, the first window of a process) or reusing the evicted frames'
     * memory ({@link MetFrameCache#evictUnleased()}, a process that has run simulations before).
     */
    private double coldRuns(MetSeries series, MetVariables vars, Instant start, Instant end, MetRegion region,
                            MetFrameCache cache, int threads, boolean reuse) {
        String what = "cold window, " + (reuse ? "reused memory" : "fresh memory") + ", " + threads + " thread(s)";
        double[] times = new double[s.repeat()];
        for (int r = 0; r < s.repeat(); r++) {
            if (reuse) {
                cache.evictUnleased();
            } else {
                cache.clear();
                awaitDirectMemoryFreed();
            }
            double[] wc = timeWindow(series, vars, start, end, region, cache, threads);
            times[r] = wc[0];
            out.accept("  " + what + ", run " + (r + 1) + ": " + cost(wc[0], wc[1]));
        }
        Arrays.sort(times);
        out.accept(String.format(Locale.ROOT, "%s: best %.3f s, median %.3f s of %d", what, times[0],
                times[times.length / 2], times.length));
        return times[0];
    }

    /**
     * Collects garbage and waits (up to 10 s) until the dropped frames' direct memory is freed, so
     * that freeing it does not overlap the next timed run.
     */
    static void awaitDirectMemoryFreed() {
        System.gc();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline && directMemoryUsed() > 64L << 20) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Bytes of direct buffers still allocated. */
    static long directMemoryUsed() {
        for (BufferPoolMXBean b : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (b.getName().equals("direct")) {
                return b.getMemoryUsed();
            }
        }
        return 0;
    }

    /** Process CPU seconds so far (all threads, including GC and JIT), or NaN when unknown. */
    static double cpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    /** One line: wall seconds, process CPU seconds and the system load average. */
    private String cost(double wall, double cpu) {
        return String.format(Locale.ROOT, "%.3f s wall, %.3f s CPU (load average %.1f)", wall, cpu,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** Wall and CPU seconds to lease every frame of a window with {@code threads} threads. */
    private static double[] timeWindow(MetSeries series, MetVariables vars, Instant start, Instant end, MetRegion region,
                                       MetFrameCache cache, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (MetWindow w = MetWindow.open(series, vars, start, end, region, cache)) {
            double c = cpuSeconds();
            long t = System.nanoTime();
            List<MetFrame> frames = w.frames(pool);
            double seconds = (System.nanoTime() - t) / 1e9;
            if (frames.isEmpty()) {
                throw new IllegalStateException("no frames");
            }
            return new double[] {seconds, cpuSeconds() - c};
        } finally {
            pool.shutdown();
        }
    }

    /** Seconds to unpack the full fields of the same variables for every period (one heap array per thread). */
    private static double baseline(MetSeries series, MetVariables vars, int threads) {
        MetVariables.Selection sel = vars.resolve(series.firstIndex(), series.files().get(0).path());
        int levels = series.firstIndex().levelCount();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        ThreadLocal<float[]> scratch = ThreadLocal.withInitial(() -> new float[series.grid().points()]);
        double[] sink = new double[series.size()];
        long t = System.nanoTime();
        List<CompletableFuture<Void>> fs = new ArrayList<>();
        for (int e = 0; e < series.size(); e++) {
            int n = e;
            fs.add(CompletableFuture.runAsync(() -> {
                ArlFile f = series.entry(n).file();
                ArlPeriod p = series.entry(n).period();
                float[] a = scratch.get();
                double sum = 0;
                for (MetVariables.Resolved r : sel.surface()) {
                    sum += readFull(f, p, r, 0, a);
                }
                for (MetVariables.Resolved r : sel.upper()) {
                    for (int k = 1; k < levels; k++) {
                        sum += readFull(f, p, r, k, a);
                    }
                }
                sink[n] = sum;
            }, pool));
        }
        fs.forEach(CompletableFuture::join);
        double seconds = (System.nanoTime() - t) / 1e9;
        pool.shutdown();
        if (Double.isNaN(Arrays.stream(sink).sum())) {
            throw new IllegalStateException("NaN in baseline");
        }
        return seconds;
    }

    private static float readFull(ArlFile f, ArlPeriod p, MetVariables.Resolved r, int level, float[] a) {
        f.read(p, r.name(), level, a, 0);
        if (r.differenceName() != null) {
            float[] d = f.read(p, r.differenceName(), level);
            for (int i = 0; i < a.length; i++) {
                a[i] += d[i];
            }
        }
        return a[a.length / 2];
    }
}
