package org.stilt.core.footprint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.locationtech.proj4j.proj.Projection;
import org.stilt.core.InvalidInputException;
import org.stilt.core.particles.ParticleTable;

/**
 * R-STILT's {@code calc_footprint} (uataq/stilt commit 0e290a68), written from
 * docs/stilt-reference.md §1.2–1.16: particle rows in, a gridded footprint in ppm per
 * (µmol m⁻² s⁻¹) out.
 *
 * <p>Steps, in R-STILT's order: {@code np} = distinct {@code indx}; {@code time_sign} =
 * sign(median(time)); antimeridian wrap or global grid (lon/lat only); early-time densification
 * (see {@link EarlyTimeDensifier}); release-relative time {@code rtime}; projection of the particles
 * and of the two corners (non lon/lat); the grid of complete cells; one Gaussian bandwidth per rtime
 * from all rows (sample variances, mean latitude, cos term for lon/lat only); the buffer from the
 * largest kernel; the {@code foot > 0} and buffered-domain filter; pre-gridding with left-closed
 * {@code findInterval}; hourly layers {@code floor(time/60)} (or one integrated layer); accumulation
 * through the {@link KernelSpreader} once per (layer, rtime) group with the nearest kernel-table
 * row; trimming of the buffer; division by {@code np}.
 *
 * <p>Only the columns {@code time, indx, long, lati, foot} are read, as R-STILT's
 * {@code simulation_step} passes exactly these (with other columns present R-STILT's densification
 * silently does nothing). Points of one (layer, rtime) group that fall in the same buffered cell are
 * summed before spreading (R sums per (cell, time, rtime)); as the spreading is linear this only
 * changes the order of additions (~1e-16 relative).
 *
 * <p>Projections: only a string containing the literal {@code +proj=longlat} is a lon/lat grid;
 * {@code +proj=lonlat} and {@code +proj=latlong} take the projected path exactly as in R-STILT
 * (kept on purpose, not fixed). Projected grids use PROJ4J; the extent is the bounding box of the
 * projected south-west and north-east corners only.
 *
 * <p>Deliberate deviations from R-STILT, each recorded in {@link Footprint#deviations()} when it
 * applies (the physically right behaviour is implemented):
 * <ul>
 *   <li>(a) {@code xres != yres}: kernels are {@code 1 + 2⌊3σ/xres⌋} cells along longitude and
 *       {@code 1 + 2⌊3σ/yres⌋} along latitude, applied along those axes (R-STILT's Fortran
 *       transposes/scrambles non-square kernels).</li>
 *   <li>(b) no rtime with two or more particle rows: every rtime uses a zero-width (1×1) kernel
 *       (R-STILT fails). A kernel table with a single row is used for every rtime (R-STILT's
 *       {@code find_neighbor} fails). Rtimes with one row are still dropped from the kernel table
 *       when others exist, as in R-STILT.</li>
 *   <li>(c) no particle with two rows with |time| &lt; 100 min: densification is skipped (R-STILT
 *       fails); a particle that cannot be interpolated (a column with fewer than two known values)
 *       is left un-densified (R-STILT fails).</li>
 *   <li>(d) no row left after the filter: an {@link EmptyFootprint} with a reason (R-STILT returns
 *       NULL).</li>
 * </ul>
 *
 * <p>Invalid input (missing columns, empty table, NaN or infinite time/indx/long/lati, infinite
 * foot) raises {@link InvalidInputException} naming the column, the 1-based row and the value.
 * NaN foot is allowed: such rows count for the kernel bandwidth and are dropped by {@code foot > 0}.
 *
 * <p>Thread-safety: holds only the spreader; safe for concurrent calls if the spreader is (both
 * built-in spreaders are).
 */
public final class FootprintCalculator {

    /** Deviation (a) text. */
    static final String DEVIATION_ANISOTROPIC = "(a) xres != yres: Gaussian kernel sized per axis (1+2*floor(3*sigma/xres)"
            + " cells along longitude, 1+2*floor(3*sigma/yres) along latitude) and applied along those axes;"
            + " R-STILT's permute.f90 scrambles non-square kernels";
    /** Deviation (b) text, no kernel at all. */
    static final String DEVIATION_NO_KERNEL = "(b) no time step has two or more particles: zero-width (1x1) kernels"
            + " used for every time step; R-STILT stops with an error";
    /** Deviation (b) text, a single kernel row. */
    static final String DEVIATION_ONE_KERNEL = "(b) only one time step has two or more particles: its kernel is"
            + " used for every time step; R-STILT's find_neighbor stops with an error";
    /** Deviation (c) text, nothing to decide densification on. */
    static final String DEVIATION_NO_EARLY = "(c) no particle has two rows with |time| < 100 min: early-time"
            + " densification skipped; R-STILT stops with an error";

