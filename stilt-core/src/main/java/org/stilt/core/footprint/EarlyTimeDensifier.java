package org.stilt.core.footprint;

import java.util.Arrays;

/**
 * R-STILT's early-time densification ("interpolation"), docs/stilt-reference.md §1.4.
 *
 * <p>Decision: over rows with |time| &lt; 100 min, each particle's median |Δlong| and |Δlati|
 * between consecutive (time-sorted) rows; the median of those over particles (NaN ignored);
 * densify when either exceeds the cell size (degrees compared with {@code xres}/{@code yres}
 * even for projected grids, as in R-STILT).
 *
 * <p>Procedure: every particle gets rows at the 311 target times 0..10 by 0.1, 10.2..20 by 0.2 and
 * 20.5..100 by 0.5 minutes (times {@code time_sign}), joined on exact time equality; long, lati
 * and foot are linearly interpolated in time between each particle's known values (R
 * {@code approx}: tied times averaged, no extrapolation); rows with any NaN are dropped; time is
 * rounded to 0.1 min; foot is rescaled so that its sums over |t| ≤ 10, 10 &lt; |t| ≤ 20 and
 * 20 &lt; |t| ≤ 100 equal the original sums (NaN foot ignored in those sums).
 *
 * <p>Deviation (c) from R-STILT: a particle for which long, lati or foot has fewer than two distinct
 * known times (R: "need at least two non-NA values to interpolate") is left un-densified: no rows
 * are inserted for it, its original rows go through the same NaN drop and rounding.
 *
 * <p>Thread-safety: stateless static functions; safe for concurrent use.
 */
final class EarlyTimeDensifier {

    /** Rows with |time| strictly below this many minutes decide and receive densification. */
    static final double EARLY_MINUTES = 100;

    private EarlyTimeDensifier() {
    }

    /** What the decision found. Thread-safety: immutable enum constants. */
    enum Outcome {
        /** Median step larger than a cell: densify. */
        DENSIFY,
        /** Median steps within a cell: leave the table as is. */
        KEEP,
        /** No particle has two rows with |time| &lt; 100 (R-STILT fails; deviation (c)). */
        NO_EARLY_STEPS
    }

    /**
     * @param outcome  the decision
     * @param medianDx median over particles of the per-particle median |Δlong| (degrees), NaN if none
     * @param medianDy median over particles of the per-particle median |Δlati| (degrees), NaN if none
     *
     * <p>Thread-safety: immutable value.
     */
    record Decision(Outcome outcome, double medianDx, double medianDy) {
    }

    /**
     * The result of densifying.
     *
     * @param rows              the new working table
     * @param undensified       particles left un-densified (deviation (c)), 0 normally
     *
     * <p>Thread-safety: not thread-safe (holds the mutable working table).
     */
    record Densified(ParticleRows rows, int undensified) {
    }

    /** R-STILT's decision over the (time-sorted) rows; cell sizes in the grid's units. */
    static Decision decide(ParticleRows rows, double xres, double yres) {
        int np = rows.particles();
        double[] t = rows.time;
        double[] mdx = new double[np];
        double[] mdy = new double[np];
        double[] scratch = new double[Math.max(1, maxSegment(rows))];
        for (int p = 0; p < np; p++) {
            int a = rows.start[p];
            int b = rows.start[p + 1];
            int lo = a;
            while (lo < b && !(Math.abs(t[lo]) < EARLY_MINUTES)) {
                lo++;
            }
            int hi = lo;
            while (hi < b && Math.abs(t[hi]) < EARLY_MINUTES) {
                hi++;
            }
            // Rows are time-sorted, so the early rows [lo, hi) are contiguous.
            if (hi - lo < 2) {
                mdx[p] = Double.NaN;
                mdy[p] = Double.NaN;
                continue;
            }
            mdx[p] = medianAbsDiff(rows.lon, lo, hi, scratch);
            mdy[p] = medianAbsDiff(rows.lat, lo, hi, scratch);
        }
        double dx = RNumerics.medianIgnoringNaN(mdx, np);
        double dy = RNumerics.medianIgnoringNaN(mdy, np);
        if (Double.isNaN(dx) && Double.isNaN(dy)) {
            return new Decision(Outcome.NO_EARLY_STEPS, dx, dy);
        }
        return new Decision(dx > xres || dy > yres ? Outcome.DENSIFY : Outcome.KEEP, dx, dy);
    }

