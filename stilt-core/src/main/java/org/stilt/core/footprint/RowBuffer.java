package org.stilt.core.footprint;

import java.util.Arrays;

/**
 * A growable side table of particle rows (time, lon, lat, foot, particle id), used for the few rows
 * that early-time densification produces; the rest of the table is streamed from its columns.
 *
 * <p>Thread-safety: mutable and unsynchronised; confined to one calculation.
 */
final class RowBuffer {

    double[] time;
    double[] lon;
    double[] lat;
    double[] foot;
    int[] pid;
    int n;

    RowBuffer() {
        this(256);
    }

    /** @param capacity initial capacity (rows), at least 1 */
    RowBuffer(int capacity) {
        time = new double[capacity];
        lon = new double[capacity];
        lat = new double[capacity];
        foot = new double[capacity];
        pid = new int[capacity];
    }

    void add(double t, double x, double y, double f, int p) {
        if (n == time.length) {
            int cap = n * 2;
            time = Arrays.copyOf(time, cap);
            lon = Arrays.copyOf(lon, cap);
            lat = Arrays.copyOf(lat, cap);
            foot = Arrays.copyOf(foot, cap);
            pid = Arrays.copyOf(pid, cap);
        }
        time[n] = t;
        lon[n] = x;
        lat[n] = y;
        foot[n] = f;
        pid[n] = p;
        n++;
    }

    void clear() {
        n = 0;
    }
}
