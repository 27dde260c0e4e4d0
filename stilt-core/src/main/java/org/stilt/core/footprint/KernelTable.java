package org.stilt.core.footprint;

/**
 * R-STILT's kernel bandwidth table (docs/stilt-reference.md §1.8, §1.15): one bandwidth per
 * release-relative time step {@code rtime} (minutes) that has at least two particle rows, sorted by
 * rtime ascending, and R-STILT's {@code find_neighbor} lookup of the row to use for any rtime.
 *
 * @param rtimes     kernel rtimes in minutes, strictly ascending
 * @param bandwidths bandwidth σ of each row, grid units (degrees for lon/lat, metres projected)
 *
 * <p>Thread-safety: immutable by contract (do not modify the arrays); safe to share.
 */
record KernelTable(double[] rtimes, double[] bandwidths) {

    KernelTable {
        if (rtimes.length != bandwidths.length) {
            throw new IllegalArgumentException("rtimes and bandwidths differ in length");
        }
    }

    /** Number of rows. */
    int size() {
        return rtimes.length;
    }

    /**
     * Index of the row to use for rtime {@code r} (minutes): the bracketing pair is found with
     * {@code findInterval(..., all.inside = TRUE)}, and the upper neighbour is chosen only if
     * {@code 2r > lower + upper}, so ties go to the lower (more negative) rtime and values outside
     * the table are clamped to its ends. A one-row table returns that row (R-STILT fails there; see
     * deviation (b) in {@link FootprintCalculator}).
     *
     * @throws IllegalStateException for an empty table
     */
    int nearest(double r) {
        int m = rtimes.length;
        if (m == 0) {
            throw new IllegalStateException("empty kernel table");
        }
        if (m == 1) {
            return 0;
        }
        // findInterval with all.inside: 1-based index clamped to 1..m-1 → 0-based lower index 0..m-2.
        int lower = RNumerics.findInterval(r, rtimes) - 1;
        if (lower < 0) {
            lower = 0;
        } else if (lower > m - 2) {
            lower = m - 2;
        }
        return 2 * r > rtimes[lower] + rtimes[lower + 1] ? lower + 1 : lower;
    }
}