    private static double medianAbsDiff(double[] v, int lo, int hi, double[] scratch) {
        int m = 0;
        for (int i = lo + 1; i < hi; i++) {
            scratch[m++] = Math.abs(v[i] - v[i - 1]);
        }
        return RNumerics.medianInPlace(scratch, 0, m);
    }

    private static int maxSegment(ParticleRows rows) {
        int max = 0;
        for (int p = 0; p < rows.particles(); p++) {
            max = Math.max(max, rows.start[p + 1] - rows.start[p]);
        }
        return max;
    }

    /**
     * The 311 target times in minutes: R's {@code seq(0, 10, 0.1)}, {@code seq(10.2, 20, 0.2)} and
     * {@code seq(20.5, 100, 0.5)}, each multiplied by {@code timeSign}, sorted ascending, duplicates
     * (only possible for timeSign 0) removed.
     */
    static double[] targetTimes(double timeSign) {
        double[] a = RNumerics.seq(0, 10, 0.1);
        double[] b = RNumerics.seq(10.2, 20, 0.2);
        double[] c = RNumerics.seq(20.5, 100, 0.5);
        double[] all = new double[a.length + b.length + c.length];
        int k = 0;
        for (double[] part : new double[][] {a, b, c}) {
            for (double v : part) {
                all[k++] = v * timeSign;
            }
        }
        Arrays.sort(all);
        int m = 0;
        for (int i = 0; i < all.length; i++) {
            if (m == 0 || all[i] != all[m - 1]) {
                all[m++] = all[i];
            }
        }
        return m == all.length ? all : Arrays.copyOf(all, m);
    }

    /** Densifies the rows (see the class description). The input rows are not modified. */
    static Densified densify(ParticleRows in, double timeSign) {
        double[] targets = targetTimes(timeSign);
        int np = in.particles();
        long cap = (long) in.n + (long) np * targets.length;
        if (cap > Integer.MAX_VALUE - 8) {
            throw new org.stilt.core.InvalidInputException("densifying " + in.n + " rows of " + np
                    + " particles would need more than 2^31 rows");
        }
        double[] t = new double[(int) cap];
        double[] x = new double[(int) cap];
        double[] y = new double[(int) cap];
        double[] f = new double[(int) cap];
        int[] start = new int[np + 1];
        int maxSeg = maxSegment(in) + targets.length;
        double[] kx = new double[maxSeg];
        double[] ky = new double[maxSeg];
        int undensified = 0;
        int pos = 0;
        for (int p = 0; p < np; p++) {
            int a = in.start[p];
            int b = in.start[p + 1];
            int segStart = pos;
            // Full outer join on exact time equality: originals kept, unmatched targets inserted.
            int i = a;
            int j = 0;
            while (i < b || j < targets.length) {
                if (j == targets.length || (i < b && in.time[i] < targets[j])) {
                    pos = copyRow(in, i++, t, x, y, f, pos);
                } else if (i < b && in.time[i] == targets[j]) {
                    double tj = targets[j++];
                    while (i < b && in.time[i] == tj) {
                        pos = copyRow(in, i++, t, x, y, f, pos);
                    }
                } else {
                    t[pos] = targets[j++];
                    x[pos] = Double.NaN;
                    y[pos] = Double.NaN;
                    f[pos] = Double.NaN;
                    pos++;
                }
            }
            boolean ok = knownTimes(t, x, segStart, pos, kx, ky) >= 2
                    && knownTimes(t, y, segStart, pos, kx, ky) >= 2
                    && knownTimes(t, f, segStart, pos, kx, ky) >= 2;
            if (ok) {
                interpolate(t, x, segStart, pos, kx, ky);
                interpolate(t, y, segStart, pos, kx, ky);
                interpolate(t, f, segStart, pos, kx, ky);
            } else {
                undensified++;
                pos = segStart;
                for (int r = a; r < b; r++) {
                    pos = copyRow(in, r, t, x, y, f, pos);
                }
            }
            start[p + 1] = pos;
        }
        // na.omit, then round time to 0.1 min.
        int m = 0;
        int[] newStart = new int[np + 1];
        for (int p = 0; p < np; p++) {
            for (int r = start[p]; r < start[p + 1]; r++) {
                if (Double.isNaN(x[r]) || Double.isNaN(y[r]) || Double.isNaN(f[r])) {
                    continue;
                }
                t[m] = Math.rint(10 * t[r]) / 10;
                x[m] = x[r];
                y[m] = y[r];
                f[m] = f[r];
                m++;
            }
            newStart[p + 1] = m;
        }
        // Rescale each window so that it keeps its original foot total.
        double[] before = windowSums(in.time, in.foot, in.n);
        double[] after = windowSums(t, f, m);
        double[] ratio = new double[3];
        for (int w = 0; w < 3; w++) {
            ratio[w] = after[w] / before[w];
        }
        for (int r = 0; r < m; r++) {
            int w = window(t[r]);
            if (w >= 0) {
                f[r] = f[r] / ratio[w];
            }
        }
        return new Densified(new ParticleRows(t, x, y, f, newStart, m), undensified);
    }

