package org.stilt.core.transport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.stilt.core.InvalidInputException;
import org.stilt.core.MetUnavailableException;
import org.stilt.core.met.ArlFile;
import org.stilt.core.met.ArlGrid;
import org.stilt.core.met.ArlLevel;
import org.stilt.core.met.ArlPeriod;
import org.stilt.core.met.ArlVariable;
import org.stilt.core.met.GridProjection;
import org.stilt.core.met.VerticalCoordinate;

/**
 * Kernel frames for one simulation, read from a time-ordered list of ARL files with one grid:
 * each valid time is unpacked on the current sub-grid ({@link #region()}, the file's whole grid —
 * a global grid's middle copy — until {@link #setRegion} or {@link #cover} sets it), converted to
 * the internal levels and kept while it may still be needed (the three most recent frames).
 * Changing the region drops the cached frames.
 *
 * <p><b>Grids around the globe.</b> A lat/lon grid whose columns cover 360° of longitude (GDAS,
 * GFS; {@link #periodColumns}) is presented as {@value #GLOBAL_COPIES} copies of itself side by
 * side and, when its rows run from pole to pole and its period is even, continued through each
 * pole by its rows in reverse order half a turn away, with the wind components turned by 180°
 * there ({@link #grid()}, {@link #projection()}, a {@link GridProjection.Global}): receptors are
 * placed in the middle copy ({@link GridProjection.Global#toGrid}) and a region reads its columns
 * modulo the period and its rows through the poles, so particles cross the antimeridian (or
 * whichever meridian the file starts at) and the poles like any other grid line; the runner moves
 * particles that come near the continuous grid's ends one turn back at each met interval
 * ({@link TrajectoryRunner#keepOnTheGlobe}), so they stop only when they travel more than half a
 * turn within one interval (or at the first or last row of a grid that does not reach the poles).
 * Output longitudes and latitudes come from {@link GridProjection#toGeo}, which maps every point
 * back to the globe. Other grids are used as they are.
 *
 * <p>Thread-safety: not thread-safe; one simulation owns one source (on several threads
 * {@link TrajectoryRunner} serialises every access through its window). {@link #close()} drops the
 * cached frames (their memory is freed by the garbage collector).
 */
public final class ArlFrameSource implements AutoCloseable {

    private record Slot(ArlFile file, ArlPeriod period) {
    }

    private static final List<String> SURFACE = List.of("SHGT", "PRSS", "PBLH", "MXHT", "HPBL", "SHTF", "USTR",
            "LHTF", "DSWF", "T02M", "U10M", "V10M");
    private static final List<String> UPPER = List.of("UWND", "VWND", "WWND", "TEMP", "SPHU", "RELH", "PRES", "HGTS");

    /** Copies of a global lat/lon grid presented side by side (see the class comment). */
    public static final int GLOBAL_COPIES = 3;

    /** The grid of the files. */
    private final ArlGrid fileGrid;
    /** The continuous grid's geometry of a global lat/lon grid; null for any other grid. */
    private final GridProjection.Global global;
    /** Columns per turn around the globe of a global grid ({@code global.period()}); 0 for any other grid. */
    private final int period;
    /** The grid the kernels see: {@link #fileGrid}, or the continuous grid of a global one (class comment). */
    private final ArlGrid grid;
    private final GridProjection projection;
    private final Duration interval;
    private final Map<Instant, Slot> slots = new HashMap<>();
    private final List<Instant> times = new ArrayList<>();
    private final InternalLevels levels;
    private FrameConverter converter;
    private RoughnessSource roughness = DEFAULT_ROUGHNESS;
    /** z₀ of the current region (row-major, wx·wy), or null until first needed. */
    private float[] regionZ0;
    private final LinkedHashMap<Instant, KernelFrame> cache = new LinkedHashMap<>();
    private int rx0;
    private int ry0;
    private int rwx;
    private int rwy;
    private boolean regionChosen;
    /** Converts frames in row bands on this executor when set (see {@link #setConversionThreads}). */
    private java.util.concurrent.ExecutorService conversionPool;
    private int conversionBands = 1;
    /**
     * Frames of the region before it last grew, by valid time: a frame needed again on the grown
     * region is made from its old frame plus the new strips only (conversion is column by column).
     */
    private Map<Instant, KernelFrame> previous = Map.of();