    private final KernelSpreader spreader;

    /** @param spreader the accumulation kernel (R-STILT's {@code permute}) */
    public FootprintCalculator(KernelSpreader spreader) {
        this.spreader = Objects.requireNonNull(spreader, "spreader");
    }

    /** The accumulation kernel in use. */
    public KernelSpreader spreader() {
        return spreader;
    }

    /**
     * Computes the footprint of {@code particles} on {@code request}'s grid.
     *
     * @param particles particle table with at least the columns time (min), indx, long, lati (deg)
     *                  and foot (ppm per µmol m⁻² s⁻¹); other columns are ignored
     * @param request   grid, receptor time, smoothing and time integration
     * @return a {@link Footprint}, or an {@link EmptyFootprint} if no row with foot &gt; 0 falls in
     *         the buffered domain
     * @throws InvalidInputException for invalid particles or a domain R-STILT cannot grid
     */
    public FootprintResult calculate(ParticleTable particles, FootprintRequest request) {
        Objects.requireNonNull(particles, "particles");
        Objects.requireNonNull(request, "request");
        FootprintDomain domain = request.domain();
        Input in = Input.of(particles);
        List<String> deviations = new ArrayList<>();

        // §1.2 np, time_sign, longlat
        ParticleIds ids = ParticleIds.of(in.indx);
        int np = ids.count();
        double timeSign = Math.signum(RNumerics.medianInPlace(in.time.clone(), 0, in.n));
        boolean longlat = domain.isLongLat();
        ParticleRows rows = ParticleRows.sorted(in.time, in.lon, in.lat, in.foot, ids.pid(), np);

        double xmn = domain.xmn();
        double xmx = domain.xmx();
        double ymn = domain.ymn();
        double ymx = domain.ymx();
        double xres = domain.xres();
        double yres = domain.yres();

        // §1.3 antimeridian
        if (longlat) {
            double xdist = RNumerics.floorMod((180 - xmn) - (-180 - xmx), 360);
            if (xdist == 0) {
                xmn = -180;
                xmx = 180;
            } else if (xmx < xmn || xmx > 180) {
                for (int r = 0; r < rows.n; r++) {
                    rows.lon[r] = RNumerics.wrapLongitude(rows.lon[r]);
                }
                xmn = RNumerics.wrapLongitude(xmn);
                xmx = RNumerics.wrapLongitude(xmx);
                if (!(xmx > xmn)) {
                    throw new InvalidInputException("longitude range xmn=" + domain.xmn() + ", xmx=" + domain.xmx()
                            + " wraps to " + xmn + ".." + xmx + " (0..360), which is empty; R-STILT fails here too"
                            + " (wrong sign in 'by')");
                }
            }
        }

        // §1.4 early-time densification
        boolean densified = false;
        EarlyTimeDensifier.Decision decision = EarlyTimeDensifier.decide(rows, xres, yres);
        switch (decision.outcome()) {
            case NO_EARLY_STEPS -> deviations.add(DEVIATION_NO_EARLY);
            case DENSIFY -> {
                EarlyTimeDensifier.Densified d = EarlyTimeDensifier.densify(rows, timeSign);
                rows = d.rows();
                densified = true;
                if (d.undensified() > 0) {
                    deviations.add("(c) " + d.undensified() + " particle(s) with fewer than two known values in long,"
                            + " lati or foot left un-densified; R-STILT stops with an error");
                }
            }
            case KEEP -> {
                // nothing to do
            }
        }
        int n = rows.n;

        // §1.5 release-relative time
        double[] rtime = releaseRelativeTimes(rows, timeSign);

        // §1.6 projection
        if (!longlat) {
            Projection projection = parseProjection(domain.projection());
            ProjCoordinate src = new ProjCoordinate();
            ProjCoordinate dst = new ProjCoordinate();
            for (int r = 0; r < n; r++) {
                project(projection, rows.lon[r], rows.lat[r], src, dst);
                rows.lon[r] = dst.x;
                rows.lat[r] = dst.y;
            }
            project(projection, xmn, ymn, src, dst);
            double x1 = dst.x;
            double y1 = dst.y;
            project(projection, xmx, ymx, src, dst);
            double x2 = dst.x;
            double y2 = dst.y;
            xmn = Math.min(x1, x2);
            xmx = Math.max(x1, x2);
            ymn = Math.min(y1, y2);
            ymx = Math.max(y1, y2);
        }

        // §1.7 output grid (complete cells only)
        double[] glong = edges(xmn, xmx, xres, longlat ? "longitude" : "x");
        double[] glati = edges(ymn, ymx, yres, longlat ? "latitude" : "y");

        // §1.8 bandwidth per rtime, from all rows
        DoubleGroups groups = DoubleGroups.of(rtime, n);
        double[] bandwidth = bandwidths(rows, groups, request.smoothFactor(), longlat);
        int groupCount = groups.size();
        int tableSize = 0;
        for (double w : bandwidth) {
            if (!Double.isNaN(w)) {
                tableSize++;
            }
        }
        double[] tableRtimes = new double[tableSize];
        double[] tableBandwidths = new double[tableSize];
        for (int g = 0, k = 0; g < groupCount; g++) {
            if (!Double.isNaN(bandwidth[g])) {
                tableRtimes[k] = groups.keys()[g];
                tableBandwidths[k] = bandwidth[g];
                k++;
            }
        }
        KernelTable table = new KernelTable(tableRtimes, tableBandwidths);

        // §1.10 buffer from the largest kernel
        double maxW = 0;
        for (double w : tableBandwidths) {
            maxW = Math.max(maxW, w);
        }
        int xbuf = GaussianKernel.size(maxW, xres);
        int ybuf = GaussianKernel.size(maxW, yres);
        int xbufh = (xbuf - 1) / 2;
        int ybufh = (ybuf - 1) / 2;
        double[] glongBuf = RNumerics.seq(xmn - xbuf * xres, xmx + (xbuf - 1) * xres, xres);
        double[] glatiBuf = RNumerics.seq(ymn - ybuf * yres, ymx + (ybuf - 1) * yres, yres);
        int nxBuf = Math.max(glongBuf.length, glong.length + 2 * xbuf);
        int nyBuf = Math.max(glatiBuf.length, glati.length + 2 * ybuf);
        long bufCells = (long) nxBuf * nyBuf;
        if (bufCells > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("footprint grid of " + nxBuf + " x " + nyBuf
                    + " cells (with kernel buffer) is too large");
        }

        // §1.11 filter, §1.12 pre-gridding, §1.13 layers
        double xlo = xmn - xbufh * xres;
        double xhi = xmx + xbufh * xres;
        double ylo = ymn - ybufh * yres;
        double yhi = ymx + ybufh * yres;
        int[] cell = new int[n];
        int[] group = new int[n];
        int[] layer = new int[n]; // floor(time/60), then replaced by the layer's rank
        double[] pfoot = new double[n];
        int f = 0;
        int positive = 0;
        int[] rowGroup = groups.group();
        for (int r = 0; r < n; r++) {
            double ft = rows.foot[r];
            if (!(ft > 0)) {
                continue;
            }
            positive++;
            double x = rows.lon[r];
            double y = rows.lat[r];
            if (!(x >= xlo && x < xhi && y >= ylo && y < yhi)) {
                continue;
            }
            int ix = RNumerics.findIntervalArithmetic(x, glongBuf, glongBuf[0], xres) - 1;
            int iy = RNumerics.findIntervalArithmetic(y, glatiBuf, glatiBuf[0], yres) - 1;
            if (ix < 0 || iy < 0 || ix >= nxBuf || iy >= nyBuf) {
                continue; // cannot happen with the buffer above; never index outside the grid
            }
            cell[f] = iy * nxBuf + ix;
            group[f] = rowGroup[r];
            layer[f] = request.timeIntegrate() ? 0 : hour(rows.time[r]);
            pfoot[f] = ft;
            f++;
        }
        if (f == 0) {
            return new EmptyFootprint("no particle row with foot > 0 inside the footprint domain"
                    + " (" + (longlat ? "lon " : "x ") + "[" + xlo + ", " + xhi + "), "
                    + (longlat ? "lat " : "y ") + "[" + ylo + ", " + yhi + ") including the kernel buffer): "
                    + n + " rows, " + positive + " with foot > 0, 0 of those inside");
        }

        // Distinct layers, ascending.
        int[] layerValues = distinctSorted(layer, f);
        int layerCount = layerValues.length;
        int[] layerIndex = layer;
        for (int k = 0; k < f; k++) {
            layerIndex[k] = Arrays.binarySearch(layerValues, layer[k]);
        }
        int nx = glong.length;
        int ny = glati.length;
        long outCells = (long) nx * ny * layerCount;
        if (outCells > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("footprint of " + nx + " x " + ny + " x " + layerCount + " cells is too large");
        }

        // Order the points by (layer, rtime group, cell).
        boolean mergeCells = (double) layerCount * groupCount * bufCells < 0x1p62;
        long[] keys = new long[f];
        for (int k = 0; k < f; k++) {
            long pair = (long) layerIndex[k] * groupCount + group[k];
            keys[k] = mergeCells ? pair * bufCells + cell[k] : pair;
        }
        int[] order = LongRadixSort.argsort(keys, f);
        keys = null;
        int maxRun = 0;
        for (int k = 0, runStart = 0; k <= f; k++) {
            if (k == f || layerIndex[order[k]] != layerIndex[order[runStart]] || group[order[k]] != group[order[runStart]]) {
                maxRun = Math.max(maxRun, k - runStart);
                runStart = k;
            }
        }

        // §1.14 accumulation, §1.16 trim and divide
        double[] grid = new double[(int) bufCells];
        double[] values = new double[(int) outCells];
        int[] px = new int[maxRun];
        int[] py = new int[maxRun];
        double[] pf = new double[maxRun];
        GaussianKernel[] cache = new GaussianKernel[Math.max(1, table.size())];
        boolean nonPointKernel = false;
        int k = 0;
        while (k < f) {
            int first = order[k];
            int li = layerIndex[first];
            int g = group[first];
            int count = 0;
            int lastCell = -1;
            while (k < f && layerIndex[order[k]] == li && group[order[k]] == g) {
                int r = order[k++];
                int c = cell[r];
                if (mergeCells && count > 0 && c == lastCell) {
                    pf[count - 1] += pfoot[r];
                    continue;
                }
                px[count] = c % nxBuf;
                py[count] = c / nxBuf;
                pf[count] = pfoot[r];
                count++;
                lastCell = c;
            }
            GaussianKernel kernel = kernelFor(table, groups.keys()[g], cache, xres, yres);
            nonPointKernel |= kernel.nx() > 1 || kernel.ny() > 1;
            spreader.spread(grid, nxBuf, nyBuf, kernel.weights(), kernel.nx(), kernel.ny(), px, py, pf, count);
            boolean layerDone = k == f || layerIndex[order[k]] != li;
            if (layerDone) {
                int base = li * nx * ny;
                for (int iy = 0; iy < ny; iy++) {
                    int src = (ybuf + iy) * nxBuf + xbuf;
                    int dst = base + iy * nx;
                    for (int ix = 0; ix < nx; ix++) {
                        values[dst + ix] = grid[src + ix] / np;
                    }
                }
                Arrays.fill(grid, 0.0);
            }
        }

        if (table.size() == 0) {
            deviations.add(DEVIATION_NO_KERNEL);
        } else if (table.size() == 1) {
            deviations.add(DEVIATION_ONE_KERNEL);
        }
        if (xres != yres && nonPointKernel) {
            deviations.add(DEVIATION_ANISOTROPIC);
        }

        double[] xc = new double[nx];
        for (int i = 0; i < nx; i++) {
            xc[i] = glong[i] + xres / 2;
        }
        double[] yc = new double[ny];
        for (int i = 0; i < ny; i++) {
            yc[i] = glati[i] + yres / 2;
        }
        long run = request.runTime().getEpochSecond();
        long[] times = new long[layerCount];
        for (int i = 0; i < layerCount; i++) {
            times[i] = run + layerValues[i] * 3600L;
        }
        return new Footprint(xc, yc, times, values, domain, request.smoothFactor(), request.timeIntegrate(),
                np, densified, deviations);
    }

