package org.stilt.core.transport;

import java.util.Arrays;

/**
 * Per-particle, per-step output of the transport kernel, column by column (R-STILT's particle
 * table before lat/lon conversion): time (minutes since release, negative backward), particle
 * number (1-based {@code indx}), grid x and y, height above ground, and the met sampled at the
 * particle after the step, and the dispersion's foot, samt, sigw and tlgr.
 *
 * <p>Stored column by column (one array per column), so that the run's particle table adopts the
 * arrays without copying them ({@link TrajectoryRunner}).
 *
 * <p>Thread-safety: not thread-safe; one simulation owns one instance.
 */
public final class TrajectoryRows {

    /** Column order of one row. */
    public static final String[] COLUMNS = {"time", "indx", "gridx", "gridy", "zagl", "zsfc", "pres", "dens",
        "temp", "wout", "mlht", "shtf", "ustr", "dswf", "lhtf", "sphu", "foot", "samt", "sigw", "tlgr"};
    public static final int TIME = 0;
    public static final int INDX = 1;
    public static final int GRIDX = 2;
    public static final int GRIDY = 3;
    public static final int ZAGL = 4;
    public static final int ZSFC = 5;
    public static final int PRES = 6;
    public static final int DENS = 7;
    public static final int TEMP = 8;
    public static final int WOUT = 9;
    public static final int MLHT = 10;
    public static final int SHTF = 11;
    public static final int USTR = 12;
    public static final int DSWF = 13;
    public static final int LHTF = 14;
    public static final int SPHU = 15;
    /** Footprint of the step, ppm per (µmol m⁻² s⁻¹) (0 without turbulence). */
    public static final int FOOT = 16;
    /** Minutes spent below h = VEGHT·mlht during the step. */
    public static final int SAMT = 17;
    /** σ_w of the layer the particle ended the step in, m s⁻¹ (0 without turbulence). */
    public static final int SIGW = 18;
    /** T_Lw of that layer, s (0 without turbulence). */
    public static final int TLGR = 19;
    /** Values per row. */
    public static final int WIDTH = COLUMNS.length;

    /** Most rows {@link #TrajectoryRows(long)} reserves at once (≈ 128 MB); beyond it the rows grow. */
    static final int MAX_RESERVED_ROWS = 800_000;

    /** One array per column, each with room for {@link #capacity} rows. */
    private final double[][] columns = new double[WIDTH][];
    private int capacity;
    private int rows;
    /** Set once the columns have been handed over by {@link #takeColumns}: the rows are then consumed. */
    private boolean taken;
    /** Reused scratch for {@link #appendAll}'s row-major input. */
    private double[] rowMajor = new double[0];

    /** Empty, growing as rows are appended. */
    public TrajectoryRows() {
        this(1024);
    }

    /**
     * Empty, with room for {@code expectedRows} rows (at most {@link #MAX_RESERVED_ROWS}) so that a
     * run whose row count is known in advance appends without growing (no copies, no garbage).
     */
    public TrajectoryRows(long expectedRows) {
        capacity = (int) Math.max(1, Math.min(expectedRows, MAX_RESERVED_ROWS));
        for (int c = 0; c < WIDTH; c++) {
            columns[c] = new double[capacity];
        }
    }

    /** Number of rows. */
    public int rowCount() {
        return rows;
    }

    /** Appends one row ({@link #WIDTH} values, filled with {@link #set}) and returns its row index. */
    public int append() {
        ensure(rows + 1);
        return rows++;
    }

    /** Appends {@code count} rows read from {@code src} (row-major, WIDTH values each). */
    public void appendAll(java.nio.DoubleBuffer src, int count) {
        ensure(rows + count);
        // one bulk copy out of the (native) buffer, then transposed from the array
        int n = count * WIDTH;
        if (rowMajor.length < n) {
            rowMajor = new double[n];
        }
        src.get(0, rowMajor, 0, n);
        for (int c = 0; c < WIDTH; c++) {
            double[] col = columns[c];
            for (int r = 0, i = c; r < count; r++, i += WIDTH) {
                col[rows + r] = rowMajor[i];
            }
        }
        rows += count;
    }

    /**
     * Appends {@code count} rows gathered from several sources: row {@code i} is row
     * {@code fromRow[i]} of {@code sources[fromSource[i]]} (merging particle chunks in order).
     */
    public void appendGathered(TrajectoryRows[] sources, int[] fromSource, int[] fromRow, int count) {
        if (count <= 0) {
            return;
        }
        for (TrajectoryRows src : sources) {
            src.checkNotTaken();
        }
        ensure(rows + count);
        double[][] from = new double[sources.length][];
        for (int c = 0; c < WIDTH; c++) {
            for (int k = 0; k < sources.length; k++) {
                from[k] = sources[k].columns[c];
            }
            double[] to = columns[c];
            for (int i = 0; i < count; i++) {
                to[rows + i] = from[fromSource[i]][fromRow[i]];
            }
        }
        rows += count;
    }

    private void ensure(int n) {
        checkNotTaken();
        if (n > capacity) {
            int grown = (int) Math.min(Integer.MAX_VALUE - 8, Math.max((long) n, 2L * capacity));
            for (int c = 0; c < WIDTH; c++) {
                columns[c] = Arrays.copyOf(columns[c], grown);
            }
            capacity = grown;
        }
    }

    private void checkNotTaken() {
        if (taken) {
            throw new IllegalStateException("the rows' columns were handed over to a particle table (takeColumns);"
                    + " these rows can no longer change");
        }
    }

    /** Sets {@code column} of row {@code row} (an index from {@link #append}). */
    void set(int row, int column, double value) {
        columns[column][row] = value;
    }

    /** Value of {@code column} in row {@code row}. */
    public double get(int row, int column) {
        return columns[column][row];
    }

    /**
     * Hands over the columns {@code wanted} (indices into {@link #COLUMNS}) as arrays of exactly
     * {@link #rowCount} values, in an array indexed like {@link #COLUMNS} (null for the others): the
     * rows' own array when it is full (no copy: a run that reserved its rows exactly), else a
     * trimmed copy, made on {@code pool} (one task per column) when one is given. The rows are
     * consumed: they can no longer be appended to or truncated (the caller may change the arrays,
     * e.g. grid x/y into longitude/latitude).
     */
    double[][] takeColumns(int[] wanted, java.util.concurrent.ExecutorService pool) {
        checkNotTaken();
        taken = true;
        double[][] out = new double[WIDTH][];
        if (pool == null || rows == capacity) {
            for (int c : wanted) {
                out[c] = trimmed(c);
            }
            return out;
        }
        java.util.List<java.util.concurrent.Callable<Void>> copies = new java.util.ArrayList<>();
        for (int c : wanted) {
            int cc = c;
            copies.add(() -> {
                out[cc] = trimmed(cc);
                return null;
            });
        }
        try {
            for (java.util.concurrent.Future<Void> f : pool.invokeAll(copies)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.stilt.core.RunCancelledException("trajectory run cancelled while building the table");
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
        return out;
    }

    private double[] trimmed(int column) {
        double[] col = columns[column];
        return col.length == rows ? col : Arrays.copyOf(col, rows);
    }

    /** Drops rows from {@code fromRow} on (used when a step is re-run on a larger window). */
    public void truncate(int fromRow) {
        checkNotTaken();
        rows = Math.min(rows, fromRow);
    }
}
