package org.stilt.ffi;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.stilt.core.met.ArlFile;
import org.stilt.core.particles.ParticleTable;
import org.stilt.core.transport.ArlFrameSource;
import org.stilt.core.transport.JavaTransportKernel;
import org.stilt.core.transport.KernelFrame;
import org.stilt.core.transport.KernelStep;
import org.stilt.core.transport.ParticleState;
import org.stilt.core.transport.TrajectoryRequest;
import org.stilt.core.transport.TrajectoryRows;
import org.stilt.core.transport.TrajectoryResult;
import org.stilt.core.transport.TrajectoryRunner;
import org.stilt.core.transport.TrajectoryTimings;
import org.stilt.core.transport.TransportKernel;
import org.stilt.core.transport.VerticalMotion;

/**
 * Benchmark of the deterministic transport kernel (docs/performance.md, "Transport"): the same
 * trajectory run with the Java reference and with the native Fortran kernel, single-threaded, in
 * the same process, reported as particle-minutes per second spent inside the kernel (met reading
 * and conversion are timed separately, since both kernels share them) and the native/Java ratio.
 * Before timing it checks that both kernels give the same particle table. Behind
 * {@code stilt bench transport}.
 *
 * <p>Default case: the e2e_b met of the shared reference (0.1° lat/lon, 28 σ levels, hourly),
 * 500 particles released over a 10–2000 m column at 40.5 N, 112 W, 24 h backward from
 * 2021-07-16 00 UTC, turbulence off or (with {@code turbulence}) the STILT dispersion with
 * R-STILT's defaults.
 *
 * <p>Thread-safety: stateless; each run builds its own data. Not meant to run concurrently with
 * other heavy work (timings would suffer, not correctness).
 */
public final class TransportBenchmark {

    /** Kernel time accumulated around another kernel. Thread-safety: safe (chunks add from several threads). */
    static final class TimedKernel implements TransportKernel {
        private final TransportKernel delegate;
        private final java.util.concurrent.atomic.LongAdder nanos = new java.util.concurrent.atomic.LongAdder();

        TimedKernel(TransportKernel delegate) {
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public void advance(KernelStep step, KernelFrame a, KernelFrame b, ParticleState state, TrajectoryRows rows) {
            long t0 = System.nanoTime();
            delegate.advance(step, a, b, state, rows);
            nanos.add(System.nanoTime() - t0);
        }
    }

    private TransportBenchmark() {
    }

    /** The request of the default case (for {@code particles} particles), turbulence off. */
    public static TrajectoryRequest defaultRequest(int particles, int hours) {
        return new TrajectoryRequest(Instant.parse("2021-07-16T00:00:00Z"), 40.5, -112.0, 10.0, 2000.0, -hours,
                particles, null, 1L, VerticalMotion.DATA, TrajectoryRequest.DEFAULT_MODEL_TOP_METERS);
    }

    /** The default case with the STILT dispersion (R-STILT's defaults, seed 1). */
    public static TrajectoryRequest defaultTurbulentRequest(int particles, int hours) {
        return defaultRequest(particles, hours).withTurbulence(
                org.stilt.core.transport.TurbulenceOptions.rStiltDefaults(1L, 0L));
    }

    /**
     * Runs the benchmark and returns the report.
     *
     * @param metFiles   the met files
     * @param request    the run
     * @param warmup     untimed runs per kernel
     * @param iterations timed runs per kernel (the median is reported)
     */
    public static String run(List<Path> metFiles, TrajectoryRequest request, int warmup, int iterations) {
        return run(metFiles, request, warmup, iterations, 1);
    }