    private static GaussianKernel kernelFor(KernelTable table, double rtime, GaussianKernel[] cache,
                                            double xres, double yres) {
        if (table.size() == 0) {
            return GaussianKernel.POINT;
        }
        int j = table.nearest(rtime);
        GaussianKernel k = cache[j];
        if (k == null) {
            k = GaussianKernel.of(table.bandwidths()[j], xres, yres);
            cache[j] = k;
        }
        return k;
    }

    /** rtime = time − time_sign · min|time| per particle (minutes), in this exact form. */
    static double[] releaseRelativeTimes(ParticleRows rows, double timeSign) {
        double[] rtime = new double[rows.n];
        for (int p = 0; p < rows.particles(); p++) {
            int a = rows.start[p];
            int b = rows.start[p + 1];
            double min = Double.POSITIVE_INFINITY;
            for (int r = a; r < b; r++) {
                min = Math.min(min, Math.abs(rows.time[r]));
            }
            double shift = timeSign * min;
            for (int r = a; r < b; r++) {
                rtime[r] = rows.time[r] - shift;
            }
        }
        return rtime;
    }

    /**
     * Kernel bandwidth (grid units) per rtime group: {@code sf · 0.06 · (var(x)+var(y))^¼ ·
     * |rtime/1440|^½ / cos(mean(lat)·π/180)} (no cosine for projected grids), sample variances;
     * NaN for groups with fewer than two rows.
     */
    static double[] bandwidths(ParticleRows rows, DoubleGroups groups, double smoothFactor, boolean longlat) {
        int gn = groups.size();
        int[] g = groups.group();
        int n = rows.n;
        double[] x = rows.lon;
        double[] y = rows.lat;
        int[] count = new int[gn];
        double[] mx = new double[gn];
        double[] my = new double[gn];
        for (int r = 0; r < n; r++) {
            int k = g[r];
            count[k]++;
            mx[k] += x[r];
            my[k] += y[r];
        }
        for (int k = 0; k < gn; k++) {
            mx[k] /= count[k];
            my[k] /= count[k];
        }
        // Second pass: mean correction (as R's mean does) ...
        double[] cx = new double[gn];
        double[] cy = new double[gn];
        for (int r = 0; r < n; r++) {
            int k = g[r];
            cx[k] += x[r] - mx[k];
            cy[k] += y[r] - my[k];
        }
        for (int k = 0; k < gn; k++) {
            mx[k] += cx[k] / count[k];
            my[k] += cy[k] / count[k];
        }
        // ... then the sums of squared deviations.
        double[] sx = new double[gn];
        double[] sy = new double[gn];
        for (int r = 0; r < n; r++) {
            int k = g[r];
            double dx = x[r] - mx[k];
            double dy = y[r] - my[k];
            sx[k] += dx * dx;
            sy[k] += dy * dy;
        }
        double[] w = new double[gn];
        double[] keys = groups.keys();
        for (int k = 0; k < gn; k++) {
            if (count[k] < 2) {
                w[k] = Double.NaN;
                continue;
            }
            double varsum = sx[k] / (count[k] - 1) + sy[k] / (count[k] - 1);
            double di = Math.pow(varsum, 0.25);
            double ti = Math.pow(Math.abs(keys[k] / 1440), 0.5);
            double gc = longlat ? Math.cos(my[k] * Math.PI / 180) : 1;
            double wk = smoothFactor * 0.06 * di * ti / gc;
            if (!Double.isFinite(wk)) {
                throw new InvalidInputException("kernel bandwidth at rtime " + keys[k] + " min is " + wk
                        + " (mean latitude " + my[k] + "): cannot build a Gaussian kernel");
            }
            w[k] = wk;
        }
        return w;
    }

