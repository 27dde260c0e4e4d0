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
 * <p>Here: the decision ({@link #decide}) and the per-particle join and interpolation
 * ({@link #joinAndInterpolate}); {@link FootprintCalculator} feeds them the early rows only and
 * applies the NaN drop, rounding and rescaling while it streams the table.
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

    /**
     * R's full outer join of particle {@code p}'s rows of {@code in} (time-sorted) with the target
     * times on exact time equality (originals kept, unmatched targets inserted with NaN long, lati
     * and foot), followed by the linear interpolation in time of the NaN entries of long, lati and
     * foot between the known values of those rows (R {@code approx}: tied times averaged, no
     * extrapolation). The rows are appended to {@code out} in time order, without the NaN drop and
     * the rounding; {@code out} must be empty.
     */
    static void joinAndInterpolate(ParticleRows in, int p, double[] targets, RowBuffer out) {
        int a = in.start[p];
        int b = in.start[p + 1];
        int i = a;
        int j = 0;
        while (i < b || j < targets.length) {
            if (j == targets.length || (i < b && in.time[i] < targets[j])) {
                out.add(in.time[i], in.lon[i], in.lat[i], in.foot[i], p);
                i++;
            } else if (i < b && in.time[i] == targets[j]) {
                double tj = targets[j++];
                while (i < b && in.time[i] == tj) {
                    out.add(in.time[i], in.lon[i], in.lat[i], in.foot[i], p);
                    i++;
                }
            } else {
                out.add(targets[j++], Double.NaN, Double.NaN, Double.NaN, p);
            }
        }
        double[] kx = new double[out.n];
        double[] ky = new double[out.n];
        interpolate(out.time, out.lon, 0, out.n, kx, ky);
        interpolate(out.time, out.lat, 0, out.n, kx, ky);
        interpolate(out.time, out.foot, 0, out.n, kx, ky);
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
        if (m == 0) {
            return;
        }
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
