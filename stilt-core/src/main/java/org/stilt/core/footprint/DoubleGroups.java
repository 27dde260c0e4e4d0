package org.stilt.core.footprint;

/**
 * Groups rows by an exact double key (R's grouping semantics: equal under {@code ==}, so -0.0 and
 * 0.0 are one group; keys must not be NaN) without boxing: an open-addressing table on the key bits
 * finds the distinct keys, which are then sorted, so that group numbers are ranks in ascending key
 * order.
 *
 * @param group group number (rank of the row's key among the distinct keys) of each row
 * @param keys  the distinct keys, ascending; {@code keys[group[i]] == key of row i}
 *
 * <p>Thread-safety: immutable by contract (do not modify the arrays); safe to share.
 */
record DoubleGroups(int[] group, double[] keys) {

    /** Number of distinct keys. */
    int size() {
        return keys.length;
    }

    /** Groups {@code values[0, n)}. */
    static DoubleGroups of(double[] values, int n) {
        int cap = Integer.highestOneBit(Math.max(16, n / 8)) << 2;
        long[] tableKeys = new long[cap];
        int[] tableIds = new int[cap];
        java.util.Arrays.fill(tableIds, -1);
        double[] distinct = new double[64];
        int count = 0;
        int[] group = new int[n];
        int mask = cap - 1;
        for (int i = 0; i < n; i++) {
            double v = values[i];
            if (v == 0) {
                v = 0.0; // -0.0 joins 0.0
            }
            long bits = Double.doubleToRawLongBits(v);
            int h = mix(bits) & mask;
            while (true) {
                int id = tableIds[h];
                if (id < 0) {
                    if (count == distinct.length) {
                        distinct = java.util.Arrays.copyOf(distinct, count * 2);
                    }
                    distinct[count] = v;
                    tableKeys[h] = bits;
                    tableIds[h] = count;
                    group[i] = count;
                    count++;
                    if (count * 2 > cap) {
                        // grow and rehash
                        cap <<= 1;
                        mask = cap - 1;
                        tableKeys = new long[cap];
                        tableIds = new int[cap];
                        java.util.Arrays.fill(tableIds, -1);
                        for (int g = 0; g < count; g++) {
                            long b = Double.doubleToRawLongBits(distinct[g]);
                            int k = mix(b) & mask;
                            while (tableIds[k] >= 0) {
                                k = (k + 1) & mask;
                            }
                            tableKeys[k] = b;
                            tableIds[k] = g;
                        }
                    }
                    break;
                }
                if (tableKeys[h] == bits) {
                    group[i] = id;
                    break;
                }
                h = (h + 1) & mask;
            }
        }
        // Rank the distinct keys.
        double[] sorted = java.util.Arrays.copyOf(distinct, count);
        java.util.Arrays.sort(sorted);
        int[] rankOfId = new int[count];
        for (int g = 0; g < count; g++) {
            rankOfId[g] = java.util.Arrays.binarySearch(sorted, distinct[g]);
        }
        for (int i = 0; i < n; i++) {
            group[i] = rankOfId[group[i]];
        }
        return new DoubleGroups(group, sorted);
    }

    private static int mix(long bits) {
        long h = bits * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29) ^ (h >>> 43));
    }
}
