package org.stilt.core.footprint;

/**
 * Stable least-significant-digit radix argsort of non-negative {@code long} keys (8-bit digits;
 * digits that are equal for every key are skipped), so grouping rows by a composite integer key
 * costs a few linear passes and no comparisons or boxing.
 *
 * <p>Thread-safety: stateless static functions; safe for concurrent use.
 */
final class LongRadixSort {

    private LongRadixSort() {
    }

    /**
     * The row order that sorts {@code keys[0, n)} ascending, ties in row order, in one of the
     * caller-provided work arrays {@code order} and {@code tmp} (each of length at least n).
     *
     * @throws IllegalArgumentException for a negative key
     */
    static int[] argsort(long[] keys, int n, int[] order, int[] tmp) {
        long max = 0;
        for (int i = 0; i < n; i++) {
            if (keys[i] < 0) {
                throw new IllegalArgumentException("negative radix key " + keys[i] + " at " + i);
            }
            max |= keys[i];
        }
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] count = new int[257];
        for (int shift = 0; shift < 64 && (max >>> shift) != 0; shift += 8) {
            java.util.Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(int) ((keys[i] >>> shift) & 0xFF) + 1]++;
            }
            boolean trivial = false;
            for (int d = 1; d <= 256; d++) {
                if (count[d] == n) {
                    trivial = true;
                    break;
                }
            }
            if (trivial) {
                continue;
            }
            for (int d = 0; d < 256; d++) {
                count[d + 1] += count[d];
            }
            for (int k = 0; k < n; k++) {
                int i = order[k];
                tmp[count[(int) ((keys[i] >>> shift) & 0xFF)]++] = i;
            }
            int[] s = order;
            order = tmp;
            tmp = s;
        }
        return order;
    }
}
