package org.stilt.core.footprint;

/**
 * The footprint calculation's working copy of the particle table: rows grouped by particle
 * (particles in ascending {@code indx} order) and, within a particle, sorted by time ascending.
 *
 * <p>Columns: {@code time} (minutes since release), {@code lon}, {@code lat} (degrees, or projection
 * units after projection), {@code foot} (ppm per µmol m⁻² s⁻¹, NaN allowed). Rows of particle
 * {@code p} are {@code start[p] .. start[p+1]-1}; only the first {@code n} entries of each column
 * are in use (arrays may be longer).
 *
 * <p>Thread-safety: mutable and unsynchronised; confined to one calculation.
 */
final class ParticleRows {

    final double[] time;
    final double[] lon;
    final double[] lat;
    final double[] foot;
    /** Row offsets of each particle, length {@code particles + 1}. */
    final int[] start;
    final int n;

    ParticleRows(double[] time, double[] lon, double[] lat, double[] foot, int[] start, int n) {
        this.time = time;
        this.lon = lon;
        this.lat = lat;
        this.foot = foot;
        this.start = start;
        this.n = n;
    }

    /** Number of particles (distinct {@code indx}), including those without rows. */
    int particles() {
        return start.length - 1;
    }

    /**
     * Gathers the table into particle-then-time order.
     *
     * @param pid  dense particle number (0-based rank of {@code indx}) of each input row
     * @param np   number of particles
     */
    static ParticleRows sorted(double[] time, double[] lon, double[] lat, double[] foot, int[] pid, int np) {
        int n = time.length;
        int[] start = new int[np + 1];
        for (int i = 0; i < n; i++) {
            start[pid[i] + 1]++;
        }
        for (int p = 0; p < np; p++) {
            start[p + 1] += start[p];
        }
        int[] next = java.util.Arrays.copyOf(start, np);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[next[pid[i]]++] = i; // stable: table order within a particle
        }
        int[] tmp = null;
        for (int p = 0; p < np; p++) {
            int a = start[p];
            int b = start[p + 1];
            int shape = monotonicity(order, a, b, time);
            if (shape < 0) {
                reverse(order, a, b);
            } else if (shape == 0) {
                if (tmp == null) {
                    tmp = new int[n];
                }
                mergeSortByKey(order, a, b, time, tmp);
            }
        }
        double[] t = new double[n];
        double[] x = new double[n];
        double[] y = new double[n];
        double[] f = new double[n];
        for (int k = 0; k < n; k++) {
            int i = order[k];
            t[k] = time[i];
            x[k] = lon[i];
            y[k] = lat[i];
            f[k] = foot[i];
        }
        return new ParticleRows(t, x, y, f, start, n);
    }

    /** 1 if key is non-decreasing along order[a..b), -1 if strictly decreasing, 0 otherwise. */
    private static int monotonicity(int[] order, int a, int b, double[] key) {
        boolean up = true;
        boolean down = true;
        for (int k = a + 1; k < b && (up || down); k++) {
            double prev = key[order[k - 1]];
            double cur = key[order[k]];
            if (cur < prev) {
                up = false;
            }
            if (!(cur < prev)) {
                down = false;
            }
        }
        return up ? 1 : down ? -1 : 0;
    }

    private static void reverse(int[] a, int from, int to) {
        for (int i = from, j = to - 1; i < j; i++, j--) {
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Stable sort of idx[from, to) by key[idx[.]] ascending. */
    static void mergeSortByKey(int[] idx, int from, int to, double[] key, int[] tmp) {
        if (to - from <= 32) {
            for (int i = from + 1; i < to; i++) {
                int v = idx[i];
                double kv = key[v];
                int j = i - 1;
                while (j >= from && key[idx[j]] > kv) {
                    idx[j + 1] = idx[j];
                    j--;
                }
                idx[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSortByKey(idx, from, mid, key, tmp);
        mergeSortByKey(idx, mid, to, key, tmp);
        if (key[idx[mid - 1]] <= key[idx[mid]]) {
            return;
        }
        System.arraycopy(idx, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        int k = from;
        while (i < mid && j < to) {
            idx[k++] = key[tmp[j]] < key[tmp[i]] ? tmp[j++] : tmp[i++];
        }
        while (i < mid) {
            idx[k++] = tmp[i++];
        }
        while (j < to) {
            idx[k++] = tmp[j++];
        }
    }
}
