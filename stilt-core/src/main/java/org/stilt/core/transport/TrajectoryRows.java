package org.stilt.core.transport;

import java.util.Arrays;

/**
 * Per-particle, per-step output of the transport kernel, column by column (R-STILT's particle
 * table before lat/lon conversion): time (minutes since release, negative backward), particle
 * number (1-based {@code indx}), grid x and y, height above ground, and the met sampled at the
 * particle after the step, and the dispersion's foot, samt, sigw and tlgr.
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

    private double[] data;
    private int rows;

    /** Empty, growing as rows are appended. */
    public TrajectoryRows() {
        this(1024);
    }

    /**
     * Empty, with room for {@code expectedRows} rows (at most {@link #MAX_RESERVED_ROWS}) so that a
     * run whose row count is known in advance appends without growing (no copies, no garbage).
     */
    public TrajectoryRows(long expectedRows) {
        data = new double[WIDTH * (int) Math.max(1, Math.min(expectedRows, MAX_RESERVED_ROWS))];
    }

    /** Number of rows. */
    public int rowCount() {
        return rows;
    }

    /** Appends one row ({@link #WIDTH} values) and returns its offset for filling. */
    public int append() {
        if ((rows + 1) * WIDTH > data.length) {
            data = Arrays.copyOf(data, data.length * 2);
        }
        int off = rows * WIDTH;
        rows++;
        return off;
    }

    /** Appends {@code count} rows read from {@code src} (row-major, WIDTH values each). */
    public void appendAll(java.nio.DoubleBuffer src, int count) {
        ensure(rows + count);
        src.get(0, data, rows * WIDTH, count * WIDTH);
        rows += count;
    }

    /** Appends {@code count} rows of {@code src} starting at its row {@code from}. */
    public void appendRows(TrajectoryRows src, int from, int count) {
        if (count <= 0) {
            return;
        }
        ensure(rows + count);
        System.arraycopy(src.data, from * WIDTH, data, rows * WIDTH, count * WIDTH);
        rows += count;
    }

    private void ensure(int n) {
        if (n * WIDTH > data.length) {
            data = Arrays.copyOf(data, Math.max(n * WIDTH, data.length * 2));
        }
    }

    void set(int offset, int column, double value) {
        data[offset + column] = value;
    }

    /** Value of {@code column} in row {@code row}. */
    public double get(int row, int column) {
        return data[row * WIDTH + column];
    }

    /** Drops rows from {@code fromRow} on (used when a step is re-run on a larger window). */
    public void truncate(int fromRow) {
        rows = Math.min(rows, fromRow);
    }
}
