package org.stilt.core.footprint;

import java.util.Arrays;

/**
 * Dense ids for distinct double keys (R's grouping semantics: equal under {@code ==}, so -0.0 and
 * 0.0 are one key; keys must not be NaN) without boxing: an open-addressing table on the key bits.
 * Ids are handed out in first-seen order; {@link #ranks()} maps them to ranks in ascending key
 * order. Memory is proportional to the number of distinct keys, not to the number of lookups.
 *
 * <p>Thread-safety: mutable and unsynchronised; confined to one calculation.
 */
final class DoubleIndex {

    private long[] tableKeys;
    private int[] tableIds;
    private int mask;
    private double[] values = new double[64];
    private int size;
    /** One-entry cache: consecutive lookups of one key are common (rows grouped by time). */
    private long lastBits = Double.doubleToRawLongBits(Double.NaN);
    private int lastId = -1;

    DoubleIndex() {
        tableKeys = new long[64];
        tableIds = new int[64];
        Arrays.fill(tableIds, -1);
        mask = 63;
    }

    /** Number of distinct keys. */
    int size() {
        return size;
    }

    /** The key of id {@code id}. */
    double value(int id) {
        return values[id];
    }

    /** The id of {@code v}, inserting it if new. */
    int add(double v) {
        return find(v, true);
    }

    /** The id of {@code v}, or -1 if absent. */
    int get(double v) {
        return find(v, false);
    }

    private int find(double v, boolean insert) {
        if (v == 0) {
            v = 0.0; // -0.0 joins 0.0
        }
        long bits = Double.doubleToRawLongBits(v);
        if (bits == lastBits) {
            return lastId;
        }
        int h = mix(bits) & mask;
        int id;
        while (true) {
            id = tableIds[h];
            if (id < 0) {
                if (!insert) {
                    return -1;
                }
                if (size == values.length) {
                    values = Arrays.copyOf(values, size * 2);
                }
                values[size] = v;
                tableKeys[h] = bits;
                tableIds[h] = size;
                id = size++;
                if (size * 2 > tableIds.length) {
                    rehash(tableIds.length << 1);
                }
                break;
            }
            if (tableKeys[h] == bits) {
                break;
            }
            h = (h + 1) & mask;
        }
        lastBits = bits;
        lastId = id;
        return id;
    }

    private void rehash(int cap) {
        mask = cap - 1;
        tableKeys = new long[cap];
        tableIds = new int[cap];
        Arrays.fill(tableIds, -1);
        for (int g = 0; g < size; g++) {
            long b = Double.doubleToRawLongBits(values[g]);
            int k = mix(b) & mask;
            while (tableIds[k] >= 0) {
                k = (k + 1) & mask;
            }
            tableKeys[k] = b;
            tableIds[k] = g;
        }
    }

    /** The distinct keys, ascending. */
    double[] sortedValues() {
        double[] s = Arrays.copyOf(values, size);
        Arrays.sort(s);
        return s;
    }

    /** {@code ranks()[id]} = rank of the key of {@code id} among the distinct keys, ascending. */
    int[] ranks() {
        double[] s = sortedValues();
        int[] r = new int[size];
        for (int g = 0; g < size; g++) {
            r[g] = Arrays.binarySearch(s, values[g]);
        }
        return r;
    }

    private static int mix(long bits) {
        long h = bits * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29) ^ (h >>> 43));
    }
}