    private static double[] edges(double lo, double hi, double res, String axis) {
        double[] e;
        try {
            e = RNumerics.lowerEdges(lo, hi, res);
        } catch (IllegalArgumentException ex) {
            throw new InvalidInputException("cannot build the " + axis + " grid from " + lo + " to " + hi + " by " + res
                    + ": " + ex.getMessage(), ex);
        }
        if (e.length == 0) {
            throw new InvalidInputException("the " + axis + " range " + lo + ".." + hi
                    + " is narrower than one cell of " + res + ": no complete cell");
        }
        return e;
    }

    /** Receptor-relative hour ⌊time/60⌋ of a time in minutes. */
    private static int hour(double minutes) {
        double h = Math.floor(minutes / 60);
        if (!(Math.abs(h) < Integer.MAX_VALUE)) {
            throw new InvalidInputException("particle time " + minutes + " min is out of range");
        }
        return (int) h;
    }

    /** The distinct values of v[0, n), ascending. */
    static int[] distinctSorted(int[] v, int n) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, v[i]);
            max = Math.max(max, v[i]);
        }
        if ((long) max - min < (1 << 20)) {
            boolean[] seen = new boolean[max - min + 1];
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (!seen[v[i] - min]) {
                    seen[v[i] - min] = true;
                    count++;
                }
            }
            int[] out = new int[count];
            for (int k = 0, m = 0; k < seen.length; k++) {
                if (seen[k]) {
                    out[m++] = min + k;
                }
            }
            return out;
        }
        int[] s = Arrays.copyOf(v, n);
        Arrays.sort(s);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m == 0 || s[i] != s[m - 1]) {
                s[m++] = s[i];
            }
        }
        return Arrays.copyOf(s, m);
    }

    private static Projection parseProjection(String proj) {
        try {
            return new CRSFactory().createFromParameters("footprint", proj).getProjection();
        } catch (RuntimeException e) {
            throw new InvalidInputException("cannot use projection '" + proj + "': " + e.getMessage(), e);
        }
    }

    private static void project(Projection projection, double lon, double lat, ProjCoordinate src, ProjCoordinate dst) {
        src.x = lon;
        src.y = lat;
        try {
            projection.project(src, dst);
        } catch (RuntimeException e) {
            throw new InvalidInputException("cannot project lon " + lon + ", lat " + lat + ": " + e.getMessage(), e);
        }
        if (!Double.isFinite(dst.x) || !Double.isFinite(dst.y)) {
            throw new InvalidInputException("projecting lon " + lon + ", lat " + lat + " gave a non-finite point ("
                    + dst.x + ", " + dst.y + ")");
        }
    }

    /**
     * The five columns, validated.
     *
     * <p>Thread-safety: immutable by contract (arrays shared with the table, never modified).
     */
    private record Input(double[] time, double[] indx, double[] lon, double[] lat, double[] foot, int n) {

        static Input of(ParticleTable t) {
            List<String> missing = new ArrayList<>();
            for (String c : ParticleTable.FOOTPRINT_COLUMNS) {
                if (!t.hasColumn(c)) {
                    missing.add(c);
                }
            }
            if (!missing.isEmpty()) {
                throw new InvalidInputException("particle table is missing column(s) " + String.join(", ", missing)
                        + " needed for the footprint (columns present: " + String.join(", ", t.columnNames()) + ")");
            }
            int n = t.rowCount();
            if (n == 0) {
                throw new InvalidInputException("particle table is empty (0 rows): no footprint can be computed");
            }
            Input in = new Input(t.column("time"), t.column("indx"), t.column("long"), t.column("lati"),
                    t.column("foot"), n);
            requireFinite("time", in.time);
            requireFinite("indx", in.indx);
            requireFinite("long", in.lon);
            requireFinite("lati", in.lat);
            for (int i = 0; i < n; i++) {
                if (Double.isInfinite(in.foot[i])) {
                    throw new InvalidInputException("particle column 'foot' is infinite at row " + (i + 1)
                            + " (value " + in.foot[i] + "); NaN is allowed, infinity is not");
                }
            }
            return in;
        }

        private static void requireFinite(String column, double[] v) {
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    throw new InvalidInputException("particle column '" + column + "' must be finite but row " + (i + 1)
                            + " has " + v[i]);
                }
            }
        }
    }

    /**
     * Dense particle numbers: {@code pid[i]} = rank of {@code indx[i]} among the distinct values.
     *
     * @param pid   rank of each row's indx, 0-based
     * @param count number of distinct indx values (R-STILT's {@code np})
     *
     * <p>Thread-safety: immutable by contract.
     */
    record ParticleIds(int[] pid, int count) {

        static ParticleIds of(double[] indx) {
            int n = indx.length;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            boolean integral = true;
            for (double v : indx) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                integral &= v == Math.rint(v);
            }
            int[] pid = new int[n];
            if (integral && max - min <= 4.0 * n + 1024) {
                // Small integer ids: a direct rank table.
                int range = (int) (max - min) + 1;
                int[] rank = new int[range];
                for (double v : indx) {
                    rank[(int) (v - min)] = 1;
                }
                int count = 0;
                for (int i = 0; i < range; i++) {
                    if (rank[i] != 0) {
                        rank[i] = count++;
                    }
                }
                for (int i = 0; i < n; i++) {
                    pid[i] = rank[(int) (indx[i] - min)];
                }
                return new ParticleIds(pid, count);
            }
            double[] s = indx.clone();
            for (int i = 0; i < n; i++) {
                if (s[i] == 0) {
                    s[i] = 0.0;
                }
            }
            Arrays.sort(s);
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (m == 0 || s[i] != s[m - 1]) {
                    s[m++] = s[i];
                }
            }
            for (int i = 0; i < n; i++) {
                double v = indx[i] == 0 ? 0.0 : indx[i];
                pid[i] = Arrays.binarySearch(s, 0, m, v);
            }
            return new ParticleIds(pid, m);
        }
    }
}
