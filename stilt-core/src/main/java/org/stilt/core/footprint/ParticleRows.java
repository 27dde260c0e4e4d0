package org.stilt.core.footprint;

/**
 * A small particle-sorted working copy of some rows of the particle table (the early rows that
 * densification needs, never the whole table): rows grouped by particle
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
     * Gathers the selected table rows into particle-then-time order (ties in table order).
     *
     * @param rows row numbers of the selected rows, in table order, first {@code m} used
     * @param pid  dense particle number of each selected row (parallel to {@code rows})
     * @param np   number of particles
     */
    static ParticleRows gather(int[] rows, int[] pid, int m, int np,
                               double[] time, double[] lon, double[] lat, double[] foot) {
        int[] start = new int[np + 1];
        for (int k = 0; k < m; k++) {
            start[pid[k] + 1]++;
        }
        for (int p = 0; p < np; p++) {
            start[p + 1] += start[p];
        }
        int[] next = java.util.Arrays.copyOf(start, np);
        int[] order = new int[m];
        for (int k = 0; k < m; k++) {
            order[next[pid[k]]++] = rows[k]; // stable: table order within a particle
        }
        int[] tmp = new int[m];
        for (int p = 0; p < np; p++) {
            mergeSortByKey(order, start[p], start[p + 1], time, tmp);
        }
        double[] t = new double[m];
        double[] x = new double[m];
        double[] y = new double[m];
        double[] f = new double[m];
        for (int k = 0; k < m; k++) {
            int i = order[k];
            t[k] = time[i];
            x[k] = lon[i];
            y[k] = lat[i];
            f[k] = foot[i];
        }
        return new ParticleRows(t, x, y, f, start, m);
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
