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
 * through the {@link KernelSpreader} with each rtime's nearest kernel-table row (batched per
 * layer and kernel row); trimming of the buffer; division by {@code np}.
 *
 * <p>Only the columns {@code time, indx, long, lati, foot} are read, as R-STILT's
 * {@code simulation_step} passes exactly these (with other columns present R-STILT's densification
 * silently does nothing). Points that share a layer, a kernel-table row and a buffered cell are
 * summed before spreading (R sums per (cell, time, rtime)); as the spreading is linear this only
 * changes the order of additions (~1e-16 relative).
 *
 * <p>Memory: the table's columns are never copied. The calculation streams over them in a few
 * passes (ids and the sign of the median; the early rows; per-particle minimum |time|; three passes
 * for the per-rtime means and variances; filtering and accumulation), applying the antimeridian
 * wrap, the densification's rounding, NaN drop and rescaling, and the projection to each row as it
 * is read (a projected row is projected once per pass that needs positions). Its extra memory is
 * O(particles + distinct rtimes + rows with |time| ≤ 100 min + densified rows + grid cells ×
 * layers): a side table holds the early rows and the rows densification inserts or replaces
 * (a particle with a NaN foot outside the densified range, whose value R interpolates from its
 * neighbours, is joined from all its rows), the points to spread go through a fixed-size chunk,
 * each layer has one buffered grid, and the Gaussian kernels kept at once never outnumber the
 * buffered grid's cells. No working array has one entry per table row.
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
 * <p>Thread-safety: holds only the spreader; all working state is local to one
 * {@link #calculate} call and the table's columns are only read, so concurrent calls (on the same
 * or different tables) are safe if the spreader is (both built-in spreaders are).
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
        double timeSign = medianSign(in.time);
        boolean longlat = domain.isLongLat();

        double xmn = domain.xmn();
        double xmx = domain.xmx();
        double ymn = domain.ymn();
        double ymx = domain.ymx();
        double xres = domain.xres();
        double yres = domain.yres();

        // §1.3 antimeridian (applied to the particles as they are read)
        boolean wrap = false;
        if (longlat) {
            double xdist = RNumerics.floorMod((180 - xmn) - (-180 - xmx), 360);
            if (xdist == 0) {
                xmn = -180;
                xmx = 180;
            } else if (xmx < xmn || xmx > 180) {
                wrap = true;
                xmn = RNumerics.wrapLongitude(xmn);
                xmx = RNumerics.wrapLongitude(xmx);
                if (!(xmx > xmn)) {
                    throw new InvalidInputException("longitude range xmn=" + domain.xmn() + ", xmx=" + domain.xmx()
                            + " wraps to " + xmn + ".." + xmx + " (0..360), which is empty; R-STILT fails here too"
                            + " (wrong sign in 'by')");
                }
            }
        }
        Rows rows = new Rows(in, ids, wrap);

        // §1.4 early-time densification, decided and done on the early rows only
        boolean densified = false;
        ParticleRows early = rows.early(np);
        EarlyTimeDensifier.Decision decision = EarlyTimeDensifier.decide(early, xres, yres);
        switch (decision.outcome()) {
            case NO_EARLY_STEPS -> deviations.add(DEVIATION_NO_EARLY);
            case DENSIFY -> {
                int undensified = rows.densify(early, timeSign, np);
                densified = true;
                if (undensified > 0) {
                    deviations.add("(c) " + undensified + " particle(s) with fewer than two known values in long,"
                            + " lati or foot left un-densified; R-STILT stops with an error");
                }
            }
            case KEEP -> {
                // nothing to do
            }
        }
        early = null;

        // §1.5 release-relative time: rtime = time − time_sign · min|time| per particle
        double[] minAbs = new double[np];
        Arrays.fill(minAbs, Double.POSITIVE_INFINITY);
        int[] rowCount = new int[1];
        rows.forEach((p, t, x, y, f) -> {
            minAbs[p] = Math.min(minAbs[p], Math.abs(t));
            rowCount[0]++;
        }, false);
        int n = rowCount[0];

        // §1.6 projection (of the particles as they are read, and of the two corners)
        if (!longlat) {
            Projection projection = parseProjection(domain.projection());
            ProjCoordinate src = new ProjCoordinate();
            ProjCoordinate dst = new ProjCoordinate();
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
            rows.projection = projection;
        }

        // §1.7 output grid (complete cells only)
        double[] glong = edges(xmn, xmx, xres, longlat ? "longitude" : "x");
        double[] glati = edges(ymn, ymx, yres, longlat ? "latitude" : "y");

        // §1.8 bandwidth per rtime, from all rows
        RtimeStats stats = RtimeStats.of(rows, minAbs, timeSign);
        double[] bandwidth = stats.bandwidths(request.smoothFactor(), longlat);
        int groupCount = stats.size();
        int[] idOfRank = stats.idsAscending();
        int tableSize = 0;
        for (double w : bandwidth) {
            if (!Double.isNaN(w)) {
                tableSize++;
            }
        }
        double[] tableRtimes = new double[tableSize];
        double[] tableBandwidths = new double[tableSize];
        for (int k = 0, m = 0; k < groupCount; k++) {
            int id = idOfRank[k];
            if (!Double.isNaN(bandwidth[id])) {
                tableRtimes[m] = stats.key(id);
                tableBandwidths[m] = bandwidth[id];
                m++;
            }
        }
        KernelTable table = new KernelTable(tableRtimes, tableBandwidths);
        int[] kernelOf = new int[groupCount]; // kernel-table row of each rtime id, -1 for none
        for (int id = 0; id < groupCount; id++) {
            kernelOf[id] = table.size() == 0 ? -1 : table.nearest(stats.key(id));
        }

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

        // §1.11 filter, §1.12 pre-gridding, §1.13 layers, §1.14 accumulation
        double xlo = xmn - xbufh * xres;
        double xhi = xmx + xbufh * xres;
        double ylo = ymn - ybufh * yres;
        double yhi = ymx + ybufh * yres;
        Accumulator acc = new Accumulator(spreader, nxBuf, nyBuf, table, xres, yres);
        boolean integrate = request.timeIntegrate();
        int[] positive = new int[1];
        rows.forEach((p, t, x, y, ft) -> {
            if (!(ft > 0)) {
                return;
            }
            positive[0]++;
            if (!(x >= xlo && x < xhi && y >= ylo && y < yhi)) {
                return;
            }
            int ix = RNumerics.findIntervalArithmetic(x, glongBuf, glongBuf[0], xres) - 1;
            int iy = RNumerics.findIntervalArithmetic(y, glatiBuf, glatiBuf[0], yres) - 1;
            if (ix < 0 || iy < 0 || ix >= nxBuf || iy >= nyBuf) {
                return; // cannot happen with the buffer above; never index outside the grid
            }
            int layerHour = integrate ? 0 : hour(t);
            int id = stats.id(t - timeSign * minAbs[p]);
            acc.add(layerHour, kernelOf[id], iy * nxBuf + ix, ft);
        }, true);
        acc.flush();
        if (acc.points == 0) {
            return new EmptyFootprint("no particle row with foot > 0 inside the footprint domain"
                    + " (" + (longlat ? "lon " : "x ") + "[" + xlo + ", " + xhi + "), "
                    + (longlat ? "lat " : "y ") + "[" + ylo + ", " + yhi + ") including the kernel buffer): "
                    + n + " rows, " + positive[0] + " with foot > 0, 0 of those inside");
        }

        // Distinct layers, ascending; §1.16 trim and divide
        int layerCount = acc.layerCount();
        int[] layerValues = new int[layerCount];
        for (int i = 0; i < layerCount; i++) {
            layerValues[i] = acc.layerHours.get(i);
        }
        Arrays.sort(layerValues);
        int nx = glong.length;
        int ny = glati.length;
        long outCells = (long) nx * ny * layerCount;
        if (outCells > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("footprint of " + nx + " x " + ny + " x " + layerCount + " cells is too large");
        }
        double[] values = new double[(int) outCells];
        for (int slot = 0; slot < layerCount; slot++) {
            int li = Arrays.binarySearch(layerValues, acc.layerHours.get(slot));
            double[] grid = acc.grids.get(slot);
            acc.grids.set(slot, null);
            int base = li * nx * ny;
            for (int iy = 0; iy < ny; iy++) {
                int src = (ybuf + iy) * nxBuf + xbuf;
                int dst = base + iy * nx;
                for (int ix = 0; ix < nx; ix++) {
                    values[dst + ix] = grid[src + ix] / np;
                }
            }
        }

        if (table.size() == 0) {
            deviations.add(DEVIATION_NO_KERNEL);
        } else if (table.size() == 1) {
            deviations.add(DEVIATION_ONE_KERNEL);
        }
        if (xres != yres && acc.nonPointKernel) {
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

    /**
     * R's {@code sign(median(time))} from counts, without sorting or copying the column. With
     * {@code neg}, {@code zero}, {@code pos} rows below, at and above 0, the sorted column is neg
     * negatives, then zero zeros, then positives. For an odd count the median is the element at
     * 0-based position {@code n/2}, whose sign follows from which block holds that position. For an
     * even count R averages the elements at {@code n/2-1} and {@code n/2}: if they lie in the same
     * block, or one of them is 0, the sign of the average is the sign of the sum of their signs;
     * they have opposite signs only when {@code zero == 0} and {@code neg == n/2}, and then they are
     * the largest negative and the smallest positive value, whose average is computed as R does. A
     * zero median gives +0.0 (R's 0; its sign bit has no effect downstream).
     */
    static double medianSign(double[] time) {
        long neg = 0;
        long zero = 0;
        double maxNeg = Double.NEGATIVE_INFINITY;
        double minPos = Double.POSITIVE_INFINITY;
        for (double v : time) {
            if (v < 0) {
                neg++;
                maxNeg = Math.max(maxNeg, v);
            } else if (v > 0) {
                minPos = Math.min(minPos, v);
            } else {
                zero++;
            }
        }
        long n = time.length;
        if ((n & 1) == 1) {
            return blockSign(n / 2, neg, zero);
        }
        long lo = n / 2 - 1;
        long hi = n / 2;
        if (zero == 0 && neg == hi) {
            double mid = (maxNeg + minPos) / 2;
            return mid == 0 ? 0.0 : Math.signum(mid);
        }
        double s = blockSign(lo, neg, zero) + blockSign(hi, neg, zero);
        return s == 0 ? 0.0 : Math.signum(s);
    }

    private static double blockSign(long position, long neg, long zero) {
        return position < neg ? -1 : position < neg + zero ? 0.0 : 1;
    }

    /** One particle row as streamed by {@link Rows#forEach}. */
    @FunctionalInterface
    interface RowVisitor {
        void row(int particle, double time, double x, double y, double foot);
    }

    /**
     * The working table, streamed: the input columns are read as they are, with the antimeridian
     * wrap, the densification's time rounding, NaN drop and foot rescaling, and the projection
     * applied per row on the fly; only the rows that densification inserts or replaces are held,
     * in a side table. Extra memory: O(particles + early rows).
     *
     * <p>Thread-safety: mutable and unsynchronised; confined to one calculation.
     */
    static final class Rows {
        private final Input in;
        private final ParticleIds ids;
        private final boolean wrap;
        /** After densification: rows with tlo ≤ time ≤ thi (or all rows of a full particle) come from side. */
        private boolean densified;
        private double tlo;
        private double thi;
        private boolean[] full;
        private final double[] ratio = new double[3];
        private RowBuffer side = new RowBuffer(1);
        Projection projection;

        Rows(Input in, ParticleIds ids, boolean wrap) {
            this.in = in;
            this.ids = ids;
            this.wrap = wrap;
        }

        private double lon(int r) {
            return wrap ? RNumerics.wrapLongitude(in.lon[r]) : in.lon[r];
        }

        /** Visits every row of the working table (order unspecified); x, y are 0 unless {@code xy}. */
        void forEach(RowVisitor v, boolean xy) {
            double[] time = in.time;
            double[] indx = in.indx;
            double[] foot = in.foot;
            ProjCoordinate src = new ProjCoordinate();
            ProjCoordinate dst = new ProjCoordinate();
            for (int r = 0; r < in.n; r++) {
                double t = time[r];
                int p = ids.pid(indx[r]);
                double f = foot[r];
                if (densified) {
                    if (full[p] || (t >= tlo && t <= thi) || Double.isNaN(f)) {
                        continue;
                    }
                    t = Math.rint(10 * t) / 10;
                    int w = EarlyTimeDensifier.window(t);
                    if (w >= 0) {
                        f = f / ratio[w];
                    }
                }
                double x = 0;
                double y = 0;
                if (xy) {
                    x = lon(r);
                    y = in.lat[r];
                    if (projection != null) {
                        project(projection, x, y, src, dst);
                        x = dst.x;
                        y = dst.y;
                    }
                }
                v.row(p, t, x, y, f);
            }
            for (int k = 0; k < side.n; k++) {
                double x = side.lon[k];
                double y = side.lat[k];
                if (xy && projection != null) {
                    project(projection, x, y, src, dst);
                    x = dst.x;
                    y = dst.y;
                }
                v.row(side.pid[k], side.time[k], x, y, side.foot[k]);
            }
        }

        /** The rows with |time| ≤ 100 min, particle- then time-sorted, longitudes wrapped. */
        ParticleRows early(int np) {
            double[] time = in.time;
            int m = 0;
            for (int r = 0; r < in.n; r++) {
                if (Math.abs(time[r]) <= EarlyTimeDensifier.EARLY_MINUTES) {
                    m++;
                }
            }
            int[] rowsSel = new int[m];
            int[] pid = new int[m];
            for (int r = 0, k = 0; r < in.n; r++) {
                if (Math.abs(time[r]) <= EarlyTimeDensifier.EARLY_MINUTES) {
                    rowsSel[k] = r;
                    pid[k++] = ids.pid(in.indx[r]);
                }
            }
            return gather(rowsSel, pid, m, np);
        }

        private ParticleRows gather(int[] rowsSel, int[] pid, int m, int np) {
            ParticleRows g = ParticleRows.gather(rowsSel, pid, m, np, in.time, in.lon, in.lat, in.foot);
            if (wrap) {
                for (int k = 0; k < g.n; k++) {
                    g.lon[k] = RNumerics.wrapLongitude(g.lon[k]);
                }
            }
            return g;
        }

        /**
         * Densifies (see {@link EarlyTimeDensifier}). Only the rows in the target time range
         * [tlo, thi] change or are inserted: each particle's join and interpolation is done on its
         * early rows in that range plus, on either side, its nearest row outside it (ties
         * averaged, as R's {@code approx} does), which are the only known values an interpolation
         * inside the range can use. A particle with a NaN foot outside the range (to be
         * interpolated there) is joined from all its rows. All other rows are streamed, with the
         * NaN drop, rounding and rescaling applied as they are read.
         *
         * @return the number of particles left un-densified (deviation (c))
         */
        int densify(ParticleRows early, double timeSign, int np) {
            double[] targets = EarlyTimeDensifier.targetTimes(timeSign);
            double lo = targets[0];
            double hi = targets[targets.length - 1];
            double[] bT = new double[np];
            double[] aT = new double[np];
            Arrays.fill(bT, Double.NEGATIVE_INFINITY);
            Arrays.fill(aT, Double.POSITIVE_INFINITY);
            double[] bx = new double[np];
            double[] by = new double[np];
            double[] bf = new double[np];
            double[] ax = new double[np];
            double[] ay = new double[np];
            double[] af = new double[np];
            int[] bn = new int[np];
            int[] an = new int[np];
            double[] firstT = new double[np];
            double[] firstFT = new double[np];
            Arrays.fill(firstT, Double.NaN);
            Arrays.fill(firstFT, Double.NaN);
            boolean[] multiT = new boolean[np];
            boolean[] multiFT = new boolean[np];
            boolean[] nanOutside = new boolean[np];
            double[] before = new double[3];
            for (int r = 0; r < in.n; r++) {
                int p = ids.pid(in.indx[r]);
                double t = in.time[r];
                double f = in.foot[r];
                if (Double.isNaN(firstT[p])) {
                    firstT[p] = t;
                } else if (t != firstT[p]) {
                    multiT[p] = true;
                }
                if (!Double.isNaN(f)) {
                    if (Double.isNaN(firstFT[p])) {
                        firstFT[p] = t;
                    } else if (t != firstFT[p]) {
                        multiFT[p] = true;
                    }
                    int w = EarlyTimeDensifier.window(t);
                    if (w >= 0) {
                        before[w] += f;
                    }
                }
                if (t >= lo && t <= hi) {
                    continue;
                }
                nanOutside[p] |= Double.isNaN(f);
                double x = lon(r);
                double y = in.lat[r];
                if (t < lo) {
                    if (t > bT[p]) {
                        bT[p] = t;
                        bx[p] = x;
                        by[p] = y;
                        bf[p] = f;
                        bn[p] = 1;
                    } else if (t == bT[p]) {
                        bx[p] += x;
                        by[p] += y;
                        bf[p] += f;
                        bn[p]++;
                    }
                } else {
                    if (t < aT[p]) {
                        aT[p] = t;
                        ax[p] = x;
                        ay[p] = y;
                        af[p] = f;
                        an[p] = 1;
                    } else if (t == aT[p]) {
                        ax[p] += x;
                        ay[p] += y;
                        af[p] += f;
                        an[p]++;
                    }
                }
            }
            full = new boolean[np];
            int fullRows = 0;
            int undensified = 0;
            for (int p = 0; p < np; p++) {
                boolean ok = multiT[p] && multiFT[p];
                if (!ok) {
                    undensified++;
                }
                full[p] = ok && nanOutside[p];
            }
            for (int r = 0; r < in.n; r++) {
                if (full[ids.pid(in.indx[r])]) {
                    fullRows++;
                }
            }
            ParticleRows fullTable = null;
            if (fullRows > 0) {
                int[] sel = new int[fullRows];
                int[] pid = new int[fullRows];
                for (int r = 0, k = 0; r < in.n; r++) {
                    int p = ids.pid(in.indx[r]);
                    if (full[p]) {
                        sel[k] = r;
                        pid[k++] = p;
                    }
                }
                fullTable = gather(sel, pid, fullRows, np);
            }
            long sideRows = (long) np * targets.length + early.n;
            if (fullTable != null) {
                sideRows += fullTable.n;
            }
            side = new RowBuffer((int) Math.min(sideRows, Integer.MAX_VALUE - 8));
            RowBuffer joined = new RowBuffer();
            for (int p = 0; p < np; p++) {
                boolean ok = multiT[p] && multiFT[p];
                if (!ok) {
                    // un-densified: its original rows in the range, NaN-dropped and rounded
                    for (int k = early.start[p]; k < early.start[p + 1]; k++) {
                        double t = early.time[k];
                        if (t >= lo && t <= hi) {
                            keep(early.time[k], early.lon[k], early.lat[k], early.foot[k], p);
                        }
                    }
                    continue;
                }
                ParticleRows mini;
                if (full[p]) {
                    mini = slice(fullTable, p, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0, 0, 0, 0, 0,
                            0, 0, 0, 0, 0);
                } else {
                    mini = slice(early, p, lo, hi, bT[p], bx[p], by[p], bf[p], bn[p], aT[p], ax[p], ay[p], af[p],
                            an[p]);
                }
                joined.clear();
                EarlyTimeDensifier.joinAndInterpolate(mini, 0, targets, joined);
                for (int k = 0; k < joined.n; k++) {
                    double t = joined.time[k];
                    if (full[p] || (t >= lo && t <= hi)) {
                        keep(t, joined.lon[k], joined.lat[k], joined.foot[k], p);
                    }
                }
            }
            // Window sums after the NaN drop and rounding, of streamed and side rows.
            tlo = lo;
            thi = hi;
            densified = true;
            Arrays.fill(ratio, 1.0);
            double[] after = new double[3];
            forEach((p, t, x, y, f) -> {
                int w = EarlyTimeDensifier.window(t);
                if (w >= 0) {
                    after[w] += f;
                }
            }, false);
            for (int w = 0; w < 3; w++) {
                ratio[w] = after[w] / before[w];
            }
            for (int k = 0; k < side.n; k++) {
                int w = EarlyTimeDensifier.window(side.time[k]);
                if (w >= 0) {
                    side.foot[k] = side.foot[k] / ratio[w];
                }
            }
            return undensified;
        }

        /** Adds a densified row to the side table unless it has a NaN; rounds its time to 0.1 min. */
        private void keep(double t, double x, double y, double f, int p) {
            if (Double.isNaN(x) || Double.isNaN(y) || Double.isNaN(f)) {
                return;
            }
            side.add(Math.rint(10 * t) / 10, x, y, f, p);
        }

        /** Particle p's rows of {@code src} within [lo, hi], between its two bracketing rows (if any). */
        private static ParticleRows slice(ParticleRows src, int p, double lo, double hi,
                                          double bT, double bx, double by, double bf, int bn,
                                          double aT, double ax, double ay, double af, int an) {
            int a = src.start[p];
            int b = src.start[p + 1];
            int cap = b - a + 2;
            double[] t = new double[cap];
            double[] x = new double[cap];
            double[] y = new double[cap];
            double[] f = new double[cap];
            int m = 0;
            if (bn > 0) {
                t[m] = bT;
                x[m] = bx / bn;
                y[m] = by / bn;
                f[m] = bf / bn;
                m++;
            }
            for (int k = a; k < b; k++) {
                if (src.time[k] >= lo && src.time[k] <= hi) {
                    t[m] = src.time[k];
                    x[m] = src.lon[k];
                    y[m] = src.lat[k];
                    f[m] = src.foot[k];
                    m++;
                }
            }
            if (an > 0) {
                t[m] = aT;
                x[m] = ax / an;
                y[m] = ay / an;
                f[m] = af / an;
                m++;
            }
            return new ParticleRows(t, x, y, f, new int[] {0, m}, m);
        }
    }

    /**
     * Per-rtime row counts, means (with R's mean correction) and sums of squared deviations of the
     * particle positions (R's two-pass {@code var}), accumulated over two streaming passes; memory
     * O(distinct rtimes).
     *
     * <p>Thread-safety: mutable and unsynchronised; confined to one calculation.
     */
    static final class RtimeStats {
        private final DoubleIndex index = new DoubleIndex();
        private int[] count = new int[64];
        private double[] mx = new double[64];
        private double[] my = new double[64];
        private double[] sx;
        private double[] sy;

        int size() {
            return index.size();
        }

        double key(int id) {
            return index.value(id);
        }

        /** The id of an rtime seen in the passes. */
        int id(double rtime) {
            return index.get(rtime);
        }

        /** Ids in ascending rtime order. */
        int[] idsAscending() {
            int[] rank = index.ranks();
            int[] ids = new int[rank.length];
            for (int id = 0; id < rank.length; id++) {
                ids[rank[id]] = id;
            }
            return ids;
        }

        static RtimeStats of(Rows rows, double[] minAbs, double timeSign) {
            RtimeStats s = new RtimeStats();
            rows.forEach((p, t, x, y, f) -> s.first(t - timeSign * minAbs[p], x, y), true);
            int gn = s.size();
            for (int k = 0; k < gn; k++) {
                s.mx[k] /= s.count[k];
                s.my[k] /= s.count[k];
            }
            // Second pass: R's mean correction and the sums of squared deviations from the first
            // mean m1 together; with d = Σ(x−m1)/n the corrected mean is m1 + d (as R's mean) and
            // Σ(x−m1−d)² = Σ(x−m1)² − d·Σ(x−m1) exactly, d·Σ(x−m1) = n·d² being ~n·(ε·|m|)²,
            // far below the variance unless that is itself at rounding level (clamped at 0).
            double[] cx = new double[gn];
            double[] cy = new double[gn];
            s.sx = new double[gn];
            s.sy = new double[gn];
            rows.forEach((p, t, x, y, f) -> {
                int k = s.index.get(t - timeSign * minAbs[p]);
                double dx = x - s.mx[k];
                double dy = y - s.my[k];
                cx[k] += dx;
                cy[k] += dy;
                s.sx[k] += dx * dx;
                s.sy[k] += dy * dy;
            }, true);
            for (int k = 0; k < gn; k++) {
                double ddx = cx[k] / s.count[k];
                double ddy = cy[k] / s.count[k];
                s.mx[k] += ddx;
                s.my[k] += ddy;
                s.sx[k] = Math.max(0, s.sx[k] - ddx * cx[k]);
                s.sy[k] = Math.max(0, s.sy[k] - ddy * cy[k]);
            }
            return s;
        }

        private void first(double rtime, double x, double y) {
            int k = index.add(rtime);
            if (k == count.length) {
                count = Arrays.copyOf(count, k * 2);
                mx = Arrays.copyOf(mx, k * 2);
                my = Arrays.copyOf(my, k * 2);
            }
            count[k]++;
            mx[k] += x;
            my[k] += y;
        }

        /**
         * Kernel bandwidth (grid units) per rtime id: {@code sf · 0.06 · (var(x)+var(y))^¼ ·
         * |rtime/1440|^½ / cos(mean(lat)·π/180)} (no cosine for projected grids), sample variances;
         * NaN for rtimes with fewer than two rows. Checked in ascending rtime order.
         */
        double[] bandwidths(double smoothFactor, boolean longlat) {
            double[] w = new double[size()];
            for (int k : idsAscending()) {
                if (count[k] < 2) {
                    w[k] = Double.NaN;
                    continue;
                }
                double varsum = sx[k] / (count[k] - 1) + sy[k] / (count[k] - 1);
                double di = Math.pow(varsum, 0.25);
                double ti = Math.pow(Math.abs(key(k) / 1440), 0.5);
                double gc = longlat ? Math.cos(my[k] * Math.PI / 180) : 1;
                double wk = smoothFactor * 0.06 * di * ti / gc;
                if (!Double.isFinite(wk)) {
                    throw new InvalidInputException("kernel bandwidth at rtime " + key(k) + " min is " + wk
                            + " (mean latitude " + my[k] + "): cannot build a Gaussian kernel");
                }
                w[k] = wk;
            }
            return w;
        }
    }

    /**
     * Pre-gridding and spreading without per-row arrays: points (layer, kernel row, buffered cell,
     * foot) are collected in a fixed-size chunk; a full chunk is sorted by (layer, kernel row, cell),
     * points of one cell are summed, and each (layer, kernel row) run goes to the spreader in one
     * call, into that layer's buffered grid. As the spreading is linear, grouping by kernel row
     * instead of by rtime and splitting at chunk boundaries only changes the order of additions.
     * Memory: the chunk plus one buffered grid per layer.
     *
     * <p>Thread-safety: mutable and unsynchronised; confined to one calculation.
     */
    private static final class Accumulator {
        private static final int CHUNK = 1 << 15;
        private final KernelSpreader spreader;
        private final int nxBuf;
        private final int nyBuf;
        private final KernelTable table;
        private final double xres;
        private final double yres;
        /** Kernels built so far, by kernel-table row; dropped when they exceed the budget. */
        private final GaussianKernel[] kernels;
        private final long kernelBudget;
        private long kernelCells;
        final List<Integer> layerHours = new ArrayList<>();
        final List<double[]> grids = new ArrayList<>();
        private final java.util.HashMap<Integer, Integer> slotOfHour = new java.util.HashMap<>();
        private int lastHour;
        private int lastSlot = -1;
        private final int[] slot = new int[CHUNK];
        private final int[] kernel = new int[CHUNK];
        private final int[] cell = new int[CHUNK];
        private final double[] foot = new double[CHUNK];
        private final long[] keys = new long[CHUNK];
        private final int[] order = new int[CHUNK];
        private final int[] tmp = new int[CHUNK];
        private final int[] px = new int[CHUNK];
        private final int[] py = new int[CHUNK];
        private final double[] pf = new double[CHUNK];
        private int m;
        long points;
        boolean nonPointKernel;

        Accumulator(KernelSpreader spreader, int nxBuf, int nyBuf, KernelTable table, double xres, double yres) {
            this.spreader = spreader;
            this.nxBuf = nxBuf;
            this.nyBuf = nyBuf;
            this.table = table;
            this.xres = xres;
            this.yres = yres;
            this.kernels = new GaussianKernel[Math.max(1, table.size())];
            this.kernelBudget = Math.max((long) nxBuf * nyBuf, 1 << 20);
        }

        /**
         * The kernel of table row {@code j} (the point kernel for none), built on first use and
         * kept while all kept kernels together have at most as many weights as the buffered grid
         * (or 2^20); beyond that the cache is emptied, so that the kept kernels never outweigh the
         * grid however many rtimes there are (a kernel is rebuilt if needed again).
         */
        private GaussianKernel kernel(int j) {
            if (j < 0) {
                return GaussianKernel.POINT;
            }
            GaussianKernel k = kernels[j];
            if (k == null) {
                k = GaussianKernel.of(table.bandwidths()[j], xres, yres);
                long cells = (long) k.nx() * k.ny();
                if (kernelCells + cells > kernelBudget) {
                    Arrays.fill(kernels, null);
                    kernelCells = 0;
                }
                kernels[j] = k;
                kernelCells += cells;
            }
            return k;
        }

        int layerCount() {
            return layerHours.size();
        }

        void add(int hour, int kernelRow, int c, double f) {
            int s;
            if (lastSlot >= 0 && hour == lastHour) {
                s = lastSlot;
            } else {
                Integer found = slotOfHour.get(hour);
                if (found == null) {
                    found = grids.size();
                    slotOfHour.put(hour, found);
                    layerHours.add(hour);
                    grids.add(new double[nxBuf * nyBuf]);
                }
                s = found;
                lastHour = hour;
                lastSlot = s;
            }
            slot[m] = s;
            kernel[m] = kernelRow;
            cell[m] = c;
            foot[m] = f;
            m++;
            points++;
            if (m == CHUNK) {
                flush();
            }
        }

        void flush() {
            if (m == 0) {
                return;
            }
            long k1 = kernels.length + 1L;
            long bufCells = (long) nxBuf * nyBuf;
            boolean mergeCells = (double) grids.size() * k1 * bufCells < 0x1p62;
            for (int i = 0; i < m; i++) {
                long pair = slot[i] * k1 + (kernel[i] + 1);
                keys[i] = mergeCells ? pair * bufCells + cell[i] : pair;
            }
            int[] order = LongRadixSort.argsort(keys, m, this.order, tmp);
            int k = 0;
            while (k < m) {
                int first = order[k];
                int s = slot[first];
                int kr = kernel[first];
                int count = 0;
                int lastCell = -1;
                while (k < m && slot[order[k]] == s && kernel[order[k]] == kr) {
                    int r = order[k++];
                    int c = cell[r];
                    if (mergeCells && count > 0 && c == lastCell) {
                        pf[count - 1] += foot[r];
                        continue;
                    }
                    px[count] = c % nxBuf;
                    py[count] = c / nxBuf;
                    pf[count] = foot[r];
                    count++;
                    lastCell = c;
                }
                GaussianKernel kernel = kernel(kr);
                nonPointKernel |= kernel.nx() > 1 || kernel.ny() > 1;
                spreader.spread(grids.get(s), nxBuf, nyBuf, kernel.weights(), kernel.nx(), kernel.ny(), px, py, pf,
                        count);
            }
            m = 0;
        }
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
    record Input(double[] time, double[] indx, double[] lon, double[] lat, double[] foot, int n) {

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
     * Dense particle numbers: {@code pid(v)} = rank of {@code v} among the distinct indx values,
     * ascending (-0.0 and 0.0 are one particle). Memory O(particles): a direct rank table when the
     * values are integers in a range at most about four times the particle count, else a hash.
     *
     * <p>Thread-safety: immutable after construction (the hash's one-entry lookup cache aside:
     * confined to one calculation).
     */
    static final class ParticleIds {
        private final DoubleIndex index;
        private final int[] rankOfId;
        private final int[] direct;
        private final double min;

        private ParticleIds(DoubleIndex index, int[] rankOfId, int[] direct, double min) {
            this.index = index;
            this.rankOfId = rankOfId;
            this.direct = direct;
            this.min = min;
        }

        /** Number of distinct indx values (R-STILT's {@code np}). */
        int count() {
            return rankOfId.length;
        }

        /** Rank of {@code indx} (a value of the column) among the distinct values, 0-based. */
        int pid(double indx) {
            return direct != null ? direct[(int) (indx - min)] : rankOfId[index.get(indx)];
        }

        static ParticleIds of(double[] indx) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            boolean integral = true;
            DoubleIndex index = new DoubleIndex();
            for (double v : indx) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                integral &= v == Math.rint(v);
                index.add(v);
            }
            int count = index.size();
            int[] rank = index.ranks();
            int[] direct = null;
            if (integral && max - min <= 4.0 * count + 1024) {
                direct = new int[(int) (max - min) + 1];
                for (int id = 0; id < count; id++) {
                    direct[(int) (index.value(id) - min)] = rank[id];
                }
            }
            return new ParticleIds(index, rank, direct, min);
        }
    }
}
