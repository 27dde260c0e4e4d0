package org.stilt.core.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.DoubleBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The kernel's row store: rows appended one by one, from a row-major buffer (the native kernel's
 * output) and gathered from particle chunks all read back value for value; the columns are handed
 * to the particle table without a copy when the reservation was exact and trimmed otherwise (on a
 * pool as well), after which the rows refuse to change.
 */
class TrajectoryRowsTest {

    private static final int[] ALL = java.util.stream.IntStream.range(0, TrajectoryRows.WIDTH).toArray();

    /** A recognisable value for (row, column). */
    private static double value(int row, int column) {
        return row * 100.0 + column + 0.25;
    }

    private static void fill(TrajectoryRows rows, int from, int count) {
        for (int r = from; r < from + count; r++) {
            int row = rows.append();
            for (int c = 0; c < TrajectoryRows.WIDTH; c++) {
                rows.set(row, c, value(r, c));
            }
        }
    }

    @Test
    void appendedRowsReadBackAndGrowPastTheReservation() {
        TrajectoryRows rows = new TrajectoryRows(3);
        fill(rows, 0, 10);
        assertEquals(10, rows.rowCount());
        for (int r = 0; r < 10; r++) {
            for (int c = 0; c < TrajectoryRows.WIDTH; c++) {
                assertEquals(value(r, c), rows.get(r, c), "row " + r + " column " + c);
            }
        }
        rows.truncate(4);
        assertEquals(4, rows.rowCount());
        fill(rows, 4, 1);
        assertEquals(value(4, TrajectoryRows.FOOT), rows.get(4, TrajectoryRows.FOOT));
    }

    @Test
    void rowMajorBufferIsTransposed() {
        int n = 7;
        DoubleBuffer buf = DoubleBuffer.allocate(n * TrajectoryRows.WIDTH);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < TrajectoryRows.WIDTH; c++) {
                buf.put(r * TrajectoryRows.WIDTH + c, value(r, c));
            }
        }
        TrajectoryRows rows = new TrajectoryRows(2);
        fill(rows, 0, 1);
        rows.appendAll(buf, n);
        assertEquals(n + 1, rows.rowCount());
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < TrajectoryRows.WIDTH; c++) {
                assertEquals(value(r, c), rows.get(r + 1, c), "row " + r + " column " + c);
            }
        }
    }

    @Test
    void gatheredRowsComeFromTheNamedSourceRows() {
        TrajectoryRows a = new TrajectoryRows();
        TrajectoryRows b = new TrajectoryRows();
        fill(a, 0, 3);
        fill(b, 10, 3);
        TrajectoryRows out = new TrajectoryRows(1);
        out.appendGathered(new TrajectoryRows[] {a, b}, new int[] {1, 0, 1, 0}, new int[] {2, 0, 0, 1}, 4);
        int[] expectedRow = {12, 0, 10, 1};
        for (int i = 0; i < 4; i++) {
            for (int c = 0; c < TrajectoryRows.WIDTH; c++) {
                assertEquals(value(expectedRow[i], c), out.get(i, c), "merged row " + i + " column " + c);
            }
        }
    }

    @Test
    void exactReservationIsHandedOverWithoutCopy() {
        TrajectoryRows rows = new TrajectoryRows(5);
        fill(rows, 0, 5);
        double[][] cols = rows.takeColumns(ALL, null);
        assertEquals(TrajectoryRows.WIDTH, cols.length);
        assertEquals(5, cols[TrajectoryRows.TLGR].length);
        assertThrows(IllegalStateException.class, () -> rows.takeColumns(ALL, null));
        assertThrows(IllegalStateException.class, rows::append);
        assertThrows(IllegalStateException.class, () -> rows.truncate(0));
        // no copy: the table's columns are the rows' arrays (a changed value shows through)
        cols[TrajectoryRows.ZAGL][2] = -1.0;
        assertEquals(-1.0, rows.get(2, TrajectoryRows.ZAGL));
    }

    @Test
    void partlyUsedReservationIsTrimmedOnAPoolToo() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (ExecutorService p : new ExecutorService[] {null, pool}) {
                TrajectoryRows rows = new TrajectoryRows(50);
                fill(rows, 0, 17);
                double[][] cols = rows.takeColumns(ALL, p);
                for (int c = 0; c < TrajectoryRows.WIDTH; c++) {
                    assertEquals(17, cols[c].length, "column " + c);
                    double[] expected = new double[17];
                    for (int r = 0; r < 17; r++) {
                        expected[r] = value(r, c);
                    }
                    assertArrayEquals(expected, cols[c], "column " + c);
                }
                // a copy: changing the table's column leaves the rows' value
                cols[TrajectoryRows.ZAGL][2] = -1.0;
                assertEquals(value(2, TrajectoryRows.ZAGL), rows.get(2, TrajectoryRows.ZAGL));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void onlyTheWantedColumnsAreHandedOver() {
        TrajectoryRows rows = new TrajectoryRows(10);
        fill(rows, 0, 4);
        double[][] cols = rows.takeColumns(new int[] {TrajectoryRows.TIME, TrajectoryRows.GRIDY}, null);
        assertEquals(4, cols[TrajectoryRows.TIME].length);
        assertEquals(value(3, TrajectoryRows.GRIDY), cols[TrajectoryRows.GRIDY][3]);
        assertEquals(null, cols[TrajectoryRows.FOOT]);
    }
}