    /**
     * Runs the benchmark; with {@code threads} &gt; 1 it also times the native kernel with the ensemble
     * split into that many particle chunks (same table checked) against its one-thread run.
     */
    public static String run(List<Path> metFiles, TrajectoryRequest request, int warmup, int iterations,
                             int threads) {
        double ztop = request.modelTopMeters();
        TransportKernel java = new JavaTransportKernel(ztop);
        TransportKernel fortran = NativeTransportKernel.create(ztop);
        ParticleTable a = once(metFiles, request, new TimedKernel(java)).table;
        requireSame(a, once(metFiles, request, new TimedKernel(fortran)).table, "native and Java kernels differ");
        long minutes = a.rowCount();
        for (int i = 0; i < warmup; i++) {
            once(metFiles, request, new TimedKernel(java));
            once(metFiles, request, new TimedKernel(fortran));
        }
        List<Long> javaKernel = new ArrayList<>();
        List<Long> nativeKernel = new ArrayList<>();
        List<Long> javaTotal = new ArrayList<>();
        List<Outcome> nativeRuns = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            Outcome j = once(metFiles, request, new TimedKernel(java)).timingsOnly();
            Outcome n = once(metFiles, request, new TimedKernel(fortran)).timingsOnly();
            javaKernel.add(j.kernelNanos);
            nativeKernel.add(n.kernelNanos);
            javaTotal.add(j.totalNanos);
            nativeRuns.add(n);
        }
        double jk = median(javaKernel);
        double nk = median(nativeKernel);
        double jt = median(javaTotal);
        double nt = median(nativeRuns.stream().map(Outcome::totalNanos).toList());
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "transport benchmark: %d particles × %d h (%d particle-minutes), %s,"
                + " turbulence %s, single thread, median of %d runs%n", request.particleCount(),
                Math.abs(request.hours()), minutes, metFiles.size() == 1 ? metFiles.get(0).getFileName()
                        : metFiles.size() + " met files", request.turbulence().enabled() ? "on" : "off",
                iterations));
        sb.append(String.format(Locale.ROOT, "%-8s %14s %22s %14s%n", "kernel", "kernel s", "particle-minutes/s",
                "whole run s"));
        sb.append(String.format(Locale.ROOT, "%-8s %14.3f %22.0f %14.3f%n", "java", jk / 1e9, minutes / (jk / 1e9),
                jt / 1e9));
        sb.append(String.format(Locale.ROOT, "%-8s %14.3f %22.0f %14.3f%n", "native", nk / 1e9,
                minutes / (nk / 1e9), nt / 1e9));
        sb.append(String.format(Locale.ROOT, "native/java kernel speed ratio: %.2f× (identical particle tables)%n",
                jk / nk));
        sb.append(String.format(Locale.ROOT, "met read + conversion (shared by both): %.3f s per run%n",
                (nt - nk) / 1e9));
        Outcome mid = medianRun(nativeRuns);
        sb.append(String.format(Locale.ROOT, "native, one thread, median run: opening the met files %.3f s; runner %s%n",
                mid.openNanos / 1e9, mid.timings.describe()));
        if (threads > 1) {
            requireSame(a, once(metFiles, request, new TimedKernel(fortran), threads).table,
                    "native kernel on " + threads + " threads differs");
            List<Outcome> chunkedRuns = new ArrayList<>();
            for (int i = 0; i < iterations; i++) {
                chunkedRuns.add(once(metFiles, request, new TimedKernel(fortran), threads).timingsOnly());
            }
            double ct = median(chunkedRuns.stream().map(Outcome::totalNanos).toList());
            sb.append(String.format(Locale.ROOT, "native on %d threads (particle chunks): whole run %.3f s, %.2f× the"
                    + " one-thread native run (identical particle table)%n", threads, ct / 1e9, nt / ct));
            Outcome cm = medianRun(chunkedRuns);
            sb.append(String.format(Locale.ROOT, "native, %d threads, median run: opening the met files %.3f s; runner %s%n",
                    threads, cm.openNanos / 1e9, cm.timings.describe()));
        }
        return sb.toString();
    }

    /**
     * The global-grid benchmark (docs/performance.md, "Global grids"): on one global lat/lon file,
     * the same turbulent ensemble (native kernel, R-STILT defaults) released at {@code seamLon}, where
     * its particles cross the file's seam and the met window reads columns on both sides of it
     * (runs of columns taken modulo the period), and at {@code interiorLon}, half a turn away, where
     * nothing wraps; alternated, {@code iterations} timed runs each after {@code warmup} untimed ones.
     * Reports the median whole run, met (window and conversion on the calling thread) and kernel
     * times and the seam/interior ratios. Fails if a particle stops, or if the seam run's particles
     * do not reach both sides of the seam.
     *
     * @param met         a global lat/lon met file (its columns cover 360° of longitude)
     * @param seamLon     release longitude next to the file's first column, degrees east
     * @param interiorLon release longitude half a turn away, degrees east
     */
    public static String global(Path met, Instant runTime, double latitude, double seamLon, double interiorLon,
                                int particles, int hours, int warmup, int iterations) {
        TrajectoryRequest seam = columnRelease(runTime, latitude, seamLon, particles, hours);
        TrajectoryRequest interior = columnRelease(runTime, latitude, interiorLon, particles, hours);
        TransportKernel fortran = NativeTransportKernel.create(seam.modelTopMeters());
        List<Path> files = List.of(met);
        long rows = (long) particles * hours * 60;
        requireCrossed(once(files, seam, new TimedKernel(fortran)).table, seamLon, rows);
        requireCrossed(once(files, interior, new TimedKernel(fortran)).table, Double.NaN, rows);
        for (int i = 0; i < warmup; i++) {
            once(files, seam, new TimedKernel(fortran));
            once(files, interior, new TimedKernel(fortran));
        }
        List<Outcome> seamRuns = new ArrayList<>();
        List<Outcome> interiorRuns = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            seamRuns.add(once(files, seam, new TimedKernel(fortran)).timingsOnly());
            interiorRuns.add(once(files, interior, new TimedKernel(fortran)).timingsOnly());
        }
        Outcome s = medianRun(seamRuns);
        Outcome c = medianRun(interiorRuns);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "global-grid benchmark: %d particles × %d h, %s, native kernel,"
                + " turbulence on, single thread, median of %d runs each (alternated)%n", particles, hours,
                met.getFileName(), iterations));
        sb.append(String.format(Locale.ROOT, "%-34s %12s %12s %12s%n", "release", "whole run s", "met s", "kernel s"));
        sb.append(String.format(Locale.ROOT, "%-34s %12.3f %12.3f %12.3f%n",
                String.format(Locale.ROOT, "at the seam (%.2f N %.2f E)", latitude, seamLon), s.totalNanos / 1e9,
                s.timings.metNanos() / 1e9, s.kernelNanos / 1e9));
        sb.append(String.format(Locale.ROOT, "%-34s %12.3f %12.3f %12.3f%n",
                String.format(Locale.ROOT, "interior (%.2f N %.2f E)", latitude, interiorLon), c.totalNanos / 1e9,
                c.timings.metNanos() / 1e9, c.kernelNanos / 1e9));
        sb.append(String.format(Locale.ROOT, "seam/interior ratio: whole run %.2f×, met %.2f× (particles crossed the"
                + " seam, none stopped)%n", s.totalNanos / (double) c.totalNanos,
                s.timings.metNanos() / (double) Math.max(1L, c.timings.metNanos())));
        return sb.toString();
    }

    /** The default case's turbulent 10–2000 m column release, {@code hours} back, at another place and time. */
    private static TrajectoryRequest columnRelease(Instant runTime, double latitude, double longitude, int particles,
                                                   int hours) {
        return new TrajectoryRequest(runTime, latitude, longitude, 10.0, 2000.0, -hours, particles, null, 1L,
                VerticalMotion.DATA, TrajectoryRequest.DEFAULT_MODEL_TOP_METERS)
                .withTurbulence(org.stilt.core.transport.TurbulenceOptions.rStiltDefaults(1L, 0L));
    }

    /**
     * Throws unless the table has {@code rows} rows (no particle stopped) and, unless
     * {@code seamLon} is NaN, the ensemble reached both sides of the meridian {@code ⌊seamLon⌋}.
     */
    private static void requireCrossed(ParticleTable t, double seamLon, long rows) {
        if (t.rowCount() != rows) {
            throw new IllegalStateException("particles stopped on the global grid: " + t.rowCount() + " rows instead of "
                    + rows);
        }
        if (Double.isNaN(seamLon)) {
            return;
        }
        double[] lon = t.column("long");
        boolean east = false;
        boolean west = false;
        for (double l : lon) {
            double d = ((l - Math.floor(seamLon)) % 360.0 + 540.0) % 360.0 - 180.0;
            east |= d >= 0.0;
            west |= d < 0.0;
        }
        if (!(east && west)) {
            throw new IllegalStateException("the seam run's particles did not cross the seam at " + Math.floor(seamLon)
                    + " E; choose a release next to the file's first column");
        }
    }

    /**
     * One timed run: the table, the time inside the kernel, the whole run, opening (and for gzip
     * files inflating) the met files, and the runner's stage timings.
     */
    private record Outcome(ParticleTable table, long kernelNanos, long totalNanos, long openNanos,
                           TrajectoryTimings timings) {
        /**
         * The same figures without the table: a timed run's 100+ MB table must not stay reachable
         * while later runs are timed (a growing live heap slows the later runs' GC, which used to
         * penalise the multi-thread runs, timed last).
         */
        Outcome timingsOnly() {
            return new Outcome(null, kernelNanos, totalNanos, openNanos, timings);
        }
    }

    /** The run with the median total time. */
    private static Outcome medianRun(List<Outcome> runs) {
        List<Outcome> sorted = new ArrayList<>(runs);
        sorted.sort(java.util.Comparator.comparingLong(Outcome::totalNanos));
        return sorted.get(sorted.size() / 2);
    }

    /** Throws unless {@code b} has {@code a}'s columns with identical values. */
    private static void requireSame(ParticleTable a, ParticleTable b, String what) {
        for (String c : a.columnNames()) {
            if (!Arrays.equals(a.column(c), b.column(c))) {
                throw new IllegalStateException(what + " in column " + c);
            }
        }
    }

    private static Outcome once(List<Path> metFiles, TrajectoryRequest request, TimedKernel kernel) {
        return once(metFiles, request, kernel, 1);
    }

    private static Outcome once(List<Path> metFiles, TrajectoryRequest request, TimedKernel kernel, int threads) {
        long t0 = System.nanoTime();
        List<ArlFile> files = new ArrayList<>();
        for (Path p : metFiles) {
            files.add(ArlFile.open(p));
        }
        long opened = System.nanoTime();
        try (ArlFrameSource source = new ArlFrameSource(files, request.modelTopMeters())) {
            TrajectoryResult r = new TrajectoryRunner(kernel).withThreads(threads).run(request, source);
            return new Outcome(r.particles(), kernel.nanos.sum(), System.nanoTime() - t0, opened - t0, r.timings());
        }
    }

    private static double median(List<Long> v) {
        long[] s = v.stream().mapToLong(Long::longValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }
}