    /** A source over {@code files} (any order; same grid); internal levels for {@code modelTopMeters}. */
    public ArlFrameSource(List<ArlFile> files, double modelTopMeters) {
        if (files.isEmpty()) {
            throw new MetUnavailableException("no met files given; expected at least one ARL file");
        }
        List<ArlFile> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(ArlFile::firstTime));
        this.fileGrid = sorted.get(0).grid();
        Duration step = null;
        for (ArlFile f : sorted) {
            if (!sameGrid(f.grid(), fileGrid)) {
                throw new InvalidInputException("met file " + f.path() + " has grid " + f.grid()
                        + "; expected the grid of " + sorted.get(0).path() + ": " + fileGrid);
            }
            for (ArlPeriod p : f.periods()) {
                slots.putIfAbsent(p.validTime(), new Slot(f, p));
            }
            if (f.periods().size() > 1) {
                step = f.interval();
            }
        }
        times.addAll(slots.keySet());
        times.sort(null);
        if (step == null) {
            step = times.size() > 1 ? Duration.between(times.get(0), times.get(1)) : Duration.ofHours(1);
        }
        this.interval = step;
        for (int i = 1; i < times.size(); i++) {
            if (!Duration.between(times.get(i - 1), times.get(i)).equals(interval)) {
                throw new MetUnavailableException("met files have a gap between " + times.get(i - 1) + " and "
                        + times.get(i) + "; expected every " + interval);
            }
        }
        this.period = periodColumns(fileGrid);
        if (period == 0) {
            this.global = null;
            this.grid = fileGrid;
            this.projection = grid.projection();
        } else {
            this.global = new GridProjection.Global((GridProjection.LatLon) fileGrid.projection(), period,
                    fileGrid.ny(), period % 2 == 0 && reachesBothPoles(fileGrid));
            this.grid = copiesAround(fileGrid, global);
            this.projection = global;
        }
        this.levels = InternalLevels.forModelTop(modelTopMeters);
        this.converter = new ProfileConverter(levels, projection);
        // until a region is set: the whole file (on a global grid its middle copy, on its own rows)
        this.rx0 = period;
        this.ry0 = global == null ? 0 : global.rowOffset();
        this.rwx = fileGrid.nx();
        this.rwy = fileGrid.ny();
    }

    /** The internal levels the frames are converted to. */
    public InternalLevels levels() {
        return levels;
    }

    /**
     * Uses {@code c} for the conversion of frames read from now on (cached frames are dropped unless
     * {@code c} equals the current converter, i.e. would produce the same frames).
     */
    public void setConverter(FrameConverter c) {
        if (!c.equals(converter)) {
            cache.clear();
            previous = Map.of();
        }
        converter = c;
    }

    /** Where z₀ comes from when the source is built (the standard roughness table, docs/roughness.md). */
    public static final RoughnessSource DEFAULT_ROUGHNESS = (lat, lon) -> RoughnessTable.standard().z0Meters(lat, lon);
    // (a lambda, so the table is loaded only when a frame is first built)

    /** Uses {@code r} for the frames' z₀ field (drops cached frames when it changes). */
    public void setRoughness(RoughnessSource r) {
        if (r != roughness) {
            roughness = java.util.Objects.requireNonNull(r, "roughness");
            regionZ0 = null;
            cache.clear();
            previous = Map.of();
        }
    }

    /** The current sub-grid as {x0, y0, wx, wy} (0-based first point and size). */
    public int[] region() {
        return new int[] {rx0, ry0, rwx, rwy};
    }

    /**
     * Restricts frames to the sub-grid of {@code wx × wy} points whose first point is the 0-based
     * full-grid point (x0, y0), clamped to the grid (at least 2 × 2).
     */
    public void setRegion(int x0, int y0, int wx, int wy) {
        int nx = grid.nx();
        int ny = grid.ny();
        int ax = Math.max(0, Math.min(x0, nx - 2));
        int ay = Math.max(0, Math.min(y0, ny - 2));
        int bx = Math.max(ax + 2, Math.min(nx, x0 + wx));
        int by = Math.max(ay + 2, Math.min(ny, y0 + wy));
        if (ax == rx0 && ay == ry0 && bx - ax == rwx && by - ay == rwy) {
            return;
        }
        boolean grows = ax <= rx0 && ay <= ry0 && bx >= rx0 + rwx && by >= ry0 + rwy;
        previous = grows && !cache.isEmpty() ? new HashMap<>(cache) : Map.of();
        rx0 = ax;
        ry0 = ay;
        rwx = bx - ax;
        rwy = by - ay;
        regionZ0 = null;
        cache.clear();
    }

    /**
     * Makes the region hold the 0-based grid points x0..x1 × y0..y1 (clamped to the grid): the
     * first call chooses the region, later calls only grow it.
     */
    public void cover(int x0, int y0, int x1, int y1) {
        if (regionChosen) {
            x0 = Math.min(x0, rx0);
            y0 = Math.min(y0, ry0);
            x1 = Math.max(x1, rx0 + rwx - 1);
            y1 = Math.max(y1, ry0 + rwy - 1);
        }
        int cx0 = Math.max(0, x0);
        int cy0 = Math.max(0, y0);
        setRegion(cx0, cy0, Math.min(grid.nx() - 1, x1) - cx0 + 1, Math.min(grid.ny() - 1, y1) - cy0 + 1);
        regionChosen = true;
    }

    /** Whether the current region is the whole grid. */
    public boolean regionIsFullGrid() {
        return rx0 == 0 && ry0 == 0 && rwx == grid.nx() && rwy == grid.ny();
    }

    /**
     * Columns per turn around the globe when {@code g} is a lat/lon grid whose columns cover 360° of
     * longitude (n·Δλ = 360° to 1e-6° with n = nx, or n = nx − 1 when the last column repeats the
     * first), else 0.
     */
    public static int periodColumns(ArlGrid g) {
        if (g.kind() != ArlGrid.Kind.LAT_LON || !(g.refLon() > 0)) {
            return 0;
        }
        long n = Math.round(360.0 / g.refLon());
        if (n < 2 || Math.abs(n * g.refLon() - 360.0) > 1e-6 || (g.nx() != n && g.nx() != n + 1)) {
            return 0;
        }
        return (int) n;
    }

    /** Whether the first row of lat/lon grid {@code g} is at −90° and its last at 90° (to 1e-6°). */
    private static boolean reachesBothPoles(ArlGrid g) {
        GridProjection p = g.projection();
        return Math.abs(p.toGeo(1.0, 1.0).latitude() + 90.0) < 1e-6
                && Math.abs(p.toGeo(1.0, g.ny()).latitude() - 90.0) < 1e-6;
    }

    /**
     * The size of the continuous grid {@code c} of the global grid {@code g}:
     * {@value #GLOBAL_COPIES}·period columns and {@link GridProjection.Global#rows()} rows, the
     * file's point (1, 1) at (1 + period, 1 + rowOffset). Only its size and RESERVED field are used:
     * its own {@link ArlGrid#projection()} does not know the rows through the poles ({@code c} does).
     */
    private static ArlGrid copiesAround(ArlGrid g, GridProjection.Global c) {
        int nx = GLOBAL_COPIES * c.period();
        double syncX = g.syncX() + c.period();
        double syncY = g.syncY() + c.rowOffset();
        return new ArlGrid(g.poleLat(), g.syncLon() + (nx - syncX) * g.refLon(), g.refLat(), g.refLon(),
                g.gridSizeKm(), g.orientationDeg(), g.coneAngleDeg(), syncX, syncY, g.syncLat(), g.syncLon(),
                g.reserved(), nx, c.rows());
    }

    /** Whether the files' grid goes around the globe (and {@link #grid()} holds copies of it). */
    public boolean isGlobal() {
        return period > 0;
    }

    /** Whether the files' global grid is also continued through the poles (see the class comment). */
    public boolean isThroughPoles() {
        return global != null && global.throughPoles();
    }

    /** The grid of the met files (for a global grid {@link #grid()} is its continuous grid). */
    public ArlGrid fileGrid() {
        return fileGrid;
    }

    private static boolean sameGrid(ArlGrid a, ArlGrid b) {
        return a.nx() == b.nx() && a.ny() == b.ny() && a.projection().equals(b.projection());
    }

    /**
     * The grid the kernels see: the files' grid, or the continuous grid of a global one (see the
     * class comment; use {@link #projection()} for its geometry, not this grid's own projection).
     */
    public ArlGrid grid() {
        return grid;
    }

    public GridProjection projection() {
        return projection;
    }

    /** Time between met periods. */
    public Duration interval() {
        return interval;
    }

    /** First and last valid time. */
    public Instant firstTime() {
        return times.get(0);
    }

    public Instant lastTime() {
        return times.get(times.size() - 1);
    }

    /** Whether a period is valid at {@code t}. */
    public boolean has(Instant t) {
        return slots.containsKey(t);
    }

    /**
     * Converts each frame in {@code bands} row bands at once on {@code pool} (the converter works
     * column by column, so the frame is the same bit for bit); {@code pool} null or {@code bands} 1:
     * on the calling thread. The caller owns the pool and must keep it running while frames are
     * requested. Used by {@link TrajectoryRunner#withThreads} for one simulation on several cores.
     */
    public void setConversionThreads(java.util.concurrent.ExecutorService pool, int bands) {
        if (bands < 1) {
            throw new InvalidInputException("conversion bands " + bands + "; expected at least 1");
        }
        this.conversionPool = bands > 1 ? Objects.requireNonNull(pool, "pool") : null;
        this.conversionBands = bands;
    }

    /** The kernel frame valid at {@code t} on the current region. */
    public KernelFrame frame(Instant t) {
        KernelFrame f = cache.get(t);
        if (f != null) {
            return f;
        }
        Slot slot = slots.get(t);
        if (slot == null) {
            throw new MetUnavailableException("no met period valid at " + t + " in the met files (they cover "
                    + firstTime() + " to " + lastTime() + ")");
        }
        RawMetFrame raw = read(slot);
        KernelFrame old = previous.get(t);
        f = old != null ? grow(raw, old) : convert(raw);
        fillRoughness(f);
        cache.put(t, f);
        while (cache.size() > 3) {
            Instant oldest = cache.keySet().iterator().next();
            cache.remove(oldest);
        }
        return f;
    }

    /**
     * The frame of {@code raw}'s (grown) region from {@code old}, the same time's frame on a region
     * inside it: the old points are copied and only the strips around them are converted (each
     * strip at least 2 points wide, overlapping the old points where needed: a column converts to
     * the same values wherever it is converted).
     */
    private KernelFrame grow(RawMetFrame raw, KernelFrame old) {
        int oi = old.x0() - raw.x0();
        int oj = old.y0() - raw.y0();
        int wx = raw.wx();
        int wy = raw.wy();
        KernelFrame out = new KernelFrame(raw.x0(), raw.y0(), wx, wy, old.nz(), raw.validTime());
        out.copyFrom(old);
        if (oj > 0) {
            out.copyFrom(convert(raw.window(0, 0, wx, Math.max(oj, 2))));
        }
        if (oj + old.wy() < wy) {
            int from = Math.min(oj + old.wy(), wy - 2);
            out.copyFrom(convert(raw.window(0, from, wx, wy - from)));
        }
        if (oi > 0) {
            out.copyFrom(convert(raw.window(0, oj, Math.max(oi, 2), old.wy())));
        }
        if (oi + old.wx() < wx) {
            int from = Math.min(oi + old.wx(), wx - 2);
            out.copyFrom(convert(raw.window(from, oj, wx - from, old.wy())));
        }
        return out;
    }

    /** Converts a raw frame, in row bands on the conversion pool when one is set and the frame is tall enough. */
    private KernelFrame convert(RawMetFrame raw) {
        int bands = Math.min(conversionBands, raw.wy() / 2);
        if (conversionPool == null || bands < 2) {
            return converter.convert(raw);
        }
        FrameConverter c = converter;
        List<java.util.concurrent.Future<KernelFrame>> parts = new ArrayList<>();
        for (int b = 0; b < bands; b++) {
            int from = (int) ((long) raw.wy() * b / bands);
            int to = (int) ((long) raw.wy() * (b + 1) / bands);
            parts.add(conversionPool.submit(() -> c.convert(raw.rows(from, to))));
        }
        // allocated while the bands convert
        KernelFrame out = new KernelFrame(raw.x0(), raw.y0(), raw.wx(), raw.wy(), levels.count(), raw.validTime());
        for (java.util.concurrent.Future<KernelFrame> part : parts) {
            out.copyFrom(await(part, parts));
        }
        return out;
    }

    /** Writes the z₀ of every point of the region into the frame's {@link KernelFrame#F2_Z0} field. */
    private void fillRoughness(KernelFrame f) {
        if (regionZ0 == null || regionZ0.length != f.wx() * f.wy()) {
            float[] z = new float[f.wx() * f.wy()];
            for (int j = 0; j < f.wy(); j++) {
                for (int i = 0; i < f.wx(); i++) {
                    org.stilt.core.met.GridProjection.GeoPoint g = projection.toGeo(f.x0() + i + 1, f.y0() + j + 1);
                    z[j * f.wx() + i] = (float) roughness.z0Meters(g.latitude(), g.longitude());
                }
            }
            regionZ0 = z;
        }
        for (int j = 0; j < f.wy(); j++) {
            for (int i = 0; i < f.wx(); i++) {
                f.set2(KernelFrame.F2_Z0, i, j, regionZ0[j * f.wx() + i]);
            }
        }
    }

    /** Unpacks the raw fields of one period on the current region. */
    public RawMetFrame read(Instant t) {
        Slot slot = slots.get(t);
        if (slot == null) {
            throw new MetUnavailableException("no met period valid at " + t);
        }
        return read(slot);
    }

    private RawMetFrame read(Slot slot) {
        ArlFile file = slot.file();
        ArlPeriod p = slot.period();
        List<ArlLevel> levels = p.index().levels();
        int nl = levels.size() - 1;
        int plane = rwx * rwy;
        Map<String, float[]> sfc = new HashMap<>();
        for (ArlVariable v : levels.get(0).variables()) {
            if (SURFACE.contains(v.name())) {
                sfc.put(v.name(), window(file, p, v.name(), 0));
            }
        }
        Map<String, float[]> up = new HashMap<>();
        double[] values = new double[nl];
        for (int l = 1; l <= nl; l++) {
            values[l - 1] = levels.get(l).value();
        }
        for (String name : UPPER) {
            boolean all = true;
            for (int l = 1; l <= nl; l++) {
                all &= levels.get(l).indexOf(name) >= 0;
            }
            if (!all || nl == 0) {
                continue;
            }
            up.put(name, new float[nl * plane]);
        }
        // one task per upper field on the conversion pool when there is one (ArlFile reads are
        // safe from several threads), else in turn on this thread
        List<Runnable> tasks = new ArrayList<>();
        for (Map.Entry<String, float[]> e : up.entrySet()) {
            String name = e.getKey();
            float[] data = e.getValue();
            tasks.add(() -> {
                for (int l = 1; l <= nl; l++) {
                    float[] lev = window(file, p, name, l);
                    if (name.equals("WWND")) {
                        addDifference(file, p, name, l, lev);
                    }
                    System.arraycopy(lev, 0, data, (l - 1) * plane, plane);
                }
            });
        }
        runAll(tasks);
        VerticalCoordinate vc = p.index().verticalCoordinate();
        return new RawMetFrame(rx0, ry0, rwx, rwy, p.validTime(), vc, values, grid.reserved(), sfc, up);
    }

    /** Runs the tasks on the conversion pool (waiting for all), or in turn when there is none. */
    private void runAll(List<Runnable> tasks) {
        if (conversionPool == null) {
            tasks.forEach(Runnable::run);
            return;
        }
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        for (Runnable t : tasks) {
            futures.add(conversionPool.submit(t));
        }
        for (java.util.concurrent.Future<?> f : futures) {
            await(f, futures);
        }
    }

    /** The result of {@code f}; on failure or interruption the other futures are cancelled. */
    private static <T> T await(java.util.concurrent.Future<T> f, List<? extends java.util.concurrent.Future<?>> all) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            all.forEach(x -> x.cancel(true));
            throw new org.stilt.core.RunCancelledException("met conversion cancelled (the thread was interrupted)");
        } catch (java.util.concurrent.ExecutionException e) {
            all.forEach(x -> x.cancel(true));
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("met conversion failed: " + e.getCause(), e.getCause());
        }
    }

    private float[] window(ArlFile file, ArlPeriod p, String name, int level) {
        float[] out = new float[rwx * rwy];
        if (period == 0) {
            file.readWindow(p, name, level, rx0, ry0, rwx, rwy, java.nio.FloatBuffer.wrap(out));
            return out;
        }
        // a global grid: rows in bands that map to consecutive file rows (normal, or beyond a pole in
        // reverse order, half a turn away, with the wind components turned by 180°), each band's
        // columns modulo the period
        boolean wind = WIND_COMPONENTS.contains(name);
        for (int j = 0; j < rwy; ) {
            int side = global.poleSide(ry0 + j);
            int k = j + 1;
            while (k < rwy && global.poleSide(ry0 + k) == side) {
                k++;
            }
            int n = k - j;
            int first = global.fileRow(ry0 + j);
            int last = global.fileRow(ry0 + k - 1);
            if (side == 0) {
                readColumns(file, p, name, level, first, n, 0, out, j);
                j = k;
                continue;
            }
            // beyond a pole: the file's rows in reverse order, half a turn away
            float[] band = new float[n * rwx];
            readColumns(file, p, name, level, Math.min(first, last), n, period / 2, band, 0);
            for (int t = 0; t < n; t++) {
                System.arraycopy(band, (n - 1 - t) * rwx, out, (j + t) * rwx, rwx);
                if (wind) {
                    for (int i = 0; i < rwx; i++) {
                        out[(j + t) * rwx + i] = -out[(j + t) * rwx + i];
                    }
                }
            }
            j = k;
        }
        return out;
    }

    /** Wind components, turned by 180° beyond a pole (their grid axes point west and south there). */
    private static final java.util.Set<String> WIND_COMPONENTS = java.util.Set.of("UWND", "VWND", "U10M", "V10M");

    /**
     * Reads file rows {@code row0 .. row0 + n − 1} of the region's columns, each taken modulo the
     * period after adding {@code shift}, into rows {@code dstRow .. dstRow + n − 1} of {@code dst}
     * (rows of {@code rwx}); a region that does not cross the seam is read in place.
     */
    private void readColumns(ArlFile file, ArlPeriod p, String name, int level, int row0, int n, int shift,
                             float[] dst, int dstRow) {
        for (int c = rx0; c < rx0 + rwx; ) {
            int fileColumn = Math.floorMod(c + shift, period);
            int run = Math.min(period - fileColumn, rx0 + rwx - c);
            if (run == rwx) {
                file.readWindow(p, name, level, fileColumn, row0, run, n,
                        java.nio.FloatBuffer.wrap(dst, dstRow * rwx, n * rwx));
                return;
            }
            float[] part = new float[run * n];
            file.readWindow(p, name, level, fileColumn, row0, run, n, java.nio.FloatBuffer.wrap(part));
            for (int j = 0; j < n; j++) {
                System.arraycopy(part, j * run, dst, (dstRow + j) * rwx + (c - rx0), run);
            }
            c += run;
        }
    }

    /**
     * Adds the difference record that follows {@code name} in the level's catalogue (HRRR's
     * {@code DIFW} after {@code WWND}): hycs_std uses the extra precision (det_hrrr references).
     */
    private void addDifference(ArlFile file, ArlPeriod p, String name, int level, float[] values) {
        ArlLevel l = p.index().levels().get(level);
        int i = l.indexOf(name);
        if (i >= 0 && i + 1 < l.variables().size() && l.variables().get(i + 1).name().startsWith("DIF")) {
            float[] dif = window(file, p, l.variables().get(i + 1).name(), level);
            for (int k = 0; k < values.length; k++) {
                values[k] += dif[k];
            }
        }
    }

    @Override
    public void close() {
        cache.clear();
        previous = Map.of();
    }
}