    private static int copyRow(ParticleRows in, int i, double[] t, double[] x, double[] y, double[] f, int pos) {
        t[pos] = in.time[i];
        x[pos] = in.lon[i];
        y[pos] = in.lat[i];
        f[pos] = in.foot[i];
        return pos + 1;
    }

    /**
     * Collects the known (non-NaN) points of column v over rows [from, to) (time ascending) into
     * kx/ky, averaging values at tied times; returns the number of distinct known times.
     */
    private static int knownTimes(double[] t, double[] v, int from, int to, double[] kx, double[] ky) {
        int m = 0;
        int count = 0;
        for (int r = from; r < to; r++) {
            double val = v[r];
            if (Double.isNaN(val)) {
                continue;
            }
            if (m > 0 && t[r] == kx[m - 1]) {
                // accumulate the tie; divided below
                ky[m - 1] += val;
                count++;
                continue;
            }
            if (count > 1) {
                ky[m - 1] /= count;
            }
            kx[m] = t[r];
            ky[m] = val;
            m++;
            count = 1;
        }
        if (count > 1) {
            ky[m - 1] /= count;
        }
        return m;
    }

    /**
     * Fills the NaN entries of column v over rows [from, to) by R {@code approx} linear
     * interpolation in time from its known points (recomputed here); entries outside the known
     * range stay NaN.
     */
    private static void interpolate(double[] t, double[] v, int from, int to, double[] kx, double[] ky) {
        int m = knownTimes(t, v, from, to, kx, ky);
        double first = kx[0];
        double last = kx[m - 1];
        int hi = 0; // smallest index with kx[hi] >= current time (rows are time-ascending)
        for (int r = from; r < to; r++) {
            if (!Double.isNaN(v[r])) {
                continue;
            }
            double u = t[r];
            if (u < first || u > last) {
                continue;
            }
            while (kx[hi] < u) {
                hi++;
            }
            if (kx[hi] == u) {
                v[r] = ky[hi];
                continue;
            }
            int lo = hi - 1;
            v[r] = ky[lo] + (ky[hi] - ky[lo]) * ((u - kx[lo]) / (kx[hi] - kx[lo]));
        }
    }

    /** Foot sums (NaN ignored) over the windows |t| ≤ 10, 10 &lt; |t| ≤ 20, 20 &lt; |t| ≤ 100. */
    static double[] windowSums(double[] time, double[] foot, int n) {
        double[] s = new double[3];
        for (int r = 0; r < n; r++) {
            int w = window(time[r]);
            if (w >= 0 && !Double.isNaN(foot[r])) {
                s[w] += foot[r];
            }
        }
        return s;
    }

    /** 0 for |t| ≤ 10, 1 for 10 &lt; |t| ≤ 20, 2 for 20 &lt; |t| ≤ 100, -1 otherwise. */
    static int window(double t) {
        double a = Math.abs(t);
        if (a <= 10) {
            return 0;
        }
        if (a <= 20) {
            return 1;
        }
        if (a <= EARLY_MINUTES) {
            return 2;
        }
        return -1;
    }
}
