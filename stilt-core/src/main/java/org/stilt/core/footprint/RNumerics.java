package org.stilt.core.footprint;

/**
 * The handful of R numerical primitives whose exact semantics R-STILT's {@code calc_footprint}
 * depends on, written from docs/stilt-reference.md §1: {@code seq(from, to, by)} with its 1e-10
 * fuzz on the count, left-closed {@code findInterval}, {@code median} (mean of the two middle values
 * for even counts), the floored modulo {@code %%} and R-STILT's longitude wrap to [0, 360).
 *
 * <p>All quantities are plain doubles in the caller's units (degrees, minutes, metres); nothing
 * here knows about units.
 *
 * <p>Thread-safety: stateless static functions; safe for concurrent use.
 */
final class RNumerics {

    /** R's {@code seq} adds this to the element count before truncating it. */
    static final double SEQ_FUZZ = 1e-10;

    private RNumerics() {
    }

    /**
     * R's {@code seq(from, to, by)} for {@code by > 0}: {@code from + k*by} for
     * {@code k = 0..floor((to - from)/by + 1e-10)}, each element capped at {@code to}.
     *
     * @throws IllegalArgumentException if {@code to < from} (R: "wrong sign in 'by' argument"),
     *                                  {@code by <= 0} or the count does not fit an int
     */
    static double[] seq(double from, double to, double by) {
        if (!(by > 0) || !Double.isFinite(by)) {
            throw new IllegalArgumentException("seq: by must be a finite number > 0 (got " + by + ")");
        }
        double q = (to - from) / by;
        if (!(q >= 0)) {
            throw new IllegalArgumentException("seq: wrong sign in 'by' (from " + from + " to " + to + " by " + by + ")");
        }
        double count = Math.floor(q + SEQ_FUZZ);
        if (count >= Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("seq: too many elements from " + from + " to " + to + " by " + by);
        }
        int n = (int) count;
        double[] out = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            double v = from + k * by;
            out[k] = v > to ? to : v;
        }
        return out;
    }

    /**
     * Lower-left cell edges of complete cells: R's {@code seq(from, to, by)} without its last
     * element, i.e. {@code from + k*by} for {@code k = 0..N-1} with
     * {@code N = floor((to - from)/by + 1e-10)}. A partial last cell is not included.
     */
    static double[] lowerEdges(double from, double to, double by) {
        double[] s = seq(from, to, by);
        return java.util.Arrays.copyOf(s, s.length - 1);
    }

    /**
     * R's {@code findInterval(v, breaks)}: the number of breaks that are {@code <= v} (so 0 below the
     * first break and {@code breaks.length} at or above the last). Cells are left-closed.
     *
     * @param breaks ascending (non-decreasing) break points
     */
    static int findInterval(double v, double[] breaks) {
        int lo = 0;
        int hi = breaks.length; // answer in [lo, hi]
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (breaks[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * {@link #findInterval} for breaks that form an arithmetic sequence {@code first + k*step}
     * (possibly capped at the end): starts from the arithmetic guess and corrects it against the
     * actual break values, so the result is exactly that of the binary search.
     */
    static int findIntervalArithmetic(double v, double[] breaks, double first, double step) {
        int n = breaks.length;
        double g = Math.floor((v - first) / step) + 1;
        int k;
        if (!(g >= 0)) {
            k = 0;
        } else if (g > n) {
            k = n;
        } else {
            k = (int) g;
        }
        while (k < n && breaks[k] <= v) {
            k++;
        }
        while (k > 0 && breaks[k - 1] > v) {
            k--;
        }
        return k;
    }

    /**
     * R's {@code median} of {@code a[from, to)}: the middle value, or the mean of the two middle
     * values for an even count; NaN for an empty range. Reorders the range (quickselect).
     * The values must not be NaN.
     */
    static double medianInPlace(double[] a, int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return Double.NaN;
        }
        int upper = from + n / 2;
        double hi = select(a, from, to - 1, upper);
        if ((n & 1) == 1) {
            return hi;
        }
        // After select, everything left of 'upper' is <= a[upper]: the lower middle is their max.
        double lo = a[from];
        for (int i = from + 1; i < upper; i++) {
            if (a[i] > lo) {
                lo = a[i];
            }
        }
        return (lo + hi) / 2;
    }

    /**
     * R's {@code median(x, na.rm = TRUE)} over {@code a[0, n)}: NaN entries are ignored; NaN when
     * none is left. Reorders the array.
     */
    static double medianIgnoringNaN(double[] a, int n) {
        int m = 0;
        for (int i = 0; i < n; i++) {
            double v = a[i];
            if (!Double.isNaN(v)) {
                a[m++] = v;
            }
        }
        return medianInPlace(a, 0, m);
    }

    /** Hoare-style quickselect: puts the k-th smallest of a[lo..hi] at index k. */
    private static double select(double[] a, int lo, int hi, int k) {
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            // median of three as pivot
            double x = a[lo];
            double y = a[mid];
            double z = a[hi];
            double pivot = x < y ? (y < z ? y : Math.max(x, z)) : (x < z ? x : Math.max(y, z));
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    /**
     * R's floored modulo {@code x %% y} for {@code y > 0}: a result in [0, y] (y itself only when a
     * value just below y rounds up to it, as in R).
     */
    static double floorMod(double x, double y) {
        double r = x - Math.floor(x / y) * y;
        if (r < 0) {
            r += y;
        }
        return r;
    }

    /**
     * R-STILT's longitude wrap to [0, 360) in degrees: m(x) = ((x %% 360) + 540) %% 360 - 180, plus
     * 360 when m(x) &lt; 0. Both -180 and 180 map to 180. The operation order is kept so that the
     * result is ulp-identical to R's.
     */
    static double wrapLongitude(double lon) {
        double m = floorMod(floorMod(lon, 360) + 540, 360) - 180;
        return m < 0 ? m + 360 : m;
    }
}
